/**
 * CSV as RFC 4180 defines it: comma-separated fields, records ended by CRLF (LF and CR are taken
 * too), fields optionally enclosed in double quotes, inside which commas, line breaks and doubled
 * quotes ("") are data. Each record keeps the physical line it starts on, so a problem in a row
 * can be reported where a person looking at the file will find it.
 */

export interface CsvRecord {
  /** Physical line (1-based) where the record starts; a quoted line break makes a record span lines. */
  readonly line: number;
  readonly fields: readonly string[];
}

export type CsvSyntaxProblem = 'UNTERMINATED_QUOTE' | 'QUOTE_IN_UNQUOTED_FIELD' | 'TEXT_AFTER_CLOSING_QUOTE';

/** The text is not CSV at all; no record of it can be trusted. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: CsvSyntaxProblem,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

const isLineBreak = (char: string | undefined) => char === '\n' || char === '\r';

/**
 * Parses CSV text into records. Empty lines are skipped (hand-edited files have them); a leading
 * byte-order mark (as spreadsheet programs write it) is ignored. Throws CsvSyntaxError.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const end = text.length;
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  /** Steps over one line break (CRLF counts once) and counts it. */
  const skipLineBreak = () => {
    at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
    line += 1;
  };

  const quotedField = (): string => {
    const openedOn = line;
    let value = '';
    at += 1;
    for (;;) {
      const next = text.indexOf('"', at);
      if (next === -1) {
        throw new CsvSyntaxError(openedOn, 'UNTERMINATED_QUOTE', `The quoted field that starts on line ${openedOn} is never closed`);
      }
      const chunk = text.slice(at, next);
      // Line breaks inside quotes are data, but they still move the physical line on.
      line += chunk.match(/\r\n|\r|\n/g)?.length ?? 0;
      value += chunk;
      at = next + 1;
      if (text[at] !== '"') break;
      value += '"';
      at += 1;
    }
    if (at < end && text[at] !== ',' && !isLineBreak(text[at])) {
      throw new CsvSyntaxError(line, 'TEXT_AFTER_CLOSING_QUOTE', `Line ${line}: only a comma or a line break may follow a closing quote`);
    }
    return value;
  };

  const unquotedField = (): string => {
    const start = at;
    while (at < end && text[at] !== ',' && !isLineBreak(text[at])) at += 1;
    const value = text.slice(start, at);
    if (value.includes('"')) {
      throw new CsvSyntaxError(line, 'QUOTE_IN_UNQUOTED_FIELD', `Line ${line}: a field with a quote in it must be quoted as a whole, its quotes doubled`);
    }
    return value;
  };

  while (at < end) {
    const startLine = line;
    const fields: string[] = [];
    let quoted = false;
    for (;;) {
      if (text[at] === '"') {
        quoted = true;
        fields.push(quotedField());
      } else {
        fields.push(unquotedField());
      }
      if (text[at] !== ',') break;
      at += 1;
    }
    if (at < end) skipLineBreak();
    const emptyLine = fields.length === 1 && fields[0] === '' && !quoted;
    if (!emptyLine) records.push({ line: startLine, fields });
  }
  return records;
}
