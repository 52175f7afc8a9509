/**
 * The ops console as built (web/ops-console/build.ts) and as the local runtime serves it
 * (infra/local/ops-console.ts): self-contained pages (nothing fetched from elsewhere), the public
 * sign-in page under /ops/ and the console under /ops/console/ for browsers whose CloudFront signed
 * cookies check out, with the security headers.
 */
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cloudFrontConsoleCookieSigner } from '../../../shared/adapters/cloudfront/cloudfront-console-cookie-signer';
import { openConsoleSession } from '../../../shared/use-cases/ops/open-console-session';
import { opsConsolePath, opsConsoleRoutes } from '../../../infra/local/ops-console';
import { buildOpsConsole, opsConsoleContentSecurityPolicy } from '../../../web/ops-console/build';

const files = buildOpsConsole();
const file = (path: string) => files.find((candidate) => candidate.path === path);

const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const signingKey = { keyPairId: 'K-TEST', publicKey: createPublicKey(keys.publicKey) };
const signer = cloudFrontConsoleCookieSigner({ env: { OPS_CONSOLE_KEY_PAIR_ID: 'K-TEST', OMS_OPS_CONSOLE_PRIVATE_KEY: keys.privateKey } });

describe('ops console build', () => {
  it('is a sign-in page at the root and the console in its folder, each one page, one script and one stylesheet', () => {
    expect(files.map((candidate) => candidate.path).sort()).toEqual([
      'assets/sign-in.css',
      'assets/sign-in.js',
      'console/assets/console.css',
      'console/assets/console.js',
      'console/assets/console.js.LEGAL.txt',
      'console/index.html',
      'index.html',
    ]);
    expect(file('index.html')?.body).toContain('<script type="module" src="assets/sign-in.js"></script>');
    expect(file('console/index.html')?.body).toContain('<script type="module" src="assets/console.js"></script>');
    expect(file('console/index.html')?.body).toContain('<link rel="stylesheet" href="assets/console.css">');
    expect(file('console/assets/console.js.LEGAL.txt')?.body).toMatch(/Chart\.js/);
    // The sign-in page does not carry the console (its charts and graph layout).
    expect(file('assets/sign-in.js')?.body.length).toBeLessThan(20_000);
  });

  it('loads nothing from elsewhere: no absolute URL but the SVG namespace, no web fonts, no inline script', () => {
    const urls = files.flatMap((candidate) => (candidate.path.endsWith('.txt') ? [] : [...candidate.body.matchAll(/https?:\/\/[^\s"'`)]+/g)].map((match) => match[0])));
    expect([...new Set(urls)]).toEqual(['http://www.w3.org/2000/svg']);
    expect(file('console/assets/console.css')?.body).not.toMatch(/@import|@font-face|url\(/);
    for (const page of ['index.html', 'console/index.html']) expect(file(page)?.body).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/);
  });
});

describe('ops console on the local runtime', () => {
  const routes = opsConsoleRoutes({ signingKey });
  const answer = (path: string, cookie?: string) => {
    const route = routes.find((candidate) => candidate.path === path);
    if (!route) throw new Error(`no route ${path}`);
    return route.handle(new URL(`http://127.0.0.1:3000${path}`), cookie === undefined ? {} : { cookie }) as { statusCode: number; headers: Record<string, string>; body: string };
  };
  /** Signs in as the sign-in page does, and answers the Cookie header the browser would then send to the console's folder. */
  const signIn = async (consoleUrl = 'http://127.0.0.1:3000/ops/console/', now = new Date()) => {
    const session = await openConsoleSession({ consoleUrl, origin: new URL(consoleUrl).origin }, { signer, now: () => now });
    return session.cookies.map((cookie) => cookie.slice(0, cookie.indexOf(';'))).join('; ');
  };

  it('redirects /ops to /ops/, the public sign-in page, and /ops/console to /ops/console/', () => {
    expect(answer('/ops')).toMatchObject({ statusCode: 308, headers: { location: opsConsolePath } });
    expect(answer(opsConsolePath)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(answer('/ops/assets/sign-in.js').statusCode).toBe(200);
    expect(answer('/ops/console')).toMatchObject({ statusCode: 308, headers: { location: '/ops/console/' } });
  });

  it('answers 403 for the console’s files without signed cookies, as CloudFront does, and serves them once signed in', async () => {
    const cookie = await signIn();

    expect(answer('/ops/console/')).toMatchObject({ statusCode: 403, body: expect.stringContaining('Sign in at /ops/') });
    expect(answer('/ops/console/assets/console.js').statusCode).toBe(403);
    expect(answer('/ops/console/', cookie)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(answer('/ops/console/assets/console.js', cookie).statusCode).toBe(200);
  });

  it('refuses expired, forged, foreign-folder and foreign-key cookies', async () => {
    const expired = await signIn(undefined, new Date(Date.now() - 9 * 60 * 60 * 1000));
    const otherFolder = await signIn('http://127.0.0.1:3000/elsewhere/');
    const valid = await signIn();
    const forged = valid.replace(/CloudFront-Policy=([^;]+)/, (_, policy: string) => `CloudFront-Policy=${policy.slice(0, -4)}AAAA`);
    const otherKey = valid.replace('CloudFront-Key-Pair-Id=K-TEST', 'CloudFront-Key-Pair-Id=K-OTHER');

    expect(answer('/ops/console/', expired)).toMatchObject({ statusCode: 403, body: expect.stringContaining('expired') });
    expect(answer('/ops/console/', otherFolder)).toMatchObject({ statusCode: 403, body: expect.stringContaining('does not cover') });
    expect(answer('/ops/console/', forged)).toMatchObject({ statusCode: 403 });
    expect(answer('/ops/console/', otherKey)).toMatchObject({ statusCode: 403, body: expect.stringContaining('Unknown Key') });
  });

  it('serves the bundle with its media type and the page’s security headers', async () => {
    const script = answer('/ops/console/assets/console.js', await signIn());

    expect(script.statusCode).toBe(200);
    expect(script.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'content-security-policy': opsConsoleContentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(answer('/ops/assets/sign-in.css').headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('tells both pages the API is on this origin', async () => {
    expect(JSON.parse(answer('/ops/config.json').body)).toEqual({ apiUrl: '' });
    expect(JSON.parse(answer('/ops/console/config.json', await signIn()).body)).toEqual({ apiUrl: '' });
  });

  it('answers 503 with the reason when the page cannot be built, and keeps the runtime up', () => {
    const logged: string[] = [];
    const broken = opsConsoleRoutes({ signingKey, log: (message) => logged.push(message), build: () => { throw new Error('Could not resolve "chart.js"'); } });

    const page = broken[0]?.handle(new URL('http://localhost/ops/'), {}) as { statusCode: number; body: string };
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Could not resolve "chart.js"');
    expect(logged[0]).toContain('could not be built');
  });
});
