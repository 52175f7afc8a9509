import { buildOpenApiDocument } from '../../shared/contracts/openapi';
import { apiHandler } from '../../shared/http/api-handler';

const document = buildOpenApiDocument();

export const handler = apiHandler({}, async () => ({
  status: 200,
  body: document,
  headers: { 'cache-control': 'public, max-age=300' },
}));
