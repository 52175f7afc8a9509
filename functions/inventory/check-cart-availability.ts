import { authenticateApiKey, inventory, now } from '../../shared/composition/inventory-context';
import { CartAvailabilityRequestSchema } from '../../shared/contracts/availability';
import { apiHandler } from '../../shared/http/api-handler';
import { checkAvailability } from '../../shared/use-cases/check-availability';

export const handler = apiHandler(
  { authenticate: authenticateApiKey, requiredScope: 'orders', body: { schema: CartAvailabilityRequestSchema, maxBytes: 64 * 1024 } },
  async ({ body }) => {
    const { destination, pickupStoreId, lines } = body;
    const availability = await checkAvailability(
      {
        lines,
        ...(destination && { destination: { coordinates: { lat: destination.lat, lon: destination.lon }, country: destination.country } }),
        ...(pickupStoreId && { pickupStoreId }),
        now: now(),
      },
      { inventory },
    );
    return { status: 200, body: availability };
  },
);
