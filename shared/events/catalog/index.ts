/** Every domain event the OMS publishes; the generated catalog and its currency check read this list. */
import { orderEvents } from './order-events';
import { stockEvents } from './stock-events';

export const eventCatalog = [...orderEvents, ...stockEvents] as const;
