/**
 * `npm run catalog`: writes the generated event catalog (JSON Schemas and docs/events.md) and
 * removes schema files of events that no longer exist, so docs/ holds exactly what is published.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateEventCatalog, schemaDirectory } from './event-catalog';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');

const files = generateEventCatalog();
const schemaRoot = join(repositoryRoot, schemaDirectory);
mkdirSync(schemaRoot, { recursive: true });
const existing = readdirSync(schemaRoot, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile())
  .map((entry) => relative(repositoryRoot, join(entry.parentPath, entry.name)));
for (const stale of existing.filter((path) => !files.has(path))) {
  rmSync(join(repositoryRoot, stale));
  console.log(`removed ${stale}`);
}
for (const [path, content] of files) {
  mkdirSync(dirname(join(repositoryRoot, path)), { recursive: true });
  writeFileSync(join(repositoryRoot, path), content);
}
console.log(`wrote ${files.size} files (${schemaDirectory}/ and docs/events.md)`);
