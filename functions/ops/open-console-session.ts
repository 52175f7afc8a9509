import { authenticateApiKey, now, signer } from '../../shared/composition/console-session-context';
import { OpenConsoleSessionRequestSchema, opsApiLimits } from '../../shared/contracts/ops';
import { apiHandler } from '../../shared/http/api-handler';
import { openConsoleSession } from '../../shared/use-cases/ops/open-console-session';

/** POST /ops/console-session: the signed cookies that open the ops console's files in this browser. */
export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'ops', body: { schema: OpenConsoleSessionRequestSchema, maxBytes: opsApiLimits.maxBodyBytes } },
  async ({ body, headers }) => {
    const session = await openConsoleSession({ consoleUrl: body.consoleUrl, origin: headers.origin }, { signer, now });
    return { status: 200, body: { expiresAt: session.expiresAt }, cookies: session.cookies };
  },
);
