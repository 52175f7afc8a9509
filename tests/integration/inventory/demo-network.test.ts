import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { localTableName, tables } from '../../../infra/definitions/tables';
import { DynamoDbInventoryRepository } from '../../../shared/adapters/dynamodb/inventory-repository';
import { demoLocations, demoStock } from '../../../shared/contracts/demo-catalog';

describe('the demo network seeded on a fresh start', () => {
  it('has every demo location and its stock, with available net of reservations and safety stock', async () => {
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
    // Demo orders placed by other tests run through the lifecycle and take seeded stock: what was
    // seeded is the ceiling, and available stays on hand net of reservations and safety stock.
    for (const stock of seeded) {
      const level = tshirts.find((candidate) => candidate.locationId === stock.locationId);
      expect(level).toMatchObject({ safetyStock: stock.safetyStock });
      expect(level!.onHand).toBeLessThanOrEqual(stock.onHand);
      expect(level!.available).toBe(Math.max(0, level!.onHand - level!.reserved - stock.safetyStock));
    }
  });
});
