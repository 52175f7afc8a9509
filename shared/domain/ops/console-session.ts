/**
 * The ops console's session at the edge: after sign-in with an ops key, the browser holds CloudFront
 * signed cookies that open the console's files (on AWS the distribution checks them; locally the
 * runtime does the same check). The cookies cover the console's folder and nothing else, for a
 * working day, and only on the site the sign-in came from.
 */
import { InvalidRequestError } from '../errors';

export const consoleSessionSeconds = 8 * 60 * 60;

/** Hosts a console may be served from over plain HTTP: the local runtime only. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface ConsoleSessionScope {
  /** The policy's resource: every file under the console's folder. */
  readonly resource: string;
  /** The cookies' Path: the console's folder. */
  readonly path: string;
  /** Secure cookies, except on the local runtime's plain HTTP. */
  readonly secure: boolean;
}

const invalidConsoleUrl = (message: string) =>
  new InvalidRequestError('CONSOLE_URL_INVALID', message, [{ path: 'consoleUrl', code: 'CONSOLE_URL_INVALID', message }]);

/**
 * Where the session applies: `consoleUrl` is the console's folder (ending in /), on the origin the
 * browser says the request came from, over HTTPS unless that is the local runtime.
 */
export function consoleSessionScope(consoleUrl: string, origin: string | undefined): ConsoleSessionScope {
  const url = URL.canParse(consoleUrl) ? new URL(consoleUrl) : undefined;
  if (!url || url.search || url.hash || !url.pathname.endsWith('/')) throw invalidConsoleUrl('consoleUrl must be the console folder’s address, ending in / (no query, no fragment)');
  const local = url.protocol === 'http:' && loopbackHosts.has(url.hostname);
  if (url.protocol !== 'https:' && !local) throw invalidConsoleUrl('consoleUrl must use https (plain http only on localhost)');
  if (origin === undefined || origin !== url.origin) {
    throw new InvalidRequestError('ORIGIN_MISMATCH', 'A console session is opened from the console’s own site', [
      { path: 'consoleUrl', code: 'ORIGIN_MISMATCH', message: `consoleUrl must be on the origin the request came from (${origin ?? 'no Origin header'})` },
    ]);
  }
  return { resource: `${url.origin}${url.pathname}*`, path: url.pathname, secure: !local };
}

/** Set-Cookie values for the signed cookies: HttpOnly, same-site only, gone when the browser closes. */
export function sessionCookies(signed: Readonly<Record<string, string>>, scope: ConsoleSessionScope): string[] {
  return Object.entries(signed).map(([name, value]) => `${name}=${value}; Path=${scope.path}; HttpOnly; SameSite=Strict${scope.secure ? '; Secure' : ''}`);
}
