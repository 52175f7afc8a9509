import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  documentedCatalog,
  eventBridgeEventSchema,
  eventJsonSchema,
  exampleEvent,
  generateEventCatalog,
  schemaDirectory,
  schemaIdOf,
  schemaPathOf,
} from '../../../infra/tools/event-catalog';
import { eventCatalog } from '../../../shared/events/catalog';

const repositoryRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const outdated = 'The checked-in event catalog is out of date: run npm run catalog';

const checkedInSchemaFiles = () =>
  readdirSync(join(repositoryRoot, schemaDirectory), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(repositoryRoot, join(entry.parentPath, entry.name)))
    .sort();

describe('event catalog', () => {
  it('is checked in exactly as `npm run catalog` generates it, with no file of a removed event left', () => {
    // Act
    const generated = generateEventCatalog();

    // Assess
    for (const [path, content] of generated) {
      let checkedIn: string | undefined;
      try {
        checkedIn = readFileSync(join(repositoryRoot, path), 'utf8');
      } catch {
        checkedIn = undefined;
      }
      expect(checkedIn, `${outdated} (${path})`).toBe(content);
    }
    expect(checkedInSchemaFiles(), outdated).toEqual([...generated.keys()].filter((path) => path.startsWith(`${schemaDirectory}/`)).sort());
  });

  it('documents every catalog event exactly once', () => {
    // Act
    const documented = documentedCatalog();

    // Assess
    expect(documented.map((entry) => entry.definition)).toEqual([...eventCatalog]);
  });

  it('names each event once per (source, detail-type), so its schema id and file are unique too', () => {
    // Act
    const keys = eventCatalog.map((definition) => `${definition.source}|${definition.detailType}`);
    const ids = eventCatalog.map(schemaIdOf);
    const paths = eventCatalog.map(schemaPathOf);

    // Assess
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(paths).size).toBe(paths.length);
  });

  it.each(documentedCatalog().map((entry) => [`${entry.definition.source} ${entry.definition.detailType}`, entry] as const))(
    'has an example of %s that validates against its JSON Schema and its zod definition',
    (_name, entry) => {
      // Prepare
      const ajv = new Ajv2020({ strict: true, allErrors: true });
      addFormats.default(ajv);
      const validate = ajv.compile(eventJsonSchema(entry.definition));
      const example = exampleEvent(entry);

      // Act
      const valid = validate(example);
      const parsed = eventBridgeEventSchema(entry.definition).safeParse(example);

      // Assess
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(valid).toBe(true);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    },
  );

  it('rejects an event whose detail breaks the contract, so the schemas are not vacuous', () => {
    // Prepare
    const [entry] = documentedCatalog();
    const ajv = new Ajv2020({ strict: true });
    addFormats.default(ajv);
    const validate = ajv.compile(eventJsonSchema(entry!.definition));
    const example = exampleEvent(entry!) as { detail: { data: Record<string, unknown> } };

    // Act
    const withoutOrder = validate({ ...example, detail: { ...example.detail, data: { ...example.detail.data, order: undefined } } });
    const otherType = validate({ ...example, 'detail-type': 'SomethingElse' });

    // Assess
    expect(withoutOrder).toBe(false);
    expect(otherType).toBe(false);
  });
});
