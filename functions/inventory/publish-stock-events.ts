import { stockChangeOf } from '../../shared/adapters/dynamodb/stock-stream-record';
import { events } from '../../shared/composition/event-publishing';
import { dynamoDbStreamHandler } from '../../shared/handlers/dynamodb-stream-handler';
import { publishStockEvents } from '../../shared/use-cases/publish-stock-events';

/** Inventory table stream → StockLow / OutOfStock / BackInStock on the bus; other items of the table pass by. */
export const handler = dynamoDbStreamHandler(async (record) => {
  const change = stockChangeOf(record);
  if (change) await publishStockEvents(change, { events });
});
