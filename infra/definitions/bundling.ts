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
  /**
   * The Node.js 22 Lambda runtime ships AWS SDK v3, so it is not bundled (CDK's own default):
   * it halves every bundle that talks to DynamoDB. The price is that the SDK version is the
   * runtime's, not package-lock's; the SDK's wire protocol is stable, and the local runtime and
   * tests pin the lock-file version.
   */
  externalModules: ['@aws-sdk/*'],
  /** ESM bundles need a `require` for the CommonJS parts of dependencies. */
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;
