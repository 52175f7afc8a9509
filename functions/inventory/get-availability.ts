import { authenticateApiKey, inventory, now } from '../../shared/composition/inventory-context';
import { AvailabilityQuerySchema } from '../../shared/contracts/availability';
import { apiHandler } from '../../shared/http/api-handler';
import { checkAvailability } from '../../shared/use-cases/check-availability';

export const handler = apiHandler({ authenticate: authenticateApiKey, requiredScope: 'orders', query: AvailabilityQuerySchema }, async ({ query }) => {
  const [lat, lon] = query.destination?.split(',').map(Number) ?? [];
  const availability = await checkAvailability(
    {
      lines: [{ sku: query.sku, quantity: query.quantity }],
      ...(lat !== undefined && lon !== undefined && query.country && { destination: { coordinates: { lat, lon }, country: query.country } }),
      ...(query.pickupStoreId && { pickupStoreId: query.pickupStoreId }),
      now: now(),
    },
    { inventory },
  );
  return { status: 200, body: availability };
});
