import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localTableName, tables } from '../../../infra/definitions/tables';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';
import { demoLocations, demoStock } from '../../../shared/contracts/demo-catalog';

describe('the demo network seeded on a fresh start', () => {
  it('has every demo location and its stock, with available net of safety stock', async () => {
    // Prepare
    const client = new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    const inventory = new DynamoDbInventoryRepository(DynamoDBDocumentClient.from(client), localTableName(tables.inventory));

    // Act
    const locations = await inventory.listLocations();
    const tshirts = await inventory.stockOfSkus(['TSHIRT-BLK-M']);
    client.destroy();

    // Assess
    expect(locations.map((location) => location.id)).toEqual(expect.arrayContaining(demoLocations.map((location) => location.id)));
    const seeded = demoStock.filter((stock) => stock.sku === 'TSHIRT-BLK-M');
    expect(tshirts).toHaveLength(seeded.length);
    for (const stock of seeded) {
      expect(tshirts).toContainEqual(expect.objectContaining({ locationId: stock.locationId, onHand: stock.onHand, available: stock.onHand - stock.safetyStock }));
    }
  });
});
