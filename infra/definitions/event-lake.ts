/**
 * The event lake, named once: every OMS event as one row of a Glue table, stored as Parquet in S3
 * by Firehose and queried with Athena. The stateful stack builds the table, the stream and the rule
 * that feeds it from these names and columns; the dashboard and the alarms find the stream and its
 * dead-letter queue by name; the tests and the README query the same names.
 *
 * AWS only: locally the bus keeps its last events in memory (GET /dev/events).
 */

/** What every OMS source starts with: `oms.<area>` (oms.orders, oms.inventory, oms.returns). */
export const omsSourcePrefix = 'oms.';

/** Every event an OMS area publishes. */
export const omsEventsPattern = { source: [{ prefix: omsSourcePrefix }] };

export interface EventLakeColumn {
  /** The Glue column: lower case, because Glue and Athena fold column names to lower case. */
  readonly name: string;
  readonly type: 'string' | 'int' | 'timestamp';
  /** Where the value is in the EventBridge event; a path an event lacks gives NULL. */
  readonly path: string;
  readonly comment: string;
}

/**
 * The envelope EventBridge adds, then what every OMS event's `detail.metadata` carries
 * (shared/events/define-event.ts), then the whole detail as JSON for everything else.
 */
export const eventLakeColumns = [
  { name: 'id', type: 'string', path: '$.id', comment: 'EventBridge event id; a republished fact gets a new one, so deduplicate on event_id' },
  { name: 'source', type: 'string', path: '$.source', comment: 'The publishing area: oms.orders, oms.inventory, oms.returns' },
  { name: 'detail_type', type: 'string', path: '$.detail-type', comment: 'The event name, e.g. OrderPlaced' },
  { name: 'time', type: 'timestamp', path: '$.time', comment: 'When EventBridge received the event, UTC' },
  { name: 'region', type: 'string', path: '$.region', comment: 'AWS region of the bus' },
  { name: 'account', type: 'string', path: '$.account', comment: 'AWS account of the bus' },
  { name: 'event_id', type: 'string', path: '$.detail.metadata.eventId', comment: 'The OMS event id: the same business fact always has the same one' },
  { name: 'event_version', type: 'int', path: '$.detail.metadata.eventVersion', comment: 'Version of the event data schema (docs/events.md)' },
  { name: 'occurred_at', type: 'timestamp', path: '$.detail.metadata.occurredAt', comment: 'When the fact happened, UTC' },
  { name: 'order_id', type: 'string', path: '$.detail.metadata.correlation.orderId', comment: 'The order the event belongs to, if any' },
  { name: 'channel_id', type: 'string', path: '$.detail.metadata.correlation.channelId', comment: 'The sales channel the event belongs to, if any' },
  { name: 'return_id', type: 'string', path: '$.detail.metadata.correlation.returnId', comment: 'The return the event belongs to, if any' },
  { name: 'detail', type: 'string', path: '$.detail', comment: "The whole detail (metadata and data) as JSON: json_extract_scalar(detail, '$.data...')" },
] as const satisfies readonly EventLakeColumn[];

export const eventLake = {
  /** Glue database and table: `SELECT ... FROM oms.events`. */
  databaseName: 'oms',
  tableName: 'events',
  /**
   * The partition column: the UTC day (yyyy-MM-dd) Firehose received the event, which is the
   * event's own day except for the minutes around midnight. Athena projects the partitions from
   * the S3 prefix, so nothing has to add them.
   */
  partitionColumn: 'dt',
  /** The first day partition projection knows of; a query without a `dt` filter reads every day since. */
  firstPartitionDay: '2025-01-01',
  /** Converted events, `events/dt=<day>/`, and records Firehose could not convert or deliver, `errors/<reason>/dt=<day>/`. */
  dataPrefix: 'events/',
  errorPrefix: 'errors/',
  /** The events carry what orders carry, customer contact data included, so they are kept a year like the bus archive, not forever. */
  retentionDays: 365,
  deliveryStreamName: 'oms-event-lake',
  ruleName: 'deliver-events-to-event-lake',
  deadLetterQueueName: 'oms-event-lake-dead-letters',
  workGroupName: 'oms-events',
} as const;

/**
 * The rule target's input transformer: the event as one flat JSON record whose keys are the
 * column names, so the Glue schema reads it without key mappings. A string goes in with its
 * quotes and the detail object as JSON, which the string column keeps as its JSON text.
 */
export const eventLakeInputTransformer = {
  inputPathsMap: Object.fromEntries(eventLakeColumns.map((column) => [column.name, column.path])),
  inputTemplate: `{${eventLakeColumns.map((column) => `"${column.name}": <${column.name}>`).join(', ')}}`,
};
