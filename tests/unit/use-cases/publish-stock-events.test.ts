import { describe, expect, it } from 'vitest';
import type { StockImage } from '../../../shared/domain/stock-change';
import { eventDetailSchema } from '../../../shared/events/define-event';
import { BackInStock, OutOfStock, StockLow } from '../../../shared/events/catalog/stock-events';
import { eventPublisher } from '../../../shared/events/event-publisher';
import { publishStockEvents, stockEventsFor } from '../../../shared/use-cases/publish-stock-events';
import { RecordingEventTransport } from '../fakes/recording-event-transport';

/** A stored stock record with `available` units promisable (as stored: it may be negative). */
const image = (available: number, overrides: Partial<StockImage> = {}): StockImage => ({
  sku: 'TSHIRT-BLK-M',
  locationId: 'wh-leipzig',
  onHand: Math.max(0, available) + 5,
  reserved: 3,
  safetyStock: 2,
  available,
  lowStockThreshold: 10,
  version: 7,
  updatedAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});

const detailTypesOf = (before: StockImage | undefined, after: StockImage | undefined) =>
  stockEventsFor({ before, after }).map((event) => event.definition.detailType);

describe('which stock events a write fires', () => {
  it.each([
    ['falls from above the threshold to it', 11, 10, ['StockLow']],
    ['falls from above the threshold to just above zero', 50, 1, ['StockLow']],
    ['falls from above the threshold to zero', 11, 0, ['OutOfStock']],
    ['falls from low to zero', 4, 0, ['OutOfStock']],
    ['rises from zero to low', 0, 3, ['BackInStock']],
    ['rises from zero to above the threshold', 0, 30, ['BackInStock']],
    ['stays above the threshold', 30, 11, []],
    ['moves within low', 8, 2, []],
    ['rises from low to above the threshold', 5, 20, []],
    ['stays at zero', 0, 0, []],
  ] as const)('when available %s (%i → %i): %j', (_case, before, after, expected) => {
    // Act
    const fired = detailTypesOf(image(before), image(after));

    // Assess
    expect(fired).toEqual(expected);
  });

  it('fires BackInStock when the record is created with units, and nothing when it is created empty', () => {
    // Act
    const created = detailTypesOf(undefined, image(4));
    const createdEmpty = detailTypesOf(undefined, image(0));

    // Assess
    expect(created).toEqual(['BackInStock']);
    expect(createdEmpty).toEqual([]);
  });

  it('never fires StockLow for a record without a threshold, while out-of-stock and back-in-stock still fire', () => {
    // Prepare
    const noThreshold = (available: number) => image(available, { lowStockThreshold: undefined });

    // Act
    const falling = detailTypesOf(noThreshold(50), noThreshold(1));
    const emptied = detailTypesOf(noThreshold(1), noThreshold(0));
    const refilled = detailTypesOf(noThreshold(0), noThreshold(1));

    // Assess
    expect(falling).toEqual([]);
    expect(emptied).toEqual(['OutOfStock']);
    expect(refilled).toEqual(['BackInStock']);
  });

  it('reads a negative stored available (a count below the reservations) as zero: no event while it stays at or below zero', () => {
    // Act
    const belowZero = detailTypesOf(image(3), image(-2));
    const deeper = detailTypesOf(image(-2), image(-5));
    const backToZero = detailTypesOf(image(-5), image(0));
    const aboveZero = detailTypesOf(image(-1), image(2));

    // Assess
    expect(belowZero).toEqual(['OutOfStock']);
    expect(deeper).toEqual([]);
    expect(backToZero).toEqual([]);
    expect(aboveZero).toEqual(['BackInStock']);
  });

  it('judges each image by its own threshold: a threshold raised above what is left is a crossing, one lowered below it is not', () => {
    // Act
    const raised = detailTypesOf(image(8, { lowStockThreshold: 5 }), image(8, { lowStockThreshold: 10 }));
    const lowered = detailTypesOf(image(8, { lowStockThreshold: 10 }), image(8, { lowStockThreshold: 5 }));

    // Assess
    expect(raised).toEqual(['StockLow']);
    expect(lowered).toEqual([]);
  });

  it('fires nothing for a deleted record', () => {
    expect(detailTypesOf(image(5), undefined)).toEqual([]);
  });
});

describe('publishing stock events', () => {
  it('publishes the position after the write, available clamped, with an id from SKU, location, event and version', async () => {
    // Prepare
    const transport = new RecordingEventTransport();
    const before = image(12);
    const after = image(9, { onHand: 14, reserved: 3, safetyStock: 2, version: 8, updatedAt: '2026-11-23T10:05:00.000Z' });

    // Act
    await publishStockEvents({ before, after }, { events: eventPublisher(transport) });

    // Assess
    const [event] = transport.ofType('StockLow');
    expect(transport.detailTypes).toEqual(['StockLow']);
    expect(eventDetailSchema(StockLow).safeParse(event).error).toBeUndefined();
    expect(event?.metadata).toMatchObject({ eventId: 'stock:TSHIRT-BLK-M:wh-leipzig:StockLow:8', occurredAt: '2026-11-23T10:05:00.000Z' });
    expect(event?.data).toEqual({
      sku: 'TSHIRT-BLK-M',
      locationId: 'wh-leipzig',
      onHand: 14,
      reserved: 3,
      safetyStock: 2,
      available: 9,
      lowStockThreshold: 10,
      stockVersion: 8,
    });
  });

  it('publishes the very same event again for a re-delivered write, so consumers can drop the repeat', async () => {
    // Prepare
    const transport = new RecordingEventTransport();
    const events = eventPublisher(transport, () => new Date('2030-01-01T00:00:00Z'));
    const change = { before: image(2), after: image(-1, { version: 12 }) };

    // Act
    await publishStockEvents(change, { events });
    await publishStockEvents(change, { events });

    // Assess
    const [first, second] = transport.sent;
    expect(transport.detailTypes).toEqual(['OutOfStock', 'OutOfStock']);
    expect(second).toEqual(first);
    expect(eventDetailSchema(OutOfStock).parse(JSON.parse(first?.detail ?? '{}')).data.available).toBe(0);
  });

  it('publishes BackInStock on the bus contract and nothing at all for a write that crosses nothing', async () => {
    // Prepare
    const transport = new RecordingEventTransport();
    const events = eventPublisher(transport);

    // Act
    await publishStockEvents({ before: image(40), after: image(39) }, { events });
    await publishStockEvents({ before: image(0), after: image(6) }, { events });

    // Assess
    expect(transport.detailTypes).toEqual(['BackInStock']);
    expect(eventDetailSchema(BackInStock).safeParse(transport.ofType('BackInStock')[0]).error).toBeUndefined();
  });
});
