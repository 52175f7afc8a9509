import { placedOrderOf } from '../../shared/adapters/dynamodb/order-stream-record';
import { lifecycle } from '../../shared/composition/lifecycle-context';
import { dynamoDbStreamHandler } from '../../shared/handlers/dynamodb-stream-handler';
import { startOrderLifecycle } from '../../shared/use-cases/lifecycle/start-order-lifecycle';

/** Orders table stream (the outbox) → one order-lifecycle execution per newly captured order. */
export const handler = dynamoDbStreamHandler(async (record) => {
  const order = placedOrderOf(record);
  if (order) await startOrderLifecycle(order, lifecycle);
});
