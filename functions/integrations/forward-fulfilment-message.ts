import { warehouseForwarding } from '../../shared/composition/warehouse-context';
import { domainEventsHandler } from '../../shared/handlers/domain-event-handler';
import { forwardToWarehouse, warehouseEvents } from '../../shared/use-cases/integrations/forward-to-warehouse';

/** FulfilmentRequested / FulfilmentCancelled → a signed message to the location's warehouse or store system. */
export const handler = domainEventsHandler(warehouseEvents, (event) => forwardToWarehouse(event, warehouseForwarding));
