/**
 * The ops console as built (web/ops-console/build.ts) and as the local runtime serves it
 * (infra/local/ops-console.ts): a self-contained page (nothing fetched from elsewhere), its routes
 * under /ops/ with the security headers.
 */
import { describe, expect, it } from 'vitest';
import { opsConsolePath, opsConsoleRoutes } from '../../../infra/local/ops-console';
import { buildOpsConsole, opsConsoleContentSecurityPolicy } from '../../../web/ops-console/build';

const files = buildOpsConsole();
const file = (path: string) => files.find((candidate) => candidate.path === path);

describe('ops console build', () => {
  it('is one page, one script and one stylesheet (with the bundled libraries’ licences)', () => {
    expect(files.map((candidate) => candidate.path).sort()).toEqual(['assets/console.css', 'assets/console.js', 'assets/console.js.LEGAL.txt', 'index.html']);
    expect(file('index.html')?.body).toContain('<script type="module" src="assets/console.js"></script>');
    expect(file('index.html')?.body).toContain('<link rel="stylesheet" href="assets/console.css">');
    expect(file('assets/console.js.LEGAL.txt')?.body).toMatch(/Chart\.js/);
  });

  it('loads nothing from elsewhere: no absolute URL but the SVG namespace, no web fonts, no inline script', () => {
    const urls = files.flatMap((candidate) => (candidate.path.endsWith('.txt') ? [] : [...candidate.body.matchAll(/https?:\/\/[^\s"'`)]+/g)].map((match) => match[0])));
    expect([...new Set(urls)]).toEqual(['http://www.w3.org/2000/svg']);
    expect(file('assets/console.css')?.body).not.toMatch(/@import|@font-face|url\(/);
    expect(file('index.html')?.body).not.toMatch(/<script>(?!<\/script>)|<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/);
  });
});

describe('ops console on the local runtime', () => {
  const routes = opsConsoleRoutes();
  const answer = (path: string) => {
    const route = routes.find((candidate) => candidate.path === path);
    if (!route) throw new Error(`no route ${path}`);
    return route.handle(new URL(`http://localhost${path}`)) as { statusCode: number; headers: Record<string, string>; body: string };
  };

  it('redirects /ops to /ops/, where the page links its assets relatively', () => {
    expect(answer('/ops')).toMatchObject({ statusCode: 308, headers: { location: opsConsolePath } });
    expect(answer(opsConsolePath)).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' } });
  });

  it('serves the bundle with its media type and the page’s security headers', () => {
    const script = answer('/ops/assets/console.js');

    expect(script.statusCode).toBe(200);
    expect(script.headers).toMatchObject({
      'content-type': 'text/javascript; charset=utf-8',
      'content-security-policy': opsConsoleContentSecurityPolicy,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
    });
    expect(answer('/ops/assets/console.css').headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('tells the page the API is on this origin', () => {
    expect(JSON.parse(answer('/ops/config.json').body)).toEqual({ apiUrl: '' });
  });

  it('answers 503 with the reason when the page cannot be built, and keeps the runtime up', () => {
    const logged: string[] = [];
    const broken = opsConsoleRoutes({ log: (message) => logged.push(message), build: () => { throw new Error('Could not resolve "chart.js"'); } });

    const page = broken[0]?.handle(new URL('http://localhost/ops/')) as { statusCode: number; body: string };
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Could not resolve "chart.js"');
    expect(logged[0]).toContain('could not be built');
  });
});
