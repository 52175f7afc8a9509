import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '../../../shared/http/csv';

function syntaxErrorOf(text: string): CsvSyntaxError {
  try {
    parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('parseCsv (RFC 4180)', () => {
  it('splits records on CRLF and fields on commas, numbering records by their line', () => {
    // Act
    const records = parseCsv('sku,onHand\r\nA,1\r\nB,2\r\n');

    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['sku', 'onHand'] },
      { line: 2, fields: ['A', '1'] },
      { line: 3, fields: ['B', '2'] },
    ]);
  });

  it.each([
    ['LF', 'a,b\nc,d'],
    ['CR', 'a,b\rc,d'],
    ['CRLF without a final line break', 'a,b\r\nc,d'],
  ])('takes %s line breaks', (_case, text) => {
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['c', 'd'] },
    ]);
  });

  it('reads quoted fields with commas, doubled quotes and line breaks as data', () => {
    // Act
    const records = parseCsv('"a,1","say ""hi""","two\r\nlines"\r\nnext,"",x\r\n');

    // Assess
    expect(records).toEqual([
      { line: 1, fields: ['a,1', 'say "hi"', 'two\r\nlines'] },
      { line: 3, fields: ['next', '', 'x'] },
    ]);
  });

  it('counts the physical lines a quoted field spans, so later records keep their real line numbers', () => {
    // Act
    const records = parseCsv('h\n"one\ntwo\nthree"\nafter\n"x\r\ny"\nlast');

    // Assess
    expect(records.map((record) => record.line)).toEqual([1, 2, 5, 6, 8]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(parseCsv('a,,c,\n,')).toEqual([
      { line: 1, fields: ['a', '', 'c', ''] },
      { line: 2, fields: ['', ''] },
    ]);
  });

  it('skips empty lines but keeps their line numbers counted', () => {
    expect(parseCsv('a\n\n\r\nb\n\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
    ]);
  });

  it('keeps a line holding just "" as a record with one empty field', () => {
    expect(parseCsv('a\n""\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 2, fields: [''] },
    ]);
  });

  it('keeps spaces, which RFC 4180 counts as part of a field', () => {
    expect(parseCsv(' a , b ')).toEqual([{ line: 1, fields: [' a ', ' b '] }]);
  });

  it('ignores a leading byte-order mark, as spreadsheet programs write one', () => {
    expect(parseCsv('\uFEFFsku,onHand\n')).toEqual([{ line: 1, fields: ['sku', 'onHand'] }]);
  });

  it('answers no records for empty text', () => {
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\n\n')).toEqual([]);
  });

  it('refuses a quoted field that is never closed, naming the line it opened on', () => {
    // Act
    const error = syntaxErrorOf('sku,onHand\nA,1\n"B,2\nC,3\n');

    // Assess
    expect(error).toMatchObject({ line: 3, problem: 'UNTERMINATED_QUOTE' });
    expect(error.message).toContain('line 3');
  });

  it('refuses a quote inside an unquoted field', () => {
    expect(syntaxErrorOf('a,b\nA,12"\n')).toMatchObject({ line: 2, problem: 'QUOTE_IN_UNQUOTED_FIELD' });
  });

  it('refuses text after a closing quote, on the line where it is', () => {
    expect(syntaxErrorOf('a\n"multi\nline"x,1\n')).toMatchObject({ line: 3, problem: 'TEXT_AFTER_CLOSING_QUOTE' });
  });
});
