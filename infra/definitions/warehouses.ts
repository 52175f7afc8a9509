/**
 * Warehouse and store systems hear about fulfilment through a rule on the domain bus: every
 * FulfilmentRequested and FulfilmentCancelled goes to a function that signs it and posts it to the
 * location's system (shared/use-cases/integrations/forward-to-warehouse.ts).
 *
 * A function rather than an API destination: the endpoint differs per location (one rule and
 * destination per location would be deployed resources, not configuration), and the message is
 * signed with an HMAC of the body, which API destination connections cannot do.
 */
import { FulfilmentCancelled, FulfilmentRequested } from '../../shared/events/catalog/order-events';
import type { FunctionDefinition } from './api';
import type { EventPatternRule } from './event-bus';

export const forwardFulfilmentMessageFunction = {
  name: 'forward-fulfilment-message',
  entry: 'functions/integrations/forward-fulfilment-message.ts',
  tables: {},
  secrets: ['warehouse'],
  // One HTTP request, bounded by its 10 s timeout.
  timeoutSeconds: 20,
} as const satisfies FunctionDefinition;

export const warehouseFulfilmentRule: EventPatternRule = {
  name: 'forward-fulfilment-to-warehouses',
  description: 'FulfilmentRequested and FulfilmentCancelled: a signed message to the location’s warehouse or store system',
  eventPattern: {
    source: [FulfilmentRequested.source],
    'detail-type': [FulfilmentRequested.detailType, FulfilmentCancelled.detailType],
  },
  targets: [
    {
      id: 'forward-to-warehouse',
      kind: 'function',
      function: forwardFulfilmentMessageFunction,
      // A request is only worth sending while the order still waits for it (packBy, hours): an hour of retries, then the dead-letter queue.
      retryPolicy: { maximumRetryAttempts: 20, maximumEventAgeSeconds: 3600 },
    },
  ],
};
