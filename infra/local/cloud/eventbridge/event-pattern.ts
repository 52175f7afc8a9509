/**
 * EventBridge event patterns, validated and matched the way the service does it (EventBridge runs
 * AWS's event-ruler): a pattern is compiled once into a tree of matchers, so the local bus, the
 * TestEventPattern operation and the tests all share one implementation.
 *
 * Semantics follow the EventBridge user guide ("Content filtering", "Arrays in event patterns",
 * "Comparison operators"), cross-checked against event-ruler's own cases:
 * - fields in a pattern are ANDed, values in a leaf array are ORed;
 * - a leaf only matches JSON leaves (string, number, boolean, null); an event array matches when
 *   any of its elements does;
 * - when the event holds an array of objects, all fields of one pattern object must be satisfied
 *   by the same element (event-ruler's `rulesForJSONEvent`, which EventBridge uses);
 * - an empty array or an object where the pattern expects a leaf counts as an absent field.
 */

/** Thrown for a malformed pattern; the name is the AWS exception name, so it can be reported as is. */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternException';

  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` (at ${path})` : ''}`);
  }
}

type LeafValue = string | number | boolean | null;
type ValueTest = (value: LeafValue) => boolean;

type LeafMatcher =
  | { readonly kind: 'exists'; readonly exists: boolean }
  /** Matches when the field exists and at least one of its values is not excluded. */
  | { readonly kind: 'anything-but'; readonly excludes: ValueTest }
  | { readonly kind: 'value'; readonly test: ValueTest };

type CompiledNode =
  | { readonly kind: 'leaf'; readonly matchers: readonly LeafMatcher[] }
  | { readonly kind: 'object'; readonly pattern: CompiledObject };

interface CompiledObject {
  readonly fields: readonly { readonly name: string; readonly node: CompiledNode }[];
  /** Each `$or` at this level: one of its alternatives must match the same object. */
  readonly ors: readonly (readonly CompiledObject[])[];
}

export interface CompiledEventPattern {
  matches(event: unknown): boolean;
}

/** Numeric matching is limited to this range (and six decimal places) on EventBridge. */
const numericLimit = 5e9;

/** Operator names event-ruler refuses as field names inside `$or`, where they would be ambiguous. */
const reservedInOr = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

const fail = (reason: string, path: string): never => {
  throw new InvalidEventPatternError(reason, path);
};

const childPath = (path: string, key: string) => (path ? `${path}.${key}` : key);

// Numbers are compared at six decimal places, as EventBridge does, so 0.1 + 0.2 equals 0.3.
const comparable = (value: number) => Math.round(value * 1e6);

const lower = (value: string) => value.toLowerCase();

/** `*` matches any run of characters; `\*` and `\\` are a literal star and backslash. */
function compileWildcard(source: string, path: string): RegExp {
  let regex = '';
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    if (char === '*') {
      if (source[i + 1] === '*') fail(`Consecutive wildcard characters at pos ${i}`, path);
      regex += '.*';
    } else if (char === '\\') {
      const next = source[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${i}`, path);
      regex += `\\${next}`;
      i++;
    } else {
      regex += char.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
    }
  }
  return new RegExp(`^${regex}$`, 's');
}

// --- IP addresses, for cidr ---

interface IpAddress {
  readonly family: 4 | 6;
  readonly value: bigint;
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) return undefined;
  return parts.reduce((sum, part) => (sum << 8n) | BigInt(part), 0n);
}

function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  let groups: string[];
  // An embedded IPv4 address takes the last two groups.
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  let ipv4Tail: bigint | undefined;
  if (tail.includes('.')) {
    ipv4Tail = parseIpv4(tail);
    if (ipv4Tail === undefined) return undefined;
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? (halves[0] as string).split(':') : [];
  if (halves.length === 2) {
    const rest = halves[1] ? (halves[1] as string).split(':') : [];
    const missing = 8 - head.length - rest.length;
    if (missing < 1) return undefined;
    groups = [...head, ...Array<string>(missing).fill('0'), ...rest];
  } else {
    groups = head;
  }
  if (groups.length !== 8 || groups.some((group) => !/^[0-9a-fA-F]{1,4}$/.test(group))) return undefined;
  let value = groups.reduce((sum, group) => (sum << 16n) | BigInt(`0x${group}`), 0n);
  if (ipv4Tail !== undefined) value = (value & ~0xffffffffn) | ipv4Tail;
  return value;
}

function parseIp(text: string): IpAddress | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return { family: 4, value: v4 };
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : { family: 6, value: v6 };
}

function compileCidr(source: unknown, path: string): ValueTest {
  if (typeof source !== 'string') return fail('cidr match pattern must be a string', path);
  const [address = '', prefixText, ...extra] = source.split('/');
  const network = parseIp(address);
  const bits = network?.family === 4 ? 32 : 128;
  const prefix = Number(prefixText);
  if (!network || extra.length > 0 || prefixText === undefined || !/^\d{1,3}$/.test(prefixText) || prefix > bits) {
    return fail(`Malformed CIDR: ${source}`, path);
  }
  const shift = BigInt(bits - prefix);
  const networkBits = network.value >> shift;
  return (value) => {
    if (typeof value !== 'string') return false;
    const ip = parseIp(value);
    return ip !== undefined && ip.family === network.family && ip.value >> shift === networkBits;
  };
}

// --- numeric ---

function compileNumeric(terms: unknown, path: string): ValueTest {
  if (!Array.isArray(terms) || terms.length === 0) return fail('Value of numeric must be an array.', path);
  const numberAt = (index: number, operator: string): number => {
    const value: unknown = terms[index];
    if (typeof value !== 'number') return fail(`Value of ${operator} must be numeric`, path);
    if (value < -numericLimit || value > numericLimit) fail(`Value must be between ${-numericLimit} and ${numericLimit}, inclusive`, path);
    return comparable(value);
  };
  const [operator] = terms;
  if (typeof operator !== 'string') return fail(`Invalid member in numeric match: ${show(operator)}`, path);
  const inRange = (value: LeafValue) => typeof value === 'number' && value >= -numericLimit && value <= numericLimit;

  if (operator === '=') {
    const expected = numberAt(1, operator);
    if (terms.length > 2) fail('Too many elements in numeric expression', path);
    return (value) => inRange(value) && comparable(value as number) === expected;
  }
  if (operator === '<' || operator === '<=') {
    const top = numberAt(1, operator);
    if (terms.length > 2) fail('Too many elements in numeric expression', path);
    return operator === '<'
      ? (value) => inRange(value) && comparable(value as number) < top
      : (value) => inRange(value) && comparable(value as number) <= top;
  }
  if (operator !== '>' && operator !== '>=') return fail(`Unrecognized numeric range operator: ${operator}`, path);
  const bottom = numberAt(1, operator);
  const aboveBottom = operator === '>' ? (n: number) => n > bottom : (n: number) => n >= bottom;
  if (terms.length === 2) return (value) => inRange(value) && aboveBottom(comparable(value as number));
  const upperOperator: unknown = terms[2];
  if (typeof upperOperator !== 'string') return fail(`Bad value in numeric range: ${show(upperOperator)}`, path);
  if (upperOperator !== '<' && upperOperator !== '<=') return fail(`Bad numeric range operator: ${upperOperator}`, path);
  const top = numberAt(3, upperOperator);
  if (terms.length > 4) fail('Too many terms in numeric range expression', path);
  if (bottom >= top) fail('Bottom must be less than top', path);
  const belowTop = upperOperator === '<' ? (n: number) => n < top : (n: number) => n <= top;
  return (value) => inRange(value) && aboveBottom(comparable(value as number)) && belowTop(comparable(value as number));
}

// --- anything-but ---

function stringsOf(value: unknown, what: string, path: string, allowEmpty = true): string[] {
  const values = Array.isArray(value) ? (value as unknown[]) : [value];
  if (Array.isArray(value) && value.length === 0) fail('Empty arrays are not allowed', path);
  return values.map((item) => {
    if (typeof item !== 'string') return fail(`${what} match pattern must be a string`, path);
    if (!allowEmpty && item === '') fail('Null prefix/suffix not allowed', path);
    return item;
  });
}

/** Returns what the anything-but excludes; a value of another type than the excluded ones is never excluded. */
function compileAnythingBut(operand: unknown, path: string): ValueTest {
  if (isPlainObject(operand)) {
    const keys = Object.keys(operand);
    if (keys.length !== 1) return fail('Only one key allowed in anything-but expression', path);
    const [operator] = keys as [string];
    const inner = operand[operator];
    switch (operator) {
      case 'prefix': {
        const prefixes = stringsOf(inner, 'prefix/suffix', path, false);
        return (value) => typeof value === 'string' && prefixes.some((prefix) => value.startsWith(prefix));
      }
      case 'suffix': {
        const suffixes = stringsOf(inner, 'prefix/suffix', path, false);
        return (value) => typeof value === 'string' && suffixes.some((suffix) => value.endsWith(suffix));
      }
      case 'equals-ignore-case': {
        const excluded = new Set(stringsOf(inner, 'equals-ignore-case', path).map(lower));
        return (value) => typeof value === 'string' && excluded.has(lower(value));
      }
      case 'wildcard': {
        const patterns = stringsOf(inner, 'wildcard', path).map((source) => compileWildcard(source, path));
        return (value) => typeof value === 'string' && patterns.some((pattern) => pattern.test(value));
      }
      default:
        return fail(`Unsupported anything-but pattern: ${operator}`, path);
    }
  }
  const values = Array.isArray(operand) ? (operand as unknown[]) : [operand];
  if (!Array.isArray(operand) && typeof operand !== 'string' && typeof operand !== 'number') {
    return fail('Value of anything-but must be an array or single string/number value.', path);
  }
  if (values.some((value) => typeof value !== 'string' && typeof value !== 'number')) {
    return fail('Inside anything but list, start|null|boolean is not supported.', path);
  }
  const strings = values.filter((value): value is string => typeof value === 'string');
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if (strings.length > 0 === numbers.length > 0) {
    return fail('Inside anything but list, either all values are number or string, mixed type is not supported', path);
  }
  if (numbers.length > 0) {
    if (numbers.some((n) => n < -numericLimit || n > numericLimit)) fail(`Value must be between ${-numericLimit} and ${numericLimit}, inclusive`, path);
    const excluded = new Set(numbers.map(comparable));
    return (value) => typeof value === 'number' && excluded.has(comparable(value));
  }
  const excluded = new Set(strings);
  return (value) => typeof value === 'string' && excluded.has(value);
}

// --- leaves and objects ---

function compileMatchExpression(expression: Record<string, unknown>, path: string): LeafMatcher {
  const keys = Object.keys(expression);
  if (keys.length === 0) return fail('Match expression name not found', path);
  if (keys.length > 1) return fail('Only one key allowed in match expression', path);
  const [operator] = keys as [string];
  const operand = expression[operator];
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const test = operator === 'prefix' ? (value: string, affix: string) => value.startsWith(affix) : (value: string, affix: string) => value.endsWith(affix);
      if (isPlainObject(operand)) {
        const innerKeys = Object.keys(operand);
        if (innerKeys.length !== 1) return fail('Only one key allowed in match expression', path);
        if (innerKeys[0] !== 'equals-ignore-case') return fail(`Unsupported ${operator} pattern: ${innerKeys[0]}`, path);
        const affix = operand['equals-ignore-case'];
        if (typeof affix !== 'string') return fail('equals-ignore-case match pattern must be a string', path);
        const lowered = lower(affix);
        return { kind: 'value', test: (value) => typeof value === 'string' && test(lower(value), lowered) };
      }
      if (typeof operand !== 'string') return fail(`${operator} match pattern must be a string`, path);
      return { kind: 'value', test: (value) => typeof value === 'string' && test(value, operand) };
    }
    case 'equals-ignore-case': {
      if (typeof operand !== 'string') return fail('equals-ignore-case match pattern must be a string', path);
      const lowered = lower(operand);
      return { kind: 'value', test: (value) => typeof value === 'string' && lower(value) === lowered };
    }
    case 'wildcard': {
      if (typeof operand !== 'string') return fail('wildcard match pattern must be a string', path);
      const regex = compileWildcard(operand, path);
      return { kind: 'value', test: (value) => typeof value === 'string' && regex.test(value) };
    }
    case 'anything-but':
      return { kind: 'anything-but', excludes: compileAnythingBut(operand, path) };
    case 'numeric':
      return { kind: 'value', test: compileNumeric(operand, path) };
    case 'exists':
      if (typeof operand !== 'boolean') return fail('exists match pattern must be either true or false.', path);
      return { kind: 'exists', exists: operand };
    case 'cidr':
      return { kind: 'value', test: compileCidr(operand, path) };
    default:
      return fail(`Unrecognized match type ${operator}`, path);
  }
}

function compileLeaf(values: readonly unknown[], path: string): CompiledNode {
  if (values.length === 0) fail('Empty arrays are not allowed', path);
  const matchers = values.map((value): LeafMatcher => {
    if (isPlainObject(value)) return compileMatchExpression(value, path);
    if (typeof value === 'string') return { kind: 'value', test: (candidate) => candidate === value };
    if (typeof value === 'number') {
      const expected = comparable(value);
      return { kind: 'value', test: (candidate) => candidate === value || (typeof candidate === 'number' && comparable(candidate) === expected) };
    }
    if (typeof value === 'boolean' || value === null) return { kind: 'value', test: (candidate) => candidate === value };
    return fail('Match value must be String, number, true, false, or null', path);
  });
  return { kind: 'leaf', matchers };
}

function compileObject(pattern: unknown, path: string, insideOr: boolean): CompiledObject {
  if (!isPlainObject(pattern)) return fail(path ? `"${path}" must be an object or an array` : 'Filter is not an object', path);
  const keys = Object.keys(pattern);
  if (keys.length === 0) fail('Empty objects are not allowed', path);
  const fields: { name: string; node: CompiledNode }[] = [];
  const ors: CompiledObject[][] = [];
  for (const key of keys) {
    const value = pattern[key];
    const here = childPath(path, key);
    if (key === '$or') {
      if (!Array.isArray(value)) fail('It must be an Array followed with $or.', here);
      const alternatives = value as unknown[];
      if (alternatives.some((alternative) => !isPlainObject(alternative))) fail('Only JSON object is allowed in array of $or relationship.', here);
      if (alternatives.length < 2) fail('There must have at least 2 Objects in $or relationship.', here);
      ors.push(alternatives.map((alternative, index) => compileObject(alternative, `${here}[${index}]`, true)));
      continue;
    }
    if (insideOr && reservedInOr.has(key)) fail(`${key} is Ruler reserved fieldName which cannot be used inside $or.`, here);
    if (Array.isArray(value)) fields.push({ name: key, node: compileLeaf(value, here) });
    else if (isPlainObject(value)) fields.push({ name: key, node: { kind: 'object', pattern: compileObject(value, here, insideOr) } });
    else fail(`"${key}" must be an object or an array`, here);
  }
  return { fields, ors };
}

// --- matching ---

/** The JSON leaves at a field: arrays are flattened, objects are not leaves. */
function leafValues(value: unknown, into: LeafValue[] = []): LeafValue[] {
  if (Array.isArray(value)) {
    for (const item of value) leafValues(item, into);
  } else if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    into.push(value);
  }
  return into;
}

function objectsIn(value: readonly unknown[], into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  for (const item of value) {
    if (Array.isArray(item)) objectsIn(item, into);
    else if (isPlainObject(item)) into.push(item);
  }
  return into;
}

function matchLeaf(matchers: readonly LeafMatcher[], raw: unknown): boolean {
  const values = leafValues(raw);
  return matchers.some((matcher) => {
    switch (matcher.kind) {
      case 'exists':
        return values.length > 0 === matcher.exists;
      case 'anything-but':
        return values.some((value) => !matcher.excludes(value));
      case 'value':
        return values.some(matcher.test);
    }
  });
}

function matchFields(pattern: CompiledObject, node: Record<string, unknown> | undefined): boolean {
  for (const { name, node: child } of pattern.fields) {
    const value = node && Object.hasOwn(node, name) ? node[name] : undefined;
    if (!(child.kind === 'leaf' ? matchLeaf(child.matchers, value) : matchObject(child.pattern, value))) return false;
  }
  return pattern.ors.every((alternatives) => alternatives.some((alternative) => matchFields(alternative, node)));
}

function matchObject(pattern: CompiledObject, value: unknown): boolean {
  if (Array.isArray(value)) {
    const elements = objectsIn(value);
    // No object to look into: every field below is absent, which only exists:false accepts.
    return elements.length === 0 ? matchFields(pattern, undefined) : elements.some((element) => matchFields(pattern, element));
  }
  return matchFields(pattern, isPlainObject(value) ? value : undefined);
}

/** Validates the pattern once and returns a matcher; throws InvalidEventPatternError when it is malformed. */
export function compileEventPattern(pattern: unknown): CompiledEventPattern {
  const compiled = compileObject(pattern, '', false);
  return { matches: (event) => matchObject(compiled, event) };
}

/** Throws InvalidEventPatternError with the reason when the pattern is not one EventBridge accepts. */
export function validateEventPattern(pattern: unknown): void {
  compileEventPattern(pattern);
}

export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  return compileEventPattern(pattern).matches(event);
}
