import { fileURLToPath } from 'node:url';

/**
 * The repository root, with a trailing slash. Definitions name their files (Lambda entries, ASL
 * definitions) relative to it, so CDK resolves them the same way wherever it is run from.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
