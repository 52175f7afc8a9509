/**
 * JSON.parse that loses nothing a channel sends. A plain parse turns Shopify's order id
 * 820982911946154508 into 820982911946154500 (beyond 2^53 a double cannot hold every integer) and
 * 19.99 into a binary fraction. Here every number that is not a safe integer written as an integer
 * stays its exact source text, a string; safe integers (quantities, small ids) stay numbers.
 *
 * It uses the reviver's source text (TC39 "JSON.parse source text access", in Node.js 22's V8).
 */

interface ReviverContext {
  readonly source?: string;
}
type SourceReviver = (this: unknown, key: string, value: unknown, context?: ReviverContext) => unknown;

const integerText = /^-?\d+$/;

const keepExactNumbers: SourceReviver = (_key, value, context) => {
  if (typeof value !== 'number') return value;
  const source = context?.source;
  if (source === undefined) return value;
  return Number.isSafeInteger(value) && integerText.test(source) ? value : source;
};

const parseWithSource = (text: string): unknown => JSON.parse(text, keepExactNumbers as Parameters<typeof JSON.parse>[1]);

// Fail at cold start, not on the first order with a big id, on a runtime without source access.
if ((parseWithSource('[9007199254740993]') as unknown[])[0] !== '9007199254740993') {
  throw new Error('This runtime cannot read JSON numbers exactly (JSON.parse source text access); run on Node.js 22 or later');
}

/** Parses `text` as JSON; numbers other than safe integers come back as their exact source text. Throws SyntaxError. */
export function parseJsonLosslessly(text: string): unknown {
  return parseWithSource(text);
}
