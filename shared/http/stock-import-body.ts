/**
 * The two forms of a stock import request, application/json and text/csv, read into the same
 * rows: each one either well-formed or with every reason it is not, and each with its line (CSV:
 * the physical line it starts on; JSON: its index in `rows`).
 */
import * as z from 'zod';
import {
  numericStockImportColumns,
  requiredStockImportColumns,
  stockImportColumns,
  stockImportLimits,
  StockImportRowSchema,
} from '../contracts/inventory';
import type { FieldError } from '../contracts/problem';
import type { StockImport, StockImportCandidate } from '../use-cases/import-stock';
import type { ApiBodyOptions } from './api-handler';
import { CsvSyntaxError, parseCsv, type CsvRecord } from './csv';
import { HttpProblem } from './problem';
import { toFieldErrors } from './request-parsing';

type Column = (typeof stockImportColumns)[number];

/** Checks one row against the contract; `problems` found while reading it come first. */
function candidateOf(line: number, values: unknown, problems: readonly FieldError[] = [], missingColumns: readonly string[] = []): StockImportCandidate {
  const result = StockImportRowSchema.safeParse(values);
  if (result.success && problems.length === 0) return { line, row: result.data };
  // A column the row does not reach is reported once, as missing, not again as a required value.
  const contractErrors = result.success ? [] : toFieldErrors(result.error).filter((error) => !missingColumns.includes(error.path));
  return { line, errors: [...problems, ...contractErrors] };
}

const tooFewRows = 'send at least one row';
const tooManyRows = `at most ${stockImportLimits.maxRows} rows per import`;

const JsonStockImportSchema = z
  .strictObject({ rows: z.array(z.unknown()).min(1, tooFewRows).max(stockImportLimits.maxRows, tooManyRows) })
  .transform(({ rows }): StockImport => ({ rows: rows.map((values, index) => candidateOf(index, values)) }));

/** The same answer for a CSV with too few or too many rows as for such a JSON body. */
const rowCountError = (rows: number): FieldError | undefined => {
  if (rows === 0) return { path: 'rows', code: 'too_small', message: tooFewRows };
  if (rows > stockImportLimits.maxRows) return { path: 'rows', code: 'too_big', message: tooManyRows };
  return undefined;
};

const malformedCsv = (line: number, code: string, message: string) =>
  new HttpProblem(400, 'MALFORMED_CSV', `The CSV cannot be read at line ${line}: ${message}`, [{ path: `line ${line}`, code, message }]);

/** The columns the header names, in its order; a header the import cannot rely on is refused whole. */
function columnsOf(header: CsvRecord): Column[] {
  const names = header.fields.map((field) => field.trim());
  const expected = `the header names the columns ${requiredStockImportColumns.join(', ')} and optionally ${stockImportColumns.filter((column) => !requiredStockImportColumns.includes(column)).join(', ')}`;
  const unknown = names.filter((name) => !(stockImportColumns as readonly string[]).includes(name));
  if (unknown.length > 0) throw malformedCsv(header.line, 'UNKNOWN_COLUMN', `${unknown.map((name) => JSON.stringify(name)).join(', ')} is not a column; ${expected}`);
  const repeated = names.filter((name, index) => names.indexOf(name) !== index);
  if (repeated.length > 0) throw malformedCsv(header.line, 'DUPLICATE_COLUMN', `${repeated.join(', ')} is named twice; ${expected}`);
  const missing = requiredStockImportColumns.filter((column) => !names.includes(column));
  if (missing.length > 0) throw malformedCsv(header.line, 'MISSING_COLUMN', `${missing.join(', ')} is missing; ${expected}`);
  return names as Column[];
}

/** A CSV row as the values a JSON row would have: whole numbers as numbers, empty cells left out. */
function csvCandidate(record: CsvRecord, columns: readonly Column[]): StockImportCandidate {
  const values: Partial<Record<Column, unknown>> = {};
  const problems: FieldError[] = [];
  const missingColumns = columns.slice(record.fields.length);
  columns.forEach((column, index) => {
    const cell = record.fields[index]?.trim();
    if (cell === undefined || cell === '') return;
    // Anything but a plain integer stays text, which the contract then reports as not a whole number.
    values[column] = numericStockImportColumns.includes(column) && /^[+-]?[0-9]+$/.test(cell) ? Number(cell) : cell;
  });
  for (const column of missingColumns) problems.push({ path: column, code: 'MISSING_COLUMN', message: `the row ends before the ${column} column` });
  if (record.fields.length > columns.length) {
    problems.push({ path: '', code: 'EXTRA_COLUMNS', message: `the row has ${record.fields.length} fields; the header names ${columns.length} columns` });
  }
  return candidateOf(record.line, values, problems, missingColumns);
}

/** Reads a text/csv import: RFC 4180, a header naming the columns, then one row per SKU and location. */
export function readStockImportCsv(text: string): StockImport {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw malformedCsv(error.line, error.problem, error.message);
    throw error;
  }
  const [header, ...rows] = records;
  if (!header) throw malformedCsv(1, 'MISSING_HEADER', `the CSV is empty; ${stockImportColumns.join(',')} is the header it needs`);
  const columns = columnsOf(header);
  const countError = rowCountError(rows.length);
  if (countError) throw new HttpProblem(400, 'VALIDATION_FAILED', 'The request body does not match the API contract', [countError]);
  return { rows: rows.map((record) => csvCandidate(record, columns)) };
}

/** The body option of POST /stock/import. */
export const stockImportBody = {
  schema: JsonStockImportSchema,
  maxBytes: stockImportLimits.maxBodyBytes,
  text: { 'text/csv': readStockImportCsv },
} as const satisfies ApiBodyOptions<typeof JsonStockImportSchema>;
