import { beforeAll, describe, expect, it } from 'vitest';
import { StockImportResultSchema } from '../../../shared/contracts/inventory';
import { callWith, createLocation, expectProblem, issueInventoryKeys, uniqueId } from './inventory-api';

let api: ReturnType<typeof callWith>;
let writer: string;

beforeAll(async () => {
  ({ writer } = await issueInventoryKeys());
  api = callWith(writer);
});

const header = 'sku,locationId,onHand,safetyStock,lowStockThreshold';
const csv = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const postCsv = (text: string, contentType = 'text/csv') => api('POST', '/stock/import', { body: text, headers: { 'content-type': contentType } });
const stockOf = async (sku: string) => (await api('GET', `/stock?sku=${encodeURIComponent(sku)}`)).body.items as Record<string, unknown>[];
const setStock = (sku: string, locationId: string, body: Record<string, unknown>) => api('PUT', `/stock/${sku}/${locationId}`, { body });

describe('POST /stock/import (text/csv)', () => {
  it('applies every row of a valid file and answers how many', async () => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const [a, b] = [uniqueId('CSV-A'), uniqueId('CSV-B')];

    // Act
    const answer = await postCsv(csv(header, `${a},${locationId},12,2,4`, `"${b}",${locationId},"7",,`));

    // Assess
    expect(answer.status).toBe(200);
    expect(StockImportResultSchema.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body).toEqual({ applied: 2, rejected: [] });
    expect(await stockOf(a)).toEqual([expect.objectContaining({ locationId, onHand: 12, safetyStock: 2, lowStockThreshold: 4, available: 10 })]);
    expect(await stockOf(b)).toEqual([expect.objectContaining({ locationId, onHand: 7, safetyStock: 0, available: 7 })]);
  });

  it('keeps the settings a count leaves out, the incoming deliveries and the reservations', async () => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('CSV-KEEP');
    const incoming = [{ quantity: 50, expectedAt: '2030-02-01' }];
    await setStock(sku, locationId, { onHand: 10, safetyStock: 3, lowStockThreshold: 5, incoming });

    // Act
    const answer = await postCsv(csv('sku,locationId,onHand', `${sku},${locationId},14`));

    // Assess
    expect(answer.body).toEqual({ applied: 1, rejected: [] });
    expect(await stockOf(sku)).toEqual([expect.objectContaining({ onHand: 14, safetyStock: 3, lowStockThreshold: 5, incoming, available: 11 })]);
  });

  it('reports every bad row with its physical line and reasons, changes nothing for them, and applies the others', async () => {
    // Prepare: a good row, then one bad row per reason; existing stock on the bad rows' shelf must stay
    const { id: locationId } = await createLocation(writer);
    const sku = (label: string) => `${label}-${locationId}`;
    await setStock(sku('NEG'), locationId, { onHand: 5, safetyStock: 1 });
    const before = await stockOf(sku('NEG'));
    const unknownLocation = uniqueId('nowhere');
    const text = csv(
      header, //                                             line 1
      `${sku('GOOD')},${locationId},3,,`, //                  line 2
      `${sku('NEG')},${locationId},-4,1,`, //                 line 3: negative count
      '', //                                                  line 4: empty, skipped
      `${sku('UNK')},${unknownLocation},1,,`, //              line 5: unknown location
      `"${sku('QUOTED')}\nsecond line",${locationId},1,,`, // lines 6–7: a quoted line break (and so a bad SKU)
      `${sku('NUM')},${locationId},twelve,1.5,`, //           line 8: malformed numbers
      `${sku('SHORT')},${locationId}`, //                     line 9: missing columns
      `${sku('DUP')},${locationId},1,,`, //                   line 10: duplicate with line 11
      `${sku('DUP')},${locationId},2,,`, //                   line 11
    );

    // Act
    const answer = await postCsv(text);

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.applied).toBe(1);
    expect(answer.body.rejected).toEqual([
      { line: 3, errors: [{ path: 'onHand', code: 'too_small', message: 'onHand cannot be negative' }] },
      { line: 5, errors: [{ path: 'locationId', code: 'UNKNOWN_LOCATION', message: `no location ${unknownLocation}` }] },
      { line: 6, errors: [expect.objectContaining({ path: 'sku', code: 'invalid_format' })] },
      {
        line: 8,
        errors: [
          { path: 'onHand', code: 'invalid_type', message: 'onHand must be a whole number' },
          { path: 'safetyStock', code: 'invalid_type', message: 'safetyStock must be a whole number' },
        ],
      },
      {
        line: 9,
        errors: [
          { path: 'onHand', code: 'MISSING_COLUMN', message: 'the row ends before the onHand column' },
          { path: 'safetyStock', code: 'MISSING_COLUMN', message: 'the row ends before the safetyStock column' },
          { path: 'lowStockThreshold', code: 'MISSING_COLUMN', message: 'the row ends before the lowStockThreshold column' },
        ],
      },
      { line: 10, errors: [expect.objectContaining({ path: 'sku', code: 'DUPLICATE_ROW' })] },
      { line: 11, errors: [expect.objectContaining({ path: 'sku', code: 'DUPLICATE_ROW' })] },
    ]);
    expect(await stockOf(sku('GOOD'))).toEqual([expect.objectContaining({ onHand: 3 })]);
    expect(await stockOf(sku('NEG'))).toEqual(before);
    for (const label of ['UNK', 'NUM', 'SHORT', 'DUP']) expect(await stockOf(sku(label)), label).toEqual([]);
  });

  it.each([
    ['an unterminated quote', (sku: string, loc: string) => csv(header, `${sku},${loc},1,,`, `"${sku}-2,${loc},1,,`), 3, 'UNTERMINATED_QUOTE'],
    ['a stray quote', (sku: string, loc: string) => csv(header, `${sku},${loc},1,,`, `${sku}-2,${loc},1",,`), 3, 'QUOTE_IN_UNQUOTED_FIELD'],
    ['a wrong header', (sku: string, loc: string) => csv('sku,location,qty', `${sku},${loc},1`), 1, 'UNKNOWN_COLUMN'],
    ['a header without onHand', (sku: string, loc: string) => csv('sku,locationId', `${sku},${loc}`), 1, 'MISSING_COLUMN'],
  ])('refuses a CSV with %s as a whole: 400 MALFORMED_CSV with the line, applying no row', async (_case, build, line, code) => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('CSV-BAD');

    // Act
    const answer = await postCsv(build(sku, locationId));

    // Assess
    expectProblem(answer, 400, 'MALFORMED_CSV');
    expect(answer.body.detail).toContain(`line ${line}`);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: `line ${line}`, code })]);
    expect(await stockOf(sku)).toEqual([]);
  });

  it('refuses more than 5,000 rows with 400, applying none', async () => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const base = uniqueId('CSV-MANY');
    const rows = Array.from({ length: 5001 }, (_, i) => `${base}-${i},${locationId},1,,`);

    // Act
    const answer = await postCsv(csv(header, ...rows));

    // Assess
    expectProblem(answer, 400, 'VALIDATION_FAILED');
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'rows', code: 'too_big' })]);
    expect(await stockOf(`${base}-0`)).toEqual([]);
  });

  it('refuses a body above 1 MB with 413, applying none', async () => {
    // Prepare: a valid first row, then padding in a quoted field
    const { id: locationId } = await createLocation(writer);
    const sku = uniqueId('CSV-BIG');
    const text = csv(header, `${sku},${locationId},1,,`, `"${'x'.repeat(1024 * 1024)}",${locationId},1,,`);

    // Act
    const answer = await postCsv(text);

    // Assess
    expectProblem(answer, 413, 'PAYLOAD_TOO_LARGE');
    expect(await stockOf(sku)).toEqual([]);
  });

  it('refuses another media type with 415, naming JSON and CSV', async () => {
    const answer = await postCsv(csv(header, 'A,wh-x,1,,'), 'text/plain');
    expectProblem(answer, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect(answer.body.detail).toBe('Send the body as application/json or text/csv');
  });
});

describe('POST /stock/import (application/json)', () => {
  it('applies the valid rows and reports the others by their index, changing nothing for them', async () => {
    // Prepare
    const { id: locationId } = await createLocation(writer);
    const [good, negative, unknown] = [uniqueId('JSON-GOOD'), uniqueId('JSON-NEG'), uniqueId('JSON-UNK')];

    // Act
    const answer = await api('POST', '/stock/import', {
      body: {
        rows: [
          { sku: good, locationId, onHand: 9, safetyStock: 1, lowStockThreshold: 2 },
          { sku: negative, locationId, onHand: 3, safetyStock: -1 },
          { sku: unknown, locationId: 'no-such-location', onHand: 1 },
          { sku: good, locationId },
        ],
      },
    });

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      applied: 1,
      rejected: [
        { line: 1, errors: [{ path: 'safetyStock', code: 'too_small', message: 'safetyStock cannot be negative' }] },
        { line: 2, errors: [{ path: 'locationId', code: 'UNKNOWN_LOCATION', message: 'no location no-such-location' }] },
        { line: 3, errors: [{ path: 'onHand', code: 'invalid_type', message: 'onHand is required' }] },
      ],
    });
    expect(await stockOf(good)).toEqual([expect.objectContaining({ onHand: 9, safetyStock: 1, lowStockThreshold: 2 })]);
    expect(await stockOf(negative)).toEqual([]);
    expect(await stockOf(unknown)).toEqual([]);
  });

  it.each([
    ['no rows', { rows: [] }, 'VALIDATION_FAILED'],
    ['not an import', { lines: [] }, 'VALIDATION_FAILED'],
    ['malformed JSON', '{"rows": [', 'MALFORMED_JSON'],
  ])('refuses %s with 400', async (_case, body, code) => {
    expectProblem(await api('POST', '/stock/import', { body }), 400, code);
  });
});
