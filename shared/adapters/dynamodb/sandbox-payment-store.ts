import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { SandboxPaymentRecord, SandboxPaymentStore } from '../sandbox/sandbox-payment-provider';

/**
 * The sandbox payment provider's records in the orders table, so authorization, capture and refund
 * made by different Lambda functions (different processes on AWS) see one another.
 */
export class DynamoDbSandboxPaymentStore implements SandboxPaymentStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(key: string): Promise<SandboxPaymentRecord | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: `PSP#${key}`, sk: 'PSP' }, ConsistentRead: true }));
    return Item?.record as SandboxPaymentRecord | undefined;
  }

  async put(key: string, record: SandboxPaymentRecord): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { pk: `PSP#${key}`, sk: 'PSP', entity: 'SandboxPayment', record } }));
  }
}
