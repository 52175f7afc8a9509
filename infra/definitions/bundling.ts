/**
 * esbuild settings for Lambda bundles. CDK's NodejsFunction and the bundle-size benchmark read
 * the same values, so the benchmark measures exactly what is deployed.
 */
export const lambdaBundling = {
  target: 'node22',
  minify: true,
  sourceMap: true,
  format: 'esm',
  mainFields: ['module', 'main'],
  /** ESM bundles need a `require` for the CommonJS parts of dependencies. */
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;
