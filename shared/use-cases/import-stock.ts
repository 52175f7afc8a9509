import type { RejectedImportRow, StockImportResult, StockImportRow } from '../contracts/inventory';
import type { FieldError } from '../contracts/problem';
import type { InventoryRepository } from '../ports/inventory-repository';
import { mapConcurrently } from './support/map-concurrently';

/** One row of an import as read from the request: either a well-formed row or why it is not one. */
export type StockImportCandidate =
  | { readonly line: number; readonly row: StockImportRow }
  | { readonly line: number; readonly errors: readonly FieldError[] };

export interface StockImport {
  readonly rows: readonly StockImportCandidate[];
}

export interface ImportStockDependencies {
  readonly inventory: Pick<InventoryRepository, 'listLocations'> & {
    /** Sets the counted on-hand; settings left out keep their values (see DynamoDbInventoryRepository.recordCount). */
    recordCount(count: StockImportRow): Promise<unknown>;
  };
  /** How many rows are written at once. */
  readonly concurrency?: number;
}

const key = (row: StockImportRow) => JSON.stringify([row.sku, row.locationId]);

/**
 * Applies a stock count file. Every row that is valid is applied; every row that is not is
 * reported with all its reasons, and changes nothing. A row is valid when it is well-formed, names
 * a location of the network, and is the only row for its SKU and location (two counts of the same
 * shelf in one file contradict each other, so neither is applied). Counts are absolute numbers, so
 * sending the same file again is harmless.
 */
export async function importStock(request: StockImport, deps: ImportStockDependencies): Promise<StockImportResult> {
  const knownLocations = new Set((await deps.inventory.listLocations()).map((location) => location.id));
  const linesOfShelf = new Map<string, number[]>();
  for (const candidate of request.rows) {
    if ('row' in candidate) linesOfShelf.set(key(candidate.row), [...(linesOfShelf.get(key(candidate.row)) ?? []), candidate.line]);
  }

  const accepted: StockImportRow[] = [];
  const rejected: RejectedImportRow[] = [];
  for (const candidate of request.rows) {
    if (!('row' in candidate)) {
      rejected.push({ line: candidate.line, errors: [...candidate.errors] });
      continue;
    }
    const { row } = candidate;
    const errors: FieldError[] = [];
    if (!knownLocations.has(row.locationId)) {
      errors.push({ path: 'locationId', code: 'UNKNOWN_LOCATION', message: `no location ${row.locationId}` });
    }
    const lines = linesOfShelf.get(key(row)) ?? [];
    if (lines.length > 1) {
      errors.push({ path: 'sku', code: 'DUPLICATE_ROW', message: `${row.sku} at ${row.locationId} is counted on lines ${lines.join(', ')}; send one row per SKU and location` });
    }
    if (errors.length > 0) rejected.push({ line: candidate.line, errors });
    else accepted.push(row);
  }

  await mapConcurrently(accepted, deps.concurrency ?? 20, (row) => deps.inventory.recordCount(row));
  return { applied: accepted.length, rejected };
}
