/**
 * How an order is stored in its item. DynamoDB bills a write by the whole item's size, and every
 * lifecycle step rewrites the order, so the order's bulk (lines, addresses, history, shipments,
 * payments, returns, activity) is kept as one gzipped JSON attribute, `body`: a finished order is
 * about 2 KB instead of 5, and each step's write costs half. What DynamoDB itself reads stays plain:
 * `status` (a filter and an index projection), `version` (the optimistic lock), and the identity
 * and times people look for in the console. Items written before `body` existed (every field
 * plain) are read as they are and rewritten in this form at their next change.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { OrderSchema, type Order } from '../../contracts/order';

type Item = Record<string, unknown>;

/** Order fields kept as plain attributes. */
export const plainOrderFields = ['id', 'channelId', 'channelOrderRef', 'status', 'version', 'placedAt', 'updatedAt'] as const satisfies readonly (keyof Order)[];
const plain = new Set<string>(plainOrderFields);

const orderFields = Object.keys(OrderSchema.shape);

/** The order fields that go into `body`. */
export const bodyOrderFields = orderFields.filter((field) => !plain.has(field));

export const orderBodyAttribute = 'body';

/** The attributes of the item that hold the order: the plain fields and the compressed body. */
export function orderAttributes(order: Order): Item {
  const attributes: Item = {};
  const body: Item = {};
  for (const [field, value] of Object.entries(order)) {
    if (value === undefined) continue;
    if (plain.has(field)) attributes[field] = value;
    else body[field] = value;
  }
  attributes[orderBodyAttribute] = gzipSync(JSON.stringify(body));
  return attributes;
}

/** The order an item holds, in either form; the item's storage attributes (keys, fingerprint) are left out. */
export function orderOfItem(item: Item): Order {
  const order: Item = {};
  for (const field of orderFields) if (item[field] !== undefined) order[field] = item[field];
  const body = item[orderBodyAttribute];
  if (body instanceof Uint8Array) Object.assign(order, JSON.parse(gunzipSync(body).toString('utf8')) as Item);
  return order as Order;
}
