/**
 * Minified size of every Lambda bundle, built with the exact esbuild settings CDK deploys with.
 */
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { apiFunctions } from '../infra/definitions/api';
import { lambdaBundling } from '../infra/definitions/bundling';

export async function measureBundleSizes(repositoryRoot: string): Promise<{ name: string; bytes: number }[]> {
  const sizes: { name: string; bytes: number }[] = [];
  for (const definition of Object.values(apiFunctions)) {
    const result = await build({
      entryPoints: [resolve(repositoryRoot, definition.entry)],
      bundle: true,
      platform: 'node',
      target: lambdaBundling.target,
      format: lambdaBundling.format,
      minify: lambdaBundling.minify,
      mainFields: [...lambdaBundling.mainFields],
      banner: { js: lambdaBundling.banner },
      external: [...lambdaBundling.externalModules],
      write: false,
      outfile: 'index.mjs',
      logLevel: 'silent',
    });
    const bytes = result.outputFiles.filter((file) => file.path.endsWith('.mjs')).reduce((sum, file) => sum + file.contents.byteLength, 0);
    sizes.push({ name: definition.name, bytes });
  }
  return sizes;
}
