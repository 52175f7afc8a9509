/** Every domain event the OMS publishes; the generated catalog and its currency check read this list. */
import { orderEvents } from './order-events';
import { returnEvents } from './return-events';
import { stockEvents } from './stock-events';

export const eventCatalog = [...orderEvents, ...returnEvents, ...stockEvents] as const;
