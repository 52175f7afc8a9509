import { webhooks } from '../../shared/composition/webhook-context';
import { busEventHandler } from '../../shared/handlers/bus-event-handler';
import { fanOutEvent } from '../../shared/use-cases/webhooks/fan-out-event';

/** Every channel event on the bus → one delivery per matching subscription, attempted at once. */
export const handler = busEventHandler((event) => fanOutEvent(event, webhooks));
