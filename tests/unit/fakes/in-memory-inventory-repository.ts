import type { StockCount } from '../../../shared/adapters/dynamodb/inventory-repository';
import { availableQuantity, restockedLevel, type Location, type StockLevel, type StockSettings } from '../../../shared/contracts/inventory';
import type { AdjustResult, StockAdjustment } from '../../../shared/ports/inventory-repository';

const shelf = (sku: string, locationId: string) => `${sku}|${locationId}`;
const at = '2025-03-01T10:00:00.000Z';

/**
 * The inventory operations the inventory API's use cases need, in memory, with the DynamoDB
 * adapter's rules: conditional location writes, exactly-once adjustments that cannot take reserved
 * or safety units, counts that keep reservations. Records every write so tests can prove there was none.
 */
export class InMemoryInventoryRepository {
  readonly locations = new Map<string, Location>();
  readonly stock = new Map<string, StockLevel>();
  readonly adjustments = new Map<string, StockAdjustment>();
  /** Every write, in order, named by method. */
  readonly writes: string[] = [];

  /** A location of the network, for tests to start from. */
  addLocation(id: string, overrides: Partial<Location> = {}): Location {
    const location: Location = {
      id,
      name: id,
      type: 'WAREHOUSE',
      coordinates: { lat: 51.3, lon: 12.4 },
      country: 'DE',
      capabilities: { ship: true, pickup: false, shipFromStore: false },
      cutoff: { time: '15:00', timeZone: 'Europe/Berlin' },
      processingDays: 0,
      workingDays: [1, 2, 3, 4, 5],
      shipmentCost: 450,
      priority: 100,
      active: true,
      version: 1,
      updatedAt: at,
      ...overrides,
    };
    this.locations.set(id, location);
    return location;
  }

  /** Stock of a SKU at a location, for tests to start from. */
  addStock(sku: string, locationId: string, levels: { onHand: number; reserved?: number; safetyStock?: number }): StockLevel {
    const stock: StockLevel = {
      sku,
      locationId,
      onHand: levels.onHand,
      reserved: levels.reserved ?? 0,
      safetyStock: levels.safetyStock ?? 0,
      available: availableQuantity({ onHand: levels.onHand, reserved: levels.reserved ?? 0, safetyStock: levels.safetyStock ?? 0 }),
      incoming: [],
      version: 1,
      updatedAt: at,
    };
    this.stock.set(shelf(sku, locationId), stock);
    return stock;
  }

  async getLocation(locationId: string): Promise<Location | undefined> {
    const location = this.locations.get(locationId);
    return location && structuredClone(location);
  }

  async listLocations(): Promise<Location[]> {
    return [...this.locations.values()].map((location) => structuredClone(location));
  }

  async createLocation(location: Location): Promise<'created' | 'exists'> {
    if (this.locations.has(location.id)) return 'exists';
    this.writes.push('createLocation');
    this.locations.set(location.id, structuredClone(location));
    return 'created';
  }

  async replaceLocation(location: Location, expectedVersion: number): Promise<'replaced' | 'version-mismatch'> {
    if (this.locations.get(location.id)?.version !== expectedVersion) return 'version-mismatch';
    this.writes.push('replaceLocation');
    this.locations.set(location.id, structuredClone(location));
    return 'replaced';
  }

  async getStock(sku: string, locationId: string): Promise<StockLevel | undefined> {
    const stock = this.stock.get(shelf(sku, locationId));
    return stock && structuredClone(stock);
  }

  async stockOfSkus(skus: readonly string[]): Promise<StockLevel[]> {
    return [...this.stock.values()].filter((stock) => skus.includes(stock.sku)).map((stock) => structuredClone(stock));
  }

  async initializeStock(stock: Pick<StockLevel, 'sku' | 'locationId' | 'onHand' | 'safetyStock' | 'incoming'> & { lowStockThreshold?: number }): Promise<void> {
    this.writes.push('initializeStock');
    this.write(stock.sku, stock.locationId, () => stock);
  }

  async recordCount(count: StockCount): Promise<StockLevel> {
    this.writes.push(`recordCount ${count.sku}@${count.locationId}`);
    return this.write(count.sku, count.locationId, (current) => ({
      onHand: count.onHand,
      safetyStock: count.safetyStock ?? current?.safetyStock ?? 0,
      incoming: current?.incoming ?? [],
      lowStockThreshold: count.lowStockThreshold ?? current?.lowStockThreshold,
    }));
  }

  async adjust(adjustment: StockAdjustment): Promise<AdjustResult> {
    const { adjustmentId, sku, locationId, delta } = adjustment;
    const applied = this.adjustments.get(adjustmentId);
    if (applied) {
      const same = applied.sku === sku && applied.locationId === locationId && applied.delta === delta;
      return same ? { applied: false, reason: 'replayed', stock: await this.getStock(sku, locationId) } : { applied: false, reason: 'replayed-with-different-values' };
    }
    const current = this.stock.get(shelf(sku, locationId));
    const exact = (current?.onHand ?? 0) - (current?.reserved ?? 0) - (current?.safetyStock ?? 0);
    if (delta < 0 && exact < -delta) return { applied: false, reason: 'would-go-below-reserved' };
    this.writes.push('adjust');
    this.adjustments.set(adjustmentId, { ...adjustment });
    const stock = this.write(sku, locationId, (level) => ({
      onHand: (level?.onHand ?? 0) + delta,
      safetyStock: level?.safetyStock ?? 0,
      incoming: level?.incoming ?? [],
      lowStockThreshold: level?.lowStockThreshold,
    }));
    return { applied: true, stock };
  }

  private write(
    sku: string,
    locationId: string,
    settingsOf: (current: StockLevel | undefined) => StockSettings,
  ): StockLevel {
    const current = this.stock.get(shelf(sku, locationId));
    const settings = settingsOf(current);
    const next = restockedLevel(sku, locationId, current, { ...settings, incoming: structuredClone(settings.incoming) }, at);
    this.stock.set(shelf(sku, locationId), next);
    return structuredClone(next);
  }
}
