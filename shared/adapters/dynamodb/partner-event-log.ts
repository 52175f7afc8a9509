import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AppliedPartnerEvent, PartnerEventLog } from '../../ports/partner-event-log';
import { partnerEventKey } from './lifecycle-keys';

/** Applied partner events in the orders table; kept 30 days (TTL), longer than any partner retries. */
export class DynamoDbPartnerEventLog implements PartnerEventLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async find(partner: string, eventId: string): Promise<AppliedPartnerEvent | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: partnerEventKey(partner, eventId), ConsistentRead: true }));
    return Item && { fingerprint: String(Item.fingerprint), response: Item.response as Record<string, unknown> };
  }

  async record(partner: string, eventId: string, applied: AppliedPartnerEvent): Promise<void> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...partnerEventKey(partner, eventId),
            entity: 'PartnerEvent',
            ...applied,
            recordedAt: this.now().toISOString(),
            expiresAtEpoch: Math.floor(this.now().getTime() / 1000) + 30 * 24 * 3600,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
