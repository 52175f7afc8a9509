/**
 * Adds the index keys of the current key design to orders written before it (see
 * shared/adapters/dynamodb/order-index-backfill.ts), on a deployed orders table: run once after a
 * deployment that adds an index, with the deploying credentials.
 *
 *   npm run backfill:order-indexes -- <orders table name>
 *
 * The local runtime runs the same backfill at every start.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillOrderIndexKeys } from '../../shared/adapters/dynamodb/order-index-backfill';

const tableName = process.argv[2] ?? process.env.ORDERS_TABLE_NAME;
if (!tableName) {
  console.error('Usage: npm run backfill:order-indexes -- <orders table name> (or set ORDERS_TABLE_NAME)');
  process.exit(2);
}
const client = new DynamoDBClient({});
try {
  const report = await backfillOrderIndexKeys(DynamoDBDocumentClient.from(client), tableName);
  console.log(`${tableName}: ${report.orders} orders, ${report.updated} given their missing index keys, ${report.changedMeanwhile} changed meanwhile (their change wrote the keys)`);
} finally {
  client.destroy();
}
