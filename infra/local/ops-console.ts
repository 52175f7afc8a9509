/**
 * The ops console on the local runtime: its static files (web/ops-console/, built in memory with
 * esbuild when the runtime starts) served at /ops/, beside the API on the same origin, so the page
 * calls the API without CORS. Local only: on AWS the page is on S3 behind CloudFront
 * (infra/aws/constructs/ops-console-site.ts).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildOpsConsole, opsConsoleContentSecurityPolicy, type OpsConsoleFile } from '../../web/ops-console/build';
import type { LocalOnlyRoute } from './http-gateway';

export const opsConsolePath = '/ops/';

const securityHeaders = {
  'content-security-policy': opsConsoleContentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // Rebuilt on every start: never cached by the browser.
  'cache-control': 'no-store',
};

const fileRoute = (path: string, file: Pick<OpsConsoleFile, 'contentType' | 'body'>): LocalOnlyRoute => ({
  method: 'GET',
  path,
  handle: (): APIGatewayProxyStructuredResultV2 => ({ statusCode: 200, headers: { 'content-type': file.contentType, ...securityHeaders }, body: file.body }),
});

/**
 * The console's routes: /ops redirects to /ops/ (the page links its assets relatively), /ops/ is the
 * page, /ops/assets/* its bundle, /ops/config.json says the API is on this origin. A build that fails
 * (e.g. dependencies not installed) leaves the API running and the page saying why.
 */
export function opsConsoleRoutes({
  log = (message: string) => console.error(message),
  build = () => buildOpsConsole(),
}: { log?: (message: string) => void; build?: () => OpsConsoleFile[] } = {}): LocalOnlyRoute[] {
  let files: OpsConsoleFile[];
  try {
    files = build();
  } catch (error) {
    log(`The ops console could not be built: ${(error as Error).message}`);
    const page = { contentType: 'text/plain; charset=utf-8', body: `The ops console could not be built (see the runtime's log): ${(error as Error).message}\n` };
    return [{ ...fileRoute(opsConsolePath, page), handle: () => ({ statusCode: 503, headers: { 'content-type': page.contentType }, body: page.body }) }];
  }
  const index = files.find((file) => file.path === 'index.html') as OpsConsoleFile;
  return [
    { method: 'GET', path: '/ops', handle: () => ({ statusCode: 308, headers: { location: opsConsolePath, 'cache-control': 'no-store' }, body: '' }) },
    fileRoute(opsConsolePath, index),
    ...files.map((file) => fileRoute(`${opsConsolePath}${file.path}`, file)),
    fileRoute(`${opsConsolePath}config.json`, { contentType: 'application/json', body: JSON.stringify({ apiUrl: '' }) }),
  ];
}
