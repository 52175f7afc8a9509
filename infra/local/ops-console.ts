/**
 * The ops console on the local runtime: its static files (web/ops-console/, built in memory with
 * esbuild when the runtime starts) served at /ops/, beside the API on the same origin, so the page
 * calls the API without CORS. As on AWS (infra/aws/constructs/ops-console-site.ts, S3 behind
 * CloudFront), the sign-in page at /ops/ is public and the console in /ops/console/ is served only
 * to a browser whose signed cookies check out (cloudfront-signed-cookies.ts).
 */
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildOpsConsole, opsConsoleContentSecurityPolicy, opsConsoleFolder, type OpsConsoleFile } from '../../web/ops-console/build';
import { checkSignedCookies } from './cloudfront-signed-cookies';
import type { LocalOnlyRoute } from './http-gateway';
import type { LocalConsoleSigningKey } from './ops-console-signing-key';

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

const redirect = (path: string, location: string): LocalOnlyRoute => ({
  method: 'GET',
  path,
  handle: () => ({ statusCode: 308, headers: { location, 'cache-control': 'no-store' }, body: '' }),
});

/** A console file: served only with valid signed cookies, else 403 as CloudFront answers (with the way back to sign-in). */
const signedInRoute = (route: LocalOnlyRoute, signingKey: Pick<LocalConsoleSigningKey, 'keyPairId' | 'publicKey'>): LocalOnlyRoute => ({
  ...route,
  handle: (url, headers) => {
    const cookie = headers.cookie;
    const check = checkSignedCookies(Array.isArray(cookie) ? cookie.join('; ') : cookie, url.href, signingKey);
    if (check.allowed) return route.handle(url, headers);
    return { statusCode: 403, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: `${check.reason}. Sign in at ${opsConsolePath} first.\n` };
  },
});

/**
 * The console's routes: /ops redirects to /ops/ (pages link their assets relatively); /ops/ is the
 * sign-in page with its assets and config.json; /ops/console/ is the console with its bundle and
 * config.json (the API is on this origin), for signed-in browsers only. A build that fails (e.g.
 * dependencies not installed) leaves the API running and the page saying why.
 */
export function opsConsoleRoutes({
  signingKey,
  log = (message: string) => console.error(message),
  build = () => buildOpsConsole(),
}: { signingKey: Pick<LocalConsoleSigningKey, 'keyPairId' | 'publicKey'>; log?: (message: string) => void; build?: () => OpsConsoleFile[] }): LocalOnlyRoute[] {
  let files: OpsConsoleFile[];
  try {
    files = build();
  } catch (error) {
    log(`The ops console could not be built: ${(error as Error).message}`);
    const page = { contentType: 'text/plain; charset=utf-8', body: `The ops console could not be built (see the runtime's log): ${(error as Error).message}\n` };
    return [{ ...fileRoute(opsConsolePath, page), handle: () => ({ statusCode: 503, headers: { 'content-type': page.contentType }, body: page.body }) }];
  }
  const config = { contentType: 'application/json', body: JSON.stringify({ apiUrl: '' }) };
  const consoleFolder = `${opsConsolePath}${opsConsoleFolder}/`;
  const page = (folder: string) => files.find((file) => file.path === `${folder}index.html`) as OpsConsoleFile;
  const isConsoleFile = (file: OpsConsoleFile) => file.path.startsWith(`${opsConsoleFolder}/`);
  return [
    redirect('/ops', opsConsolePath),
    fileRoute(opsConsolePath, page('')),
    ...files.filter((file) => !isConsoleFile(file)).map((file) => fileRoute(`${opsConsolePath}${file.path}`, file)),
    fileRoute(`${opsConsolePath}config.json`, config),
    redirect(`${opsConsolePath}${opsConsoleFolder}`, consoleFolder),
    ...[
      fileRoute(consoleFolder, page(`${opsConsoleFolder}/`)),
      ...files.filter(isConsoleFile).map((file) => fileRoute(`${opsConsolePath}${file.path}`, file)),
      fileRoute(`${consoleFolder}config.json`, config),
    ].map((route) => signedInRoute(route, signingKey)),
  ];
}
