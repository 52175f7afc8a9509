/**
 * Opens an ops console session: the caller has already shown an ops key (the route's scope), and
 * gets the signed cookies that let this browser load the console's files for a working day.
 */
import { consoleSessionScope, consoleSessionSeconds, sessionCookies } from '../../domain/ops/console-session';
import type { ConsoleCookieSigner } from '../../ports/console-cookie-signer';

export async function openConsoleSession(
  { consoleUrl, origin }: { consoleUrl: string; origin: string | undefined },
  deps: { signer: ConsoleCookieSigner; now: () => Date },
): Promise<{ cookies: string[]; expiresAt: string }> {
  const scope = consoleSessionScope(consoleUrl, origin);
  const expiresAt = new Date(deps.now().getTime() + consoleSessionSeconds * 1000);
  const signed = await deps.signer.cookiesFor({ resource: scope.resource, expiresAt });
  return { cookies: sessionCookies(signed, scope), expiresAt: expiresAt.toISOString() };
}
