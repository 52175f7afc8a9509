import type { StockCount } from '../../../shared/adapters/dynamodb/inventory-repository';
import { availableQuantity, restockedLevel, type Location, type StockLevel, type StockSettings } from '../../../shared/contracts/inventory';
import { ConflictError } from '../../../shared/domain/errors';
import type {
  AdjustResult,
  ExpiredHolds,
  ReservationLine,
  ReservationRecord,
  ReserveResult,
  StockAdjustment,
} from '../../../shared/ports/inventory-repository';

const shelf = (sku: string, locationId: string) => `${sku}|${locationId}`;
const ledgerLine = (orderId: string, line: Pick<ReservationLine, 'sku' | 'locationId'>) => `${orderId}|${line.sku}|${line.locationId}`;
const at = '2025-03-01T10:00:00.000Z';

/**
 * The inventory operations the inventory API's use cases need, in memory, with the DynamoDB
 * adapter's rules: conditional location writes, exactly-once adjustments that cannot take reserved
 * or safety units, counts that keep reservations, all-or-none holds that cannot oversell, settling
 * only HELD lines, and releasing an expired hold only while it is still that hold.
 * Records every write so tests can prove there was none.
 */
export class InMemoryInventoryRepository implements ExpiredHolds {
  readonly locations = new Map<string, Location>();
  readonly stock = new Map<string, StockLevel>();
  readonly adjustments = new Map<string, StockAdjustment>();
  /** The reservation ledger, by order, SKU and location. */
  readonly reservations = new Map<string, ReservationRecord>();
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

  /** Holds every line or none, like the adapter's transaction: each line needs `available >= quantity` as stored (exact). */
  async reserve(orderId: string, lines: readonly ReservationLine[], expiresAt: Date): Promise<ReserveResult> {
    const held = (line: ReservationLine) => {
      const record = this.reservations.get(ledgerLine(orderId, line));
      return record?.status === 'HELD' ? record : undefined;
    };
    const changed = lines.filter((line) => held(line) && held(line)?.quantity !== line.quantity);
    if (changed.length > 0) throw new ConflictError('ALREADY_RESERVED', `Order ${orderId} already holds some lines in other quantities; release first`);
    const toHold = lines.filter((line) => !held(line));
    const short = toHold.filter((line) => this.exactAvailable(line.sku, line.locationId) < line.quantity);
    if (short.length > 0) {
      return { reserved: false, shortfall: { lines: short.map((line) => ({ ...line, available: Math.max(0, this.exactAvailable(line.sku, line.locationId)) })) } };
    }
    for (const line of toHold) {
      this.writes.push(`reserve ${orderId} ${line.sku}@${line.locationId}`);
      this.moveUnits(line.sku, line.locationId, { onHand: 0, reserved: line.quantity });
      this.reservations.set(ledgerLine(orderId, line), {
        orderId,
        sku: line.sku,
        locationId: line.locationId,
        quantity: line.quantity,
        status: 'HELD',
        createdAt: at,
        updatedAt: at,
        expiresAt: expiresAt.toISOString(),
      });
    }
    return { reserved: true };
  }

  async release(orderId: string, only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]> {
    return this.settle(orderId, 'RELEASED', only);
  }

  async consume(orderId: string): Promise<ReservationRecord[]> {
    return this.settle(orderId, 'CONSUMED');
  }

  async reservationsOf(orderId: string): Promise<ReservationRecord[]> {
    return [...this.reservations.values()].filter((record) => record.orderId === orderId).map((record) => ({ ...record }));
  }

  async expiredHolds(asOf: Date, limit: number): Promise<ReservationRecord[]> {
    return [...this.reservations.values()]
      .filter((record) => record.status === 'HELD' && record.expiresAt <= asOf.toISOString())
      .sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : a.expiresAt > b.expiresAt ? 1 : 0))
      .slice(0, limit)
      .map((record) => ({ ...record }));
  }

  async releaseExpiredHold(hold: ReservationRecord, asOf: Date): Promise<boolean> {
    const current = this.reservations.get(ledgerLine(hold.orderId, hold));
    const stillThatHold =
      current?.status === 'HELD' && current.quantity === hold.quantity && current.expiresAt === hold.expiresAt && current.expiresAt <= asOf.toISOString();
    if (!stillThatHold) return false;
    this.writes.push(`releaseExpiredHold ${hold.orderId} ${hold.sku}@${hold.locationId}`);
    this.settleLine(current, 'RELEASED');
    return true;
  }

  /** Moves only HELD lines, each once: a line settled before is left alone. */
  private settle(orderId: string, status: 'RELEASED' | 'CONSUMED', only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): ReservationRecord[] {
    const wanted = only && new Set(only.map((line) => ledgerLine(orderId, line)));
    const held = [...this.reservations.values()].filter(
      (record) => record.orderId === orderId && record.status === 'HELD' && (!wanted || wanted.has(ledgerLine(orderId, record))),
    );
    for (const record of held) {
      this.writes.push(`${status === 'RELEASED' ? 'release' : 'consume'} ${orderId} ${record.sku}@${record.locationId}`);
      this.settleLine(record, status);
    }
    return held.map((record) => ({ ...record, status }));
  }

  /** Released units become available again; consumed ones leave on-hand with the reservation. */
  private settleLine(record: ReservationRecord, status: 'RELEASED' | 'CONSUMED'): void {
    this.moveUnits(record.sku, record.locationId, { onHand: status === 'CONSUMED' ? -record.quantity : 0, reserved: -record.quantity });
    this.reservations.set(ledgerLine(record.orderId, record), { ...record, status, updatedAt: at });
  }

  /** What the adapter stores as `available`: exact, negative after a count below the reservations. */
  private exactAvailable(sku: string, locationId: string): number {
    const current = this.stock.get(shelf(sku, locationId));
    return current ? current.onHand - current.reserved - current.safetyStock : 0;
  }

  private moveUnits(sku: string, locationId: string, delta: { onHand: number; reserved: number }): void {
    const current = this.stock.get(shelf(sku, locationId));
    if (!current) throw new Error(`No stock of ${sku} at ${locationId}`);
    const onHand = current.onHand + delta.onHand;
    const reserved = current.reserved + delta.reserved;
    this.stock.set(shelf(sku, locationId), {
      ...current,
      onHand,
      reserved,
      available: availableQuantity({ onHand, reserved, safetyStock: current.safetyStock }),
      version: current.version + 1,
      updatedAt: at,
    });
  }
}
