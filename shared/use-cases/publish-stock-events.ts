/**
 * Stock events from stock changes: a stock record's image before and after a write decides whether
 * StockLow, OutOfStock or BackInStock fires, so buyers, storefronts and marketplaces react to stock
 * crossing a line instead of polling it. Fed by the inventory table's stream (NEW_AND_OLD_IMAGES).
 */
import type { StockChange, StockImage } from '../domain/stock-change';
import { BackInStock, OutOfStock, StockLow } from '../events/catalog/stock-events';
import { domainEvent, type EventPublisher, type PendingEvent } from '../events/event-publisher';

/** What can be promised from the record: a negative stored value promises nothing, like zero. */
const promisable = (image: StockImage | undefined) => Math.max(0, image?.available ?? 0);

/** Low: something left, but no more than the record's own threshold; a record without one is never low. */
const isLow = (image: StockImage | undefined) =>
  image?.lowStockThreshold !== undefined && promisable(image) > 0 && promisable(image) <= image.lowStockThreshold;

/**
 * The events one write fires, judged on what can be promised before and after it:
 * - OutOfStock: from something to nothing;
 * - BackInStock: from nothing (or no record) to something;
 * - StockLow: from not low to low while something was and is left (a fall to zero is OutOfStock,
 *   a rise from zero is BackInStock). Each image is judged by its own threshold, so setting or
 *   raising a threshold above what is left counts as a crossing too.
 * A write that crosses nothing (most reservations, every write to another item) fires nothing.
 * Ids are the record's version: a re-delivered stream record publishes the same ids, and consumers drop the repeat.
 */
export function stockEventsFor({ before, after }: StockChange): PendingEvent[] {
  // A deleted record is not a stock movement, and the OMS never deletes stock records.
  if (!after) return [];
  const was = promisable(before);
  const is = promisable(after);
  const position = {
    sku: after.sku,
    locationId: after.locationId,
    onHand: after.onHand,
    reserved: after.reserved,
    safetyStock: after.safetyStock,
    available: is,
    stockVersion: after.version,
  };
  const options = (detailType: string) => ({
    eventId: `stock:${after.sku}:${after.locationId}:${detailType}:${after.version}`,
    occurredAt: occurredAt(after),
  });

  if (was > 0 && is === 0) return [domainEvent(OutOfStock, position, options(OutOfStock.detailType))];
  if (was === 0 && is > 0) return [domainEvent(BackInStock, position, options(BackInStock.detailType))];
  if (was > 0 && isLow(after) && !isLow(before) && after.lowStockThreshold !== undefined) {
    return [domainEvent(StockLow, { ...position, lowStockThreshold: after.lowStockThreshold }, options(StockLow.detailType))];
  }
  return [];
}

/** The write's own time, so a re-delivered record yields the very same event; the clock only if the record has none. */
function occurredAt(image: StockImage): Date {
  const written = new Date(image.updatedAt);
  return Number.isNaN(written.getTime()) ? new Date() : written;
}

/** Publishes what one stock write fires (usually nothing); throws if the bus does not take it, so the record is retried. */
export async function publishStockEvents(change: StockChange, deps: { events: EventPublisher }): Promise<void> {
  await deps.events.publish(...stockEventsFor(change));
}
