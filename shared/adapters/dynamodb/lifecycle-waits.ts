import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DeleteCommand, GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LifecycleWait, LifecycleWaits } from '../../ports/lifecycle-waits';
import { restockKey, waitKey, waitPrefix } from './lifecycle-keys';

const toWait = (item: Record<string, unknown>): LifecycleWait => {
  const { pk: _pk, sk: _sk, entity: _entity, ...wait } = item;
  return wait as unknown as LifecycleWait;
};

/** Task tokens in the orders table, next to their order; restock waits are also listed per SKU. */
export class DynamoDbLifecycleWaits implements LifecycleWaits {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async register(wait: LifecycleWait): Promise<void> {
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { ...waitKey(wait.orderId, wait.waitId), entity: 'LifecycleWait', ...wait } }));
    const skus = wait.skus ?? [];
    for (let start = 0; start < skus.length; start += 25) {
      await this.client.send(
        new BatchWriteCommand({
          RequestItems: {
            [this.tableName]: skus.slice(start, start + 25).map((sku) => ({
              PutRequest: { Item: { ...restockKey(sku, wait.orderId), entity: 'RestockSubscription', orderId: wait.orderId, waitId: wait.waitId } },
            })),
          },
        }),
      );
    }
  }

  async get(orderId: string, waitId: string): Promise<LifecycleWait | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: waitKey(orderId, waitId), ConsistentRead: true }));
    return Item && toWait(Item);
  }

  async ofOrder(orderId: string): Promise<LifecycleWait[]> {
    const { Items } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': waitKey(orderId, '').pk, ':prefix': waitPrefix },
        ConsistentRead: true,
      }),
    );
    return (Items ?? []).map(toWait);
  }

  async remove({ orderId, waitId, taskToken }: Pick<LifecycleWait, 'orderId' | 'waitId' | 'taskToken'>): Promise<void> {
    const existing = await this.get(orderId, waitId);
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: waitKey(orderId, waitId),
          // A newer attempt's token stays: only the token that was answered goes.
          ConditionExpression: 'taskToken = :token',
          ExpressionAttributeValues: { ':token': taskToken },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return;
      throw error;
    }
    for (const sku of existing?.skus ?? []) {
      await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: restockKey(sku, orderId) }));
    }
  }

  async waitingForSku(sku: string): Promise<LifecycleWait[]> {
    const { Items } = await this.client.send(
      new QueryCommand({ TableName: this.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': restockKey(sku, '').pk } }),
    );
    const waits = await Promise.all((Items ?? []).map((item) => this.get(String(item.orderId), String(item.waitId))));
    return waits.filter((wait): wait is LifecycleWait => wait !== undefined);
  }
}
