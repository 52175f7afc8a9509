/**
 * Holds that outlived their expiry give their units back. A hold expires when its order never got
 * to consume or release it (a lifecycle stuck or abandoned); left alone, those units could never be
 * promised again. Run on a schedule; DynamoDB's TTL is no substitute, as it deletes late (up to
 * days) and would delete the ledger line without giving the units back.
 */
import type { ExpiredHolds, ReservationRecord } from '../ports/inventory-repository';

export interface ReleaseExpiredReservationsOptions {
  /** Lines looked at per run; what is left over is found by the next run. */
  readonly maxLines?: number;
  /** Releases in flight at once: holds of different SKUs do not contend, holds of one SKU retry on conflict. */
  readonly concurrency?: number;
}

export interface ReleaseExpiredReservationsSummary {
  /** Expired holds the index named. */
  readonly expired: number;
  /** Holds this run released: their units are available again and their ledger lines are RELEASED. */
  readonly released: number;
  /** Holds someone settled (or held again) between the read and the release: left as they are. */
  readonly settledMeanwhile: number;
  /** Whether the run stopped at maxLines, so more expired holds may be waiting. */
  readonly more: boolean;
}

export class ExpiredHoldsNotReleasedError extends AggregateError {
  override name = 'ExpiredHoldsNotReleasedError';
}

/**
 * Releases every hold that expired by now, each exactly once: a release only moves a line that is
 * still the very hold that was read (HELD, same quantity and expiry), so a cancellation, a shipment
 * or another run that gets there first wins, and the units are never given back twice.
 */
export async function releaseExpiredReservations(
  deps: { inventory: ExpiredHolds; now: () => Date },
  { maxLines = 1000, concurrency = 8 }: ReleaseExpiredReservationsOptions = {},
): Promise<ReleaseExpiredReservationsSummary> {
  const asOf = deps.now();
  const expired = await deps.inventory.expiredHolds(asOf, maxLines);

  const queue: ReservationRecord[] = [...expired];
  const failures: unknown[] = [];
  let released = 0;
  const worker = async () => {
    for (let hold = queue.shift(); hold; hold = queue.shift()) {
      try {
        if (await deps.inventory.releaseExpiredHold(hold, asOf)) released += 1;
      } catch (error) {
        // The other holds are still released; this one stays expired and the next run finds it again.
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));

  if (failures.length > 0) {
    throw new ExpiredHoldsNotReleasedError(failures, `${failures.length} of ${expired.length} expired holds could not be released (${released} were); the next run retries them`);
  }
  return { expired: expired.length, released, settledMeanwhile: expired.length - released, more: expired.length >= maxLines };
}
