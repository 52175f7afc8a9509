/** One write of a stock record, as its before and after images tell it (e.g. a DynamoDB stream record). */

/** A stock record as stored: `available` is the exact onHand − reserved − safetyStock, negative after a short count. */
export interface StockImage {
  readonly sku: string;
  readonly locationId: string;
  readonly onHand: number;
  readonly reserved: number;
  readonly safetyStock: number;
  readonly available: number;
  readonly lowStockThreshold?: number | undefined;
  readonly version: number;
  readonly updatedAt: string;
}

/** No `before` when the write created the record, no `after` when it deleted it. */
export interface StockChange {
  readonly before?: StockImage | undefined;
  readonly after?: StockImage | undefined;
}
