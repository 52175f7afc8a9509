/**
 * How a domain event is declared: one zod schema for its data, with the EventBridge `source` and
 * `detail-type` it travels under and a version. The publisher validates against it before sending,
 * and the catalog (JSON Schema per event) is generated from it.
 */
import * as z from 'zod';

/** Ties an event to the order, execution and channel it belongs to, so consumers can correlate. */
export const EventCorrelationSchema = z
  .object({
    orderId: z.string().optional(),
    executionArn: z.string().optional(),
    channelId: z.string().optional(),
    returnId: z.string().optional(),
  })
  .meta({ id: 'EventCorrelation' });
export type EventCorrelation = z.infer<typeof EventCorrelationSchema>;

/** The envelope every event's `detail` has: metadata for dedup and correlation, then the data. */
export const EventMetadataSchema = z
  .object({
    eventId: z.string().min(1).describe('Unique per event; the same business fact published twice carries the same id, so consumers dedup on it'),
    eventVersion: z.int().min(1),
    occurredAt: z.iso.datetime(),
    correlation: EventCorrelationSchema,
  })
  .meta({ id: 'EventMetadata' });
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

export interface EventDefinition<Data extends z.ZodType = z.ZodType> {
  /** EventBridge `source`, by area: oms.orders, oms.inventory, ... */
  readonly source: string;
  /** EventBridge `detail-type`: the event's name, e.g. OrderPlaced. */
  readonly detailType: string;
  /** Raised on a breaking change of `data`; consumers can match on it. */
  readonly version: number;
  readonly description: string;
  readonly data: Data;
}

export function defineEvent<Data extends z.ZodType>(definition: EventDefinition<Data>): EventDefinition<Data> {
  return definition;
}

/** The `detail` of an event of `definition`, as it is on the bus. */
export const eventDetailSchema = <Data extends z.ZodType>(definition: EventDefinition<Data>) =>
  z.object({ metadata: EventMetadataSchema.extend({ eventVersion: z.literal(definition.version) }), data: definition.data });

export type EventData<Definition> = Definition extends EventDefinition<infer Data> ? z.infer<Data> : never;

export interface EventDetail<Data = unknown> {
  readonly metadata: EventMetadata;
  readonly data: Data;
}
