/**
 * Event-pattern conformance cases, written from the EventBridge user guide (content filtering,
 * arrays, comparison operators, null and empty values) and cross-checked against the behaviour of
 * AWS's event-ruler, which EventBridge runs. The events mimic what the OMS publishes: order ids
 * beyond 2^53 as strings, money as decimal strings, arrays of line items.
 */

export interface MatchCase {
  readonly name: string;
  readonly pattern: Record<string, unknown>;
  readonly event: Record<string, unknown>;
  readonly matches: boolean;
}

export interface InvalidPatternCase {
  readonly name: string;
  readonly pattern: unknown;
  /** A fragment the error message must contain, so the reason is actually useful. */
  readonly reason: string;
}

/** An event envelope as EventBridge delivers it, with the given detail. */
export const envelope = (detail: Record<string, unknown>, overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'Order Placed',
  source: 'oms.orders',
  account: '000000000000',
  time: '2026-03-02T18:43:48Z',
  region: 'eu-central-1',
  resources: ['arn:aws:dynamodb:eu-central-1:000000000000:table/oms-orders'],
  detail,
  ...overrides,
});

const order = envelope({
  orderId: '820982911946154508',
  channelId: 'demo-web',
  status: 'PLACED',
  total: { amount: '62.67', currency: 'EUR' },
  itemCount: 3,
  priority: 300,
  express: true,
  couponCode: null,
  note: '',
  tags: ['gift', 'first-order'],
  lineItems: [
    { sku: 'SKU-RED', quantity: 1, warehouse: 'DE-1' },
    { sku: 'SKU-BLUE', quantity: 2, warehouse: 'NL-2' },
  ],
  shippingAddress: {},
  customer: { email: 'Jane.Doe@Example.com', ip: '10.0.0.42' },
  attachment: 'invoices/2026/INV-17.pdf',
});

export const matchCases: readonly MatchCase[] = [
  // Exact values, AND across fields, OR within a leaf array
  { name: 'exact string on the envelope source', pattern: { source: ['oms.orders'] }, event: order, matches: true },
  { name: 'exact string is case-sensitive', pattern: { source: ['OMS.orders'] }, event: order, matches: false },
  { name: 'values in a leaf array are ORed', pattern: { 'detail-type': ['Order Cancelled', 'Order Placed'] }, event: order, matches: true },
  { name: 'no value of the leaf array matches', pattern: { 'detail-type': ['Order Cancelled', 'Order Shipped'] }, event: order, matches: false },
  { name: 'fields are ANDed: all match', pattern: { source: ['oms.orders'], detail: { status: ['PLACED'] } }, event: order, matches: true },
  { name: 'fields are ANDed: one field fails', pattern: { source: ['oms.orders'], detail: { status: ['SHIPPED'] } }, event: order, matches: false },
  { name: 'nested objects follow the event structure', pattern: { detail: { total: { currency: ['EUR'] } } }, event: order, matches: true },
  { name: 'fields absent from the pattern are ignored', pattern: { detail: { channelId: ['demo-web'] } }, event: order, matches: true },
  { name: 'a field absent from the event does not match an exact value', pattern: { detail: { warehouse: ['DE-1'] } }, event: order, matches: false },
  { name: 'an order id above 2^53 is matched as the string it is', pattern: { detail: { orderId: ['820982911946154508'] } }, event: order, matches: true },
  { name: 'money as a decimal string is compared as a string, not a number', pattern: { detail: { total: { amount: ['62.670'] } } }, event: order, matches: false },
  { name: 'a leaf pattern does not match an object-valued field', pattern: { detail: { total: ['62.67'] } }, event: order, matches: false },

  // JSON types
  { name: 'number matches number', pattern: { detail: { priority: [300] } }, event: order, matches: true },
  { name: 'numbers compare numerically (3.0e2 is 300)', pattern: { detail: { priority: [3.0e2] } }, event: order, matches: true },
  { name: 'a number does not match its string form', pattern: { detail: { priority: ['300'] } }, event: order, matches: false },
  { name: 'a string does not match the number it spells', pattern: { detail: { itemCount: [3] } }, event: envelope({ itemCount: '3' }), matches: false },
  { name: 'boolean true matches true', pattern: { detail: { express: [true] } }, event: order, matches: true },
  { name: 'the string "true" does not match boolean true', pattern: { detail: { express: ['true'] } }, event: order, matches: false },
  { name: 'null matches a null value', pattern: { detail: { couponCode: [null] } }, event: order, matches: true },
  { name: 'null does not match an absent field', pattern: { detail: { giftWrap: [null] } }, event: order, matches: false },
  { name: 'empty string matches an empty string', pattern: { detail: { note: [''] } }, event: order, matches: true },
  { name: 'empty string does not match null', pattern: { detail: { couponCode: [''] } }, event: order, matches: false },

  // Arrays in events
  { name: 'event array matches when the intersection is non-empty', pattern: { detail: { tags: ['vip', 'gift'] } }, event: order, matches: true },
  { name: 'event array does not match when the intersection is empty', pattern: { detail: { tags: ['vip'] } }, event: order, matches: false },
  { name: 'resources array of the envelope', pattern: { resources: ['arn:aws:dynamodb:eu-central-1:000000000000:table/oms-orders'] }, event: order, matches: true },
  { name: 'array of objects: one element satisfies all fields', pattern: { detail: { lineItems: { sku: ['SKU-BLUE'], warehouse: ['NL-2'] } } }, event: order, matches: true },
  {
    name: 'array of objects: fields satisfied only by different elements do not match',
    pattern: { detail: { lineItems: { sku: ['SKU-RED'], warehouse: ['NL-2'] } } },
    event: order,
    matches: false,
  },
  {
    name: 'nested arrays of objects keep the same-element rule at every level',
    pattern: { detail: { parcels: { items: { sku: ['A'], lot: ['7'] } } } },
    event: envelope({ parcels: [{ items: [{ sku: 'A', lot: '7' }] }, { items: [{ sku: 'B' }] }] }),
    matches: true,
  },
  {
    name: 'nested arrays of objects: split across inner elements does not match',
    pattern: { detail: { parcels: { items: { sku: ['A'], lot: ['7'] } } } },
    event: envelope({ parcels: [{ items: [{ sku: 'A' }, { lot: '7' }] }] }),
    matches: false,
  },

  // exists
  { name: 'exists:true on a present field', pattern: { detail: { channelId: [{ exists: true }] } }, event: order, matches: true },
  { name: 'exists:true on an absent field', pattern: { detail: { giftWrap: [{ exists: true }] } }, event: order, matches: false },
  { name: 'exists:false on an absent field', pattern: { detail: { giftWrap: [{ exists: false }] } }, event: order, matches: true },
  { name: 'exists:false on a present field', pattern: { detail: { channelId: [{ exists: false }] } }, event: order, matches: false },
  { name: 'exists:true on a null value (null is a value)', pattern: { detail: { couponCode: [{ exists: true }] } }, event: order, matches: true },
  { name: 'exists:true does not match an intermediate (object) node', pattern: { detail: { total: [{ exists: true }] } }, event: order, matches: false },
  { name: 'exists:true does not match an empty array', pattern: { detail: { labels: [{ exists: true }] } }, event: envelope({ labels: [] }), matches: false },
  { name: 'exists:false below an absent parent', pattern: { detail: { refund: { reason: [{ exists: false }] } } }, event: order, matches: true },
  {
    name: 'exists:false in an array of objects holds for the element that lacks the field',
    pattern: { detail: { lineItems: { sku: [{ exists: true }], discount: [{ exists: false }] } } },
    event: order,
    matches: true,
  },
  {
    name: 'exists:false in an array of objects fails when the only element has the field',
    pattern: { detail: { lineItems: { sku: [{ exists: true }], discount: [{ exists: false }] } } },
    event: envelope({ lineItems: [{ sku: 'A', discount: '1.00' }] }),
    matches: false,
  },

  // prefix / suffix / equals-ignore-case
  { name: 'prefix matches the start of a string', pattern: { time: [{ prefix: '2026-03-02' }] }, event: order, matches: true },
  { name: 'prefix is case-sensitive', pattern: { detail: { customer: { email: [{ prefix: 'jane' }] } } }, event: order, matches: false },
  { name: 'prefix only applies to strings, not numbers', pattern: { detail: { priority: [{ prefix: '3' }] } }, event: order, matches: false },
  { name: 'prefix with equals-ignore-case', pattern: { detail: { customer: { email: [{ prefix: { 'equals-ignore-case': 'JANE.' } }] } } }, event: order, matches: true },
  { name: 'suffix matches the end of a string', pattern: { detail: { attachment: [{ suffix: '.pdf' }] } }, event: order, matches: true },
  { name: 'suffix that does not end the string', pattern: { detail: { attachment: [{ suffix: '.png' }] } }, event: order, matches: false },
  { name: 'suffix with equals-ignore-case', pattern: { detail: { attachment: [{ suffix: { 'equals-ignore-case': '.PDF' } }] } }, event: order, matches: true },
  { name: 'equals-ignore-case matches another casing', pattern: { detail: { customer: { email: [{ 'equals-ignore-case': 'jane.doe@example.COM' }] } } }, event: order, matches: true },
  { name: 'equals-ignore-case still needs the whole value', pattern: { detail: { customer: { email: [{ 'equals-ignore-case': 'jane.doe' }] } } }, event: order, matches: false },

  // anything-but
  { name: 'anything-but a string: a different value', pattern: { detail: { status: [{ 'anything-but': 'CANCELLED' }] } }, event: order, matches: true },
  { name: 'anything-but a string: the excluded value', pattern: { detail: { status: [{ 'anything-but': 'PLACED' }] } }, event: order, matches: false },
  { name: 'anything-but a list: value in the list', pattern: { detail: { status: [{ 'anything-but': ['PLACED', 'CANCELLED'] }] } }, event: order, matches: false },
  { name: 'anything-but a list: value not in the list', pattern: { detail: { status: [{ 'anything-but': ['SHIPPED', 'CANCELLED'] }] } }, event: order, matches: true },
  { name: 'anything-but a number: a different number', pattern: { detail: { priority: [{ 'anything-but': 100 }] } }, event: order, matches: true },
  { name: 'anything-but a number list: the excluded number', pattern: { detail: { priority: [{ 'anything-but': [100, 300] }] } }, event: order, matches: false },
  { name: 'anything-but does not match an absent field', pattern: { detail: { giftWrap: [{ 'anything-but': 'paper' }] } }, event: order, matches: false },
  { name: 'anything-but prefix: value with the prefix', pattern: { detail: { status: [{ 'anything-but': { prefix: 'PLA' } }] } }, event: order, matches: false },
  { name: 'anything-but prefix: value without the prefix', pattern: { detail: { channelId: [{ 'anything-but': { prefix: 'app-' } }] } }, event: order, matches: true },
  { name: 'anything-but suffix: value with the suffix', pattern: { detail: { attachment: [{ 'anything-but': { suffix: '.pdf' } }] } }, event: order, matches: false },
  { name: 'anything-but equals-ignore-case excludes every casing', pattern: { detail: { status: [{ 'anything-but': { 'equals-ignore-case': 'placed' } }] } }, event: order, matches: false },
  {
    name: 'anything-but equals-ignore-case list: value outside the list',
    pattern: { detail: { status: [{ 'anything-but': { 'equals-ignore-case': ['shipped', 'cancelled'] } }] } },
    event: order,
    matches: true,
  },
  { name: 'anything-but wildcard: path inside the excluded folder', pattern: { detail: { attachment: [{ 'anything-but': { wildcard: 'invoices/*' } }] } }, event: order, matches: false },
  { name: 'anything-but wildcard: path elsewhere', pattern: { detail: { attachment: [{ 'anything-but': { wildcard: 'labels/*' } }] } }, event: order, matches: true },
  { name: 'anything-but on an event array: one element not excluded is enough', pattern: { detail: { tags: [{ 'anything-but': 'gift' }] } }, event: order, matches: true },
  { name: 'anything-but on an event array: every element excluded', pattern: { detail: { tags: [{ 'anything-but': ['gift', 'first-order'] }] } }, event: order, matches: false },

  // numeric
  { name: 'numeric range (> 0, <= 3) includes its closed top', pattern: { detail: { itemCount: [{ numeric: ['>', 0, '<=', 3] }] } }, event: order, matches: true },
  { name: 'numeric range excludes its open bottom', pattern: { detail: { itemCount: [{ numeric: ['>', 3, '<=', 5] }] } }, event: order, matches: false },
  { name: 'numeric = compares numerically', pattern: { detail: { priority: [{ numeric: ['=', 300.0] }] } }, event: order, matches: true },
  { name: 'numeric >= alone', pattern: { detail: { priority: [{ numeric: ['>=', 300] }] } }, event: order, matches: true },
  { name: 'numeric < alone, negative values', pattern: { detail: { delta: [{ numeric: ['<', 0] }] } }, event: envelope({ delta: -1.5 }), matches: true },
  { name: 'numeric compares decimals at six places (0.1 + 0.2 is 0.3)', pattern: { detail: { rate: [{ numeric: ['=', 0.3] }] } }, event: envelope({ rate: 0.1 + 0.2 }), matches: true },
  { name: 'numeric never matches a string, even a numeric one', pattern: { detail: { total: { amount: [{ numeric: ['>', 0] }] } } }, event: order, matches: false },
  { name: 'numeric on an event array: any element in range', pattern: { detail: { weights: [{ numeric: ['>', 0, '<', 10] }] } }, event: envelope({ weights: [100, 5, 200] }), matches: true },

  // wildcard
  { name: 'wildcard * matches any run of characters', pattern: { detail: { attachment: [{ wildcard: 'invoices/*.pdf' }] } }, event: order, matches: true },
  { name: 'wildcard must cover the whole value', pattern: { detail: { attachment: [{ wildcard: 'invoices/*.png' }] } }, event: order, matches: false },
  { name: 'wildcard * matches across slashes and the empty string', pattern: { detail: { attachment: [{ wildcard: 'invoices/*2026/*INV-17.pdf' }] } }, event: order, matches: true },
  { name: 'wildcard \\* is a literal star', pattern: { detail: { sku: [{ wildcard: 'SKU\\*' }] } }, event: envelope({ sku: 'SKU*' }), matches: true },
  { name: 'wildcard \\* does not match other characters', pattern: { detail: { sku: [{ wildcard: 'SKU\\*' }] } }, event: envelope({ sku: 'SKU-1' }), matches: false },
  { name: 'wildcard is case-sensitive', pattern: { detail: { attachment: [{ wildcard: 'INVOICES/*' }] } }, event: order, matches: false },

  // cidr
  { name: 'cidr IPv4: address inside the block', pattern: { detail: { customer: { ip: [{ cidr: '10.0.0.0/24' }] } } }, event: order, matches: true },
  { name: 'cidr IPv4: address outside the block', pattern: { detail: { customer: { ip: [{ cidr: '10.0.1.0/24' }] } } }, event: order, matches: false },
  { name: 'cidr IPv6: address inside the block', pattern: { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, event: envelope({ ip: '2001:0db8:85a3::8a2e:0370:7334' }), matches: true },
  { name: 'cidr IPv6: address outside the block', pattern: { detail: { ip: [{ cidr: '2001:db8::/32' }] } }, event: envelope({ ip: '2001:db9::1' }), matches: false },
  { name: 'cidr ignores values that are not IP addresses', pattern: { detail: { channelId: [{ cidr: '10.0.0.0/8' }] } }, event: order, matches: false },

  // $or
  { name: '$or: the second alternative matches', pattern: { $or: [{ source: ['oms.payments'] }, { detail: { status: ['PLACED'] } }] }, event: order, matches: true },
  { name: '$or: no alternative matches', pattern: { $or: [{ source: ['oms.payments'] }, { detail: { status: ['SHIPPED'] } }] }, event: order, matches: false },
  {
    name: '$or inside a nested object, with numeric alternatives',
    pattern: { detail: { $or: [{ itemCount: [{ numeric: ['>', 10] }] }, { priority: [{ numeric: ['>=', 300] }] }] } },
    event: order,
    matches: true,
  },
  {
    name: '$or is ANDed with the fields next to it',
    pattern: { source: ['oms.payments'], $or: [{ detail: { status: ['PLACED'] } }, { detail: { express: [true] } }] },
    event: order,
    matches: false,
  },
  {
    name: '$or nested inside an alternative of $or',
    pattern: {
      $or: [
        { detail: { status: ['SHIPPED'] } },
        { detail: { channelId: ['demo-web'] }, $or: [{ detail: { express: [false] } }, { detail: { tags: ['gift'] } }] },
      ],
    },
    event: order,
    matches: true,
  },
  {
    name: '$or alternatives are checked on the same element of an array of objects',
    pattern: { detail: { lineItems: { warehouse: ['DE-1'], $or: [{ quantity: [2] }, { sku: ['SKU-BLUE'] }] } } },
    event: order,
    matches: false,
  },

  // Several matchers in one leaf array
  { name: 'matchers of different kinds in one leaf are ORed', pattern: { detail: { priority: [{ prefix: 'x' }, { numeric: ['>', 100] }] } }, event: order, matches: true },
  { name: 'a value or exists:false accepts an absent field', pattern: { detail: { giftWrap: ['paper', { exists: false }] } }, event: order, matches: true },
];

export const invalidPatternCases: readonly InvalidPatternCase[] = [
  { name: 'a pattern that is an array', pattern: [{ source: ['x'] }], reason: 'Filter is not an object' },
  { name: 'a pattern that is a string', pattern: 'source', reason: 'Filter is not an object' },
  { name: 'a pattern that is null', pattern: null, reason: 'Filter is not an object' },
  { name: 'an empty pattern', pattern: {}, reason: 'Empty objects are not allowed' },
  { name: 'an empty nested object', pattern: { detail: {} }, reason: 'Empty objects are not allowed' },
  { name: 'a leaf value that is not an array', pattern: { source: 'oms.orders' }, reason: '"source" must be an object or an array' },
  { name: 'an empty leaf array', pattern: { source: [] }, reason: 'Empty arrays are not allowed' },
  { name: 'an array inside a leaf array', pattern: { source: [['oms.orders']] }, reason: 'Match value must be String, number, true, false, or null' },
  { name: 'an unknown operator', pattern: { detail: { status: [{ contains: 'PLA' }] } }, reason: 'Unrecognized match type contains' },
  { name: 'two operators in one match expression', pattern: { detail: { status: [{ prefix: 'P', suffix: 'D' }] } }, reason: 'Only one key allowed' },
  { name: 'an empty match expression', pattern: { detail: { status: [{}] } }, reason: 'Match expression name not found' },
  { name: 'a prefix that is not a string', pattern: { time: [{ prefix: 2026 }] }, reason: 'prefix match pattern must be a string' },
  { name: 'prefix with an unsupported inner operator', pattern: { time: [{ prefix: { wildcard: '2026*' } }] }, reason: 'Unsupported prefix pattern' },
  { name: 'exists that is not a boolean', pattern: { detail: { status: [{ exists: 'yes' }] } }, reason: 'either true or false' },
  { name: 'numeric that is not an array', pattern: { detail: { n: [{ numeric: '>5' }] } }, reason: 'Value of numeric must be an array' },
  { name: 'numeric with an unknown operator', pattern: { detail: { n: [{ numeric: ['!=', 5] }] } }, reason: 'Unrecognized numeric range operator: !=' },
  { name: 'numeric with a string operand', pattern: { detail: { n: [{ numeric: ['>', '5'] }] } }, reason: 'Value of > must be numeric' },
  { name: 'numeric range whose bottom is above its top', pattern: { detail: { n: [{ numeric: ['>', 10, '<', 5] }] } }, reason: 'Bottom must be less than top' },
  { name: 'numeric range with two lower bounds', pattern: { detail: { n: [{ numeric: ['>', 0, '>', 5] }] } }, reason: 'Bad numeric range operator: >' },
  { name: 'numeric = with extra terms', pattern: { detail: { n: [{ numeric: ['=', 1, '<', 5] }] } }, reason: 'Too many elements' },
  { name: 'numeric operand beyond 5e9', pattern: { detail: { n: [{ numeric: ['<', 6e9] }] } }, reason: 'between -5000000000 and 5000000000' },
  { name: 'wildcard with consecutive stars', pattern: { detail: { path: [{ wildcard: 'a/**/b' }] } }, reason: 'Consecutive wildcard characters' },
  { name: 'wildcard with a bad escape', pattern: { detail: { path: [{ wildcard: 'a\\b' }] } }, reason: 'Invalid escape character' },
  { name: 'anything-but with mixed strings and numbers', pattern: { detail: { s: [{ 'anything-but': ['a', 1] }] } }, reason: 'mixed type is not supported' },
  { name: 'anything-but with an empty list', pattern: { detail: { s: [{ 'anything-but': [] }] } }, reason: 'mixed type is not supported' },
  { name: 'anything-but null', pattern: { detail: { s: [{ 'anything-but': null }] } }, reason: 'must be an array or single string/number value' },
  { name: 'anything-but with an unsupported operator', pattern: { detail: { s: [{ 'anything-but': { numeric: ['>', 1] } }] } }, reason: 'Unsupported anything-but pattern: numeric' },
  { name: 'anything-but with an empty prefix', pattern: { detail: { s: [{ 'anything-but': { prefix: '' } }] } }, reason: 'Null prefix/suffix not allowed' },
  { name: '$or that is not an array', pattern: { $or: { source: ['a'] } }, reason: 'It must be an Array followed with $or' },
  { name: '$or with a single alternative', pattern: { $or: [{ source: ['a'] }] }, reason: 'at least 2 Objects' },
  { name: '$or with an alternative that is not an object', pattern: { $or: [{ source: ['a'] }, [{ source: ['b'] }]] }, reason: 'Only JSON object is allowed' },
  { name: 'an operator name used as a field inside $or', pattern: { $or: [{ numeric: ['a'] }, { source: ['b'] }] }, reason: 'reserved fieldName' },
  { name: 'cidr with a prefix length beyond 32', pattern: { detail: { ip: [{ cidr: '10.0.0.0/33' }] } }, reason: 'Malformed CIDR' },
  { name: 'cidr that is not an address', pattern: { detail: { ip: [{ cidr: 'intranet' }] } }, reason: 'Malformed CIDR' },
];
