/**
 * Builds the ops console with esbuild: the public sign-in page at the root (index.html, its script
 * and stylesheet) and the console itself in the console/ folder (index.html, one script, one
 * stylesheet), which only a signed-in browser may load. The libraries (Chart.js, dagre) are bundled
 * in, so the pages need nothing from the network but the API.
 *
 * Used by the local runtime (in memory, at start), by the CDK construct (into its asset directory, at
 * synth) and from the command line: `npm run build:ops-console [-- <outDir>]` (default web/ops-console/dist).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

export const opsConsoleSourceDirectory = dirname(fileURLToPath(import.meta.url));

/** The folder the console itself is built into, beside the public sign-in page. */
export const opsConsoleFolder = 'console';

/**
 * What the page may load and call: itself only (its script, its stylesheet, and the API on the same
 * origin: the local runtime, or CloudFront's /api path on AWS). Both targets send it.
 */
export const opsConsoleContentSecurityPolicy =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export interface OpsConsoleFile {
  /** Relative to the site's root, e.g. `assets/console.js`. */
  readonly path: string;
  readonly contentType: string;
  readonly body: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};
const contentTypeOf = (path: string) => contentTypes[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/** The site's files; written under `outDir` too when given. */
export function buildOpsConsole({ outDir, minify = true }: { outDir?: string; minify?: boolean } = {}): OpsConsoleFile[] {
  const result = buildSync({
    entryPoints: { console: join(opsConsoleSourceDirectory, 'src/main.ts'), 'sign-in': join(opsConsoleSourceDirectory, 'src/sign-in-page.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022', 'chrome111', 'firefox111', 'safari16'],
    minify,
    legalComments: 'linked',
    // Paths only, no file system layout: the names below are what index.html links to.
    outdir: '/assets',
    write: false,
    logLevel: 'silent',
  });
  const html = (path: string, source: string): OpsConsoleFile => ({ path, contentType: contentTypes['.html'] as string, body: readFileSync(join(opsConsoleSourceDirectory, source), 'utf8') });
  const files: OpsConsoleFile[] = [
    html('index.html', 'sign-in.html'),
    html(`${opsConsoleFolder}/index.html`, 'index.html'),
    ...result.outputFiles.map((file) => {
      const asset = file.path.replace(/^.*?\/assets\//, 'assets/');
      // The console's own bundle lives in its folder; the sign-in page's at the root.
      const path = asset.startsWith('assets/sign-in') ? asset : `${opsConsoleFolder}/${asset}`;
      return { path, contentType: contentTypeOf(path), body: file.text };
    }),
  ];
  if (outDir) {
    for (const file of files) {
      const target = join(outDir, file.path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, file.body);
    }
  }
  return files;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const outDir = resolve(process.argv[2] ?? join(opsConsoleSourceDirectory, 'dist'));
  const files = buildOpsConsole({ outDir });
  console.log(`Ops console built into ${outDir}: ${files.map((file) => `${file.path} (${Math.round(file.body.length / 1024)} KB)`).join(', ')}`);
}
