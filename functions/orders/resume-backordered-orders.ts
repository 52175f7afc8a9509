import { waits, workflow } from '../../shared/composition/order-workflow-context';
import { BackInStock } from '../../shared/events/catalog/stock-events';
import { domainEventHandler } from '../../shared/handlers/domain-event-handler';
import { resumeBackorderedOrders } from '../../shared/use-cases/lifecycle/resume-backordered-orders';

/** BackInStock on the bus → the executions waiting for that SKU try to allocate again. */
export const handler = domainEventHandler(BackInStock, (data) => resumeBackorderedOrders({ sku: data.sku }, { waits, workflow }));
