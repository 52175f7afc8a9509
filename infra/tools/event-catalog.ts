/**
 * The event catalog, generated from the zod definitions (shared/events/catalog): one JSON Schema per
 * event, of the whole EventBridge event a consumer receives, and a readable page. `npm run catalog`
 * writes it to docs/; a unit test regenerates it in memory and fails when the checked-in files differ.
 */
import { createHash } from 'node:crypto';
import * as z from 'zod';
import { eventBusName } from '../definitions/event-bus';
import { eventCatalog } from '../../shared/events/catalog';
import { catalogDocumentation, fieldGlossary, type EventDocumentation } from '../../shared/events/catalog/catalog-documentation';
import { eventDetailSchema, type EventDefinition } from '../../shared/events/define-event';

/** Where the catalog lives, relative to the repository root. */
export const catalogPage = 'docs/events.md';
export const schemaDirectory = 'docs/events';

export const schemaPathOf = (definition: EventDefinition) => `${schemaDirectory}/${definition.source}/${definition.detailType}.v${definition.version}.schema.json`;

/** A stable, absolute identifier per event and version: what `$id` says and what a registry would key on. */
export const schemaIdOf = (definition: EventDefinition) => `urn:oms:events:${definition.source}:${definition.detailType}:v${definition.version}`;

/**
 * The event as EventBridge delivers it to a rule's target. Unknown fields are allowed (the schemas
 * describe the input side): adding an optional field is not a breaking change and keeps the version.
 */
export const eventBridgeEventSchema = (definition: EventDefinition) =>
  z.object({
    version: z.literal('0').describe('EventBridge’s envelope version'),
    id: z.string().describe('EventBridge’s id of this put: differs when the OMS publishes the same fact again, so dedup on detail.metadata.eventId instead'),
    'detail-type': z.literal(definition.detailType),
    source: z.literal(definition.source),
    account: z.string().describe('The AWS account of the bus'),
    time: z.iso.datetime().describe('When EventBridge took the event (second precision)'),
    region: z.string(),
    resources: z.array(z.string()),
    detail: eventDetailSchema(definition),
  });

export function eventJsonSchema(definition: EventDefinition): Record<string, unknown> {
  const { $schema, ...generated } = z.toJSONSchema(eventBridgeEventSchema(definition), { target: 'draft-2020-12', io: 'input' });
  return {
    $schema,
    $id: schemaIdOf(definition),
    title: `${definition.detailType} v${definition.version}`,
    description: definition.description,
    ...generated,
  };
}

/** The documented example of `entry` as a complete EventBridge event. */
export function exampleEvent(entry: EventDocumentation): Record<string, unknown> {
  const { definition } = entry;
  const order = (entry.example as { order?: { orderId?: string; channelId?: string } }).order;
  const digest = createHash('sha256').update(entry.eventId).digest('hex');
  return {
    version: '0',
    id: `${digest.slice(0, 8)}-${digest.slice(8, 12)}-${digest.slice(12, 16)}-${digest.slice(16, 20)}-${digest.slice(20, 32)}`,
    'detail-type': definition.detailType,
    source: definition.source,
    account: '123456789012',
    time: entry.occurredAt.replace(/\.\d+Z$/, 'Z'),
    region: 'eu-central-1',
    resources: [],
    detail: {
      metadata: {
        eventId: entry.eventId,
        eventVersion: definition.version,
        occurredAt: entry.occurredAt,
        correlation: order ? { orderId: order.orderId, channelId: order.channelId } : {},
      },
      data: entry.example,
    },
  };
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const keyOf = (definition: EventDefinition) => `${definition.source} ${definition.detailType}`;

/** The documentation of every catalog event, in catalog order; throws for a missing or stray entry. */
export function documentedCatalog(): EventDocumentation[] {
  const byDefinition = new Map(catalogDocumentation.map((entry) => [entry.definition, entry]));
  const missing = eventCatalog.filter((definition) => !byDefinition.has(definition));
  if (missing.length > 0) {
    throw new Error(`Not documented in shared/events/catalog/catalog-documentation.ts: ${missing.map(keyOf).join(', ')}`);
  }
  const stray = catalogDocumentation.filter((entry) => !(eventCatalog as readonly EventDefinition[]).includes(entry.definition));
  if (stray.length > 0) throw new Error(`Documented but not in the event catalog: ${stray.map((entry) => keyOf(entry.definition)).join(', ')}`);
  return eventCatalog.map((definition) => byDefinition.get(definition) as EventDocumentation);
}

/** Every generated file, by its path relative to the repository root. */
export function generateEventCatalog(): Map<string, string> {
  const entries = documentedCatalog();
  const files = new Map<string, string>();
  for (const { definition } of entries) files.set(schemaPathOf(definition), json(eventJsonSchema(definition)));
  files.set(catalogPage, renderCatalogPage(entries));
  return files;
}

type JsonSchema = {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
};

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');

const sharedTypeHeading = (name: string) => `${name} (shared type)`;
const refName = (ref: string) => ref.replace('#/$defs/', '');
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

/** Enumerations longer than this are summarized (the currency codes would fill a screen). */
const maxListedEnumValues = 16;

function typeOf(schema: JsonSchema): string {
  if (schema.$ref) {
    const name = refName(schema.$ref);
    return `[${name}](#${anchorOf(sharedTypeHeading(name))})`;
  }
  if (schema.const !== undefined) return code(schema.const);
  if (schema.enum) {
    return schema.enum.length <= maxListedEnumValues ? schema.enum.map(code).join(' | ') : `${schema.type ?? 'value'}, one of ${schema.enum.length} values (see the schema)`;
  }
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeOf).join(' or ');
  if (schema.type === 'array') return `${schema.items ? typeOf(schema.items) : 'value'}[]`;
  if (schema.type === 'object' && !schema.properties && typeof schema.additionalProperties === 'object') return `map of string to ${typeOf(schema.additionalProperties)}`;
  const type = typeof schema.type === 'string' ? schema.type : (schema.type?.join(' or ') ?? 'any');
  return schema.format ? `${type} (${schema.format})` : type;
}

interface FieldRow {
  readonly path: string;
  readonly type: string;
  readonly required: boolean;
  readonly description: string;
}

/** The fields of an object schema, nested inline objects (and arrays of them) flattened into dotted paths. */
function fieldRows(schema: JsonSchema, prefix = ''): FieldRow[] {
  const rows: FieldRow[] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${name}`;
    const description = property.description ?? fieldGlossary[path] ?? fieldGlossary[name] ?? '';
    rows.push({ path, type: typeOf(property), required: schema.required?.includes(name) ?? false, description });
    if (property.properties) rows.push(...fieldRows(property, `${path}.`));
    if (property.type === 'array' && property.items?.properties) rows.push(...fieldRows(property.items, `${path}[].`));
  }
  return rows;
}

const fieldTable = (rows: readonly FieldRow[]) =>
  rows.length === 0
    ? ['No fields.']
    : [
        '| Field | Type | Required | Description |',
        '|---|---|---|---|',
        ...rows.map((row) => `| \`${row.path}\` | ${cell(row.type)} | ${row.required ? 'yes' : 'no'} | ${cell(row.description)} |`),
      ];

function renderEvent(entry: EventDocumentation, schema: JsonSchema): string[] {
  const { definition } = entry;
  const data = schema.properties?.detail?.properties?.data ?? {};
  return [
    `### ${definition.detailType} v${definition.version}`,
    '',
    definition.description,
    '',
    `- **Source:** \`${definition.source}\``,
    `- **Detail type:** \`${definition.detailType}\``,
    `- **Version:** ${definition.version} (\`detail.metadata.eventVersion\`)`,
    `- **Published when:** ${entry.publishedWhen}`,
    `- **Event id, e.g.:** \`${entry.eventId}\``,
    `- **JSON Schema:** [${schemaPathOf(definition).replace('docs/', '')}](${schemaPathOf(definition).replace('docs/', '')})`,
    '',
    'Fields of `detail.data`:',
    '',
    ...fieldTable(fieldRows(data)),
    '',
    '<details><summary>Example event</summary>',
    '',
    '```json',
    JSON.stringify(exampleEvent(entry), null, 2),
    '```',
    '',
    '</details>',
    '',
  ];
}

/** The shared types (schemas with an id, `$defs` in the files) the events use, each documented once. */
function sharedTypes(schemas: readonly JsonSchema[]): [string, JsonSchema][] {
  const types = new Map<string, JsonSchema>();
  for (const schema of schemas) for (const [name, definition] of Object.entries(schema.$defs ?? {})) types.set(name, definition);
  return [...types].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The readable page, rendered from the JSON Schemas so that it says what the schema files say. */
export function renderCatalogPage(entries: readonly EventDocumentation[]): string {
  const schemas = entries.map((entry) => eventJsonSchema(entry.definition) as JsonSchema);
  const sources = [...new Set(entries.map((entry) => entry.definition.source))];
  const lines = [
    '# Event catalog',
    '',
    '<!-- Generated by `npm run catalog` from shared/events/catalog; edit the definitions, not this file. -->',
    '',
    `Every domain event of the OMS is published on the EventBridge bus \`${eventBusName}\` through one`,
    'publisher (shared/events/event-publisher.ts), which validates it against its definition first. A JSON',
    'Schema of each event, as a rule target receives it, is in [docs/events/](events/).',
    '',
    'The envelope is the same for every event: `detail.metadata` (`eventId`, `eventVersion`, `occurredAt`,',
    '`correlation`) and `detail.data`, the event’s own fields.',
    '',
    '- **Dedup on `detail.metadata.eventId`.** EventBridge delivers at least once, and a retried step',
    '  publishes the same fact again under the same event id (the EventBridge `id` differs).',
    '- **Versions.** `eventVersion` rises on a breaking change of `data` (a field removed, renamed or',
    '  retyped); a new optional field keeps the version, so consumers ignore fields they do not know.',
    '- **Subscribe** with a rule on the bus, e.g.',
    '  `{"source": ["oms.orders"], "detail-type": ["ShipmentShipped"], "detail": {"metadata": {"eventVersion": [1]}}}`.',
    '',
    '| Source | Detail type | Version | Description |',
    '|---|---|---|---|',
    ...entries.map(({ definition }) => `| \`${definition.source}\` | [${definition.detailType}](#${anchorOf(`${definition.detailType} v${definition.version}`)}) | ${definition.version} | ${cell(definition.description)} |`),
    '',
  ];
  for (const source of sources) {
    lines.push(`## ${source}`, '');
    entries.forEach((entry, index) => {
      if (entry.definition.source === source) lines.push(...renderEvent(entry, schemas[index] as JsonSchema));
    });
  }
  lines.push('## Shared types', '');
  for (const [name, schema] of sharedTypes(schemas)) {
    lines.push(`### ${sharedTypeHeading(name)}`, '');
    if (schema.description) lines.push(schema.description, '');
    lines.push(...(schema.properties ? fieldTable(fieldRows(schema)) : [`${typeOf(schema)}`]), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
