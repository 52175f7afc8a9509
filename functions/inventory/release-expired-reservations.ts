import { inventory } from '../../shared/composition/inventory-store';
import { scheduledHandler } from '../../shared/handlers/scheduled-handler';
import { releaseExpiredReservations } from '../../shared/use-cases/release-expired-reservations';

/** Every minute: holds past their expiry give their units back. */
export const handler = scheduledHandler(() => releaseExpiredReservations({ inventory, now: () => new Date() }));
