import { describe, expect, it } from 'vitest';
import { stockImportCsvExample, stockImportJsonExample } from '../../../shared/contracts/inventory';
import { parseOrThrow } from '../../../shared/http/request-parsing';
import { readStockImportCsv, stockImportBody } from '../../../shared/http/stock-import-body';
import { captureProblem } from '../fixtures/http-problems';

const header = 'sku,locationId,onHand,safetyStock,lowStockThreshold';
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const readJson = (body: unknown) => parseOrThrow(stockImportBody.schema, body, 'body');


describe('readStockImportCsv', () => {
  it('reads the documented example into well-formed rows, empty cells left out', () => {
    // Act
    const { rows } = readStockImportCsv(stockImportCsvExample);

    // Assess
    expect(rows).toEqual([
      { line: 2, row: { sku: 'TSHIRT-BLK-L', locationId: 'store-berlin-mitte', onHand: 6, safetyStock: 1, lowStockThreshold: 2 } },
      { line: 3, row: { sku: 'TSHIRT-BLK-L', locationId: 'store-hamburg-hbf', onHand: 4 } },
    ]);
    expect(rows.map((row) => ('row' in row ? row.row : undefined))).toEqual(stockImportJsonExample.rows);
  });

  it('takes the columns in any order, the optional ones left out, quoted values included', () => {
    // Act
    const { rows } = readStockImportCsv(csv('onHand,"sku",locationId', '"5",A,wh-1'));

    // Assess
    expect(rows).toEqual([{ line: 2, row: { sku: 'A', locationId: 'wh-1', onHand: 5 } }]);
  });

  it('numbers each row by the physical line it starts on, past quoted line breaks and empty lines', () => {
    // Act
    const { rows } = readStockImportCsv(csv(header, 'A,wh-1,1,,', '', '"B",wh-1,2,,', 'C,wh-1,x,,'));

    // Assess
    expect(rows.map((row) => row.line)).toEqual([2, 4, 5]);
  });

  it('reports every reason a row is bad: negative counts, malformed numbers, a bad SKU', () => {
    // Act
    const { rows } = readStockImportCsv(csv(header, 'bad sku,wh-1,-3,1.5,12abc'));

    // Assess
    expect(rows).toEqual([
      {
        line: 2,
        errors: [
          expect.objectContaining({ path: 'sku', code: 'invalid_format' }),
          { path: 'onHand', code: 'too_small', message: 'onHand cannot be negative' },
          { path: 'safetyStock', code: 'invalid_type', message: 'safetyStock must be a whole number' },
          { path: 'lowStockThreshold', code: 'invalid_type', message: 'lowStockThreshold must be a whole number' },
        ],
      },
    ]);
  });

  it('reports an empty required cell as required', () => {
    const { rows } = readStockImportCsv(csv(header, 'A,wh-1,,,'));
    expect(rows).toEqual([{ line: 2, errors: [{ path: 'onHand', code: 'invalid_type', message: 'onHand is required' }] }]);
  });

  it('reports each column a short row does not reach as missing, once', () => {
    // Act
    const { rows } = readStockImportCsv(csv(header, 'A,wh-1'));

    // Assess
    expect(rows).toEqual([
      {
        line: 2,
        errors: [
          { path: 'onHand', code: 'MISSING_COLUMN', message: 'the row ends before the onHand column' },
          { path: 'safetyStock', code: 'MISSING_COLUMN', message: 'the row ends before the safetyStock column' },
          { path: 'lowStockThreshold', code: 'MISSING_COLUMN', message: 'the row ends before the lowStockThreshold column' },
        ],
      },
    ]);
  });

  it('reports a row with more fields than the header names', () => {
    const { rows } = readStockImportCsv(csv('sku,locationId,onHand', 'A,wh-1,4,9'));
    expect(rows).toEqual([{ line: 2, errors: [{ path: '', code: 'EXTRA_COLUMNS', message: 'the row has 4 fields; the header names 3 columns' }] }]);
  });

  it.each([
    ['an unknown column', 'sku,locationId,qty', 'UNKNOWN_COLUMN'],
    ['a required column missing', 'sku,onHand', 'MISSING_COLUMN'],
    ['a column named twice', 'sku,locationId,onHand,sku', 'DUPLICATE_COLUMN'],
  ])('refuses a header with %s: 400 MALFORMED_CSV at its line', (_case, wrongHeader, code) => {
    // Act
    const problem = captureProblem(() => readStockImportCsv(csv('', wrongHeader, 'A,wh-1,1')));

    // Assess
    expect(problem).toMatchObject({ status: 400, code: 'MALFORMED_CSV' });
    expect(problem.message).toContain('line 2');
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'line 2', code })]);
  });

  it('refuses an unterminated quote with 400 MALFORMED_CSV at the line it opened on', () => {
    // Act
    const problem = captureProblem(() => readStockImportCsv(csv(header, 'A,wh-1,1,,', '"B,wh-1,2,,', 'C,wh-1,3,,')));

    // Assess
    expect(problem).toMatchObject({ status: 400, code: 'MALFORMED_CSV' });
    expect(problem.errors).toEqual([expect.objectContaining({ path: 'line 3', code: 'UNTERMINATED_QUOTE' })]);
  });

  it('refuses a CSV without rows, or without even a header', () => {
    expect(captureProblem(() => readStockImportCsv(csv(header)))).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      errors: [{ path: 'rows', code: 'too_small', message: 'send at least one row' }],
    });
    expect(captureProblem(() => readStockImportCsv(''))).toMatchObject({ status: 400, code: 'MALFORMED_CSV' });
  });

  it('takes 5,000 rows and refuses 5,001', () => {
    // Prepare
    const rows = (count: number) => Array.from({ length: count }, (_, i) => `SKU-${i},wh-1,1,,`);

    // Act
    const atLimit = readStockImportCsv(csv(header, ...rows(5000)));
    const problem = captureProblem(() => readStockImportCsv(csv(header, ...rows(5001))));

    // Assess
    expect(atLimit.rows).toHaveLength(5000);
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ path: 'rows', code: 'too_big' }] });
  });
});

describe('the JSON form of a stock import', () => {
  it('reads the documented example, numbering rows by their index', () => {
    expect(readJson(stockImportJsonExample).rows).toEqual([
      { line: 0, row: stockImportJsonExample.rows[0] },
      { line: 1, row: stockImportJsonExample.rows[1] },
    ]);
  });

  it('reports bad rows one by one instead of refusing the whole body', () => {
    // Act
    const { rows } = readJson({
      rows: [
        { sku: 'A', locationId: 'wh-1', onHand: 1 },
        { sku: 'B', locationId: 'wh-1', onHand: -1, colour: 'red' },
        { sku: 'C', locationId: 'wh-1', onHand: '7' },
        42,
      ],
    });

    // Assess
    expect(rows).toEqual([
      { line: 0, row: { sku: 'A', locationId: 'wh-1', onHand: 1 } },
      {
        line: 1,
        errors: expect.arrayContaining([
          { path: 'colour', code: 'UNKNOWN_FIELD', message: 'colour is not a field of this request' },
          { path: 'onHand', code: 'too_small', message: 'onHand cannot be negative' },
        ]),
      },
      { line: 2, errors: [{ path: 'onHand', code: 'invalid_type', message: 'onHand must be a whole number' }] },
      { line: 3, errors: [expect.objectContaining({ path: '', code: 'invalid_type' })] },
    ]);
  });

  it('refuses a body that is not an import at all, or has no rows, as a whole (400)', () => {
    expect(captureProblem(() => readJson({ lines: [] }))).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(captureProblem(() => readJson({ rows: [] }))).toMatchObject({ errors: [{ path: 'rows', code: 'too_small', message: 'send at least one row' }] });
    expect(captureProblem(() => readJson({ rows: Array.from({ length: 5001 }, () => ({})) }))).toMatchObject({ errors: [{ path: 'rows', code: 'too_big' }] });
  });
});
