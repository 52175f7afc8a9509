import { describe, expect, it } from 'vitest';
import { bodyOrderFields, orderAttributes, orderOfItem, plainOrderFields } from '../../../shared/adapters/dynamodb/order-item';
import type { Order } from '../../../shared/contracts/order';
import { orderInFulfilment } from '../fixtures/lifecycle';
import { placedOrder } from '../fixtures/orders';

/** What DynamoDB bills by: the item's size, attribute names included (binary counted as bytes). */
const itemBytes = (item: Record<string, unknown>) =>
  Object.entries(item).reduce((size, [name, value]) => size + name.length + (value instanceof Uint8Array ? value.length : Buffer.byteLength(JSON.stringify(value))), 0);

describe('the order item', () => {
  it('keeps what DynamoDB reads plain (status, version, identity, times) and the rest in one gzipped body', () => {
    const order = orderInFulfilment({});

    const attributes = orderAttributes(order);

    expect(Object.keys(attributes).sort()).toEqual([...plainOrderFields, 'body'].sort());
    expect(attributes).toMatchObject({ id: order.id, status: order.status, version: order.version });
    expect(attributes.body).toBeInstanceOf(Uint8Array);
    expect(bodyOrderFields).toEqual(expect.arrayContaining(['lines', 'statusHistory', 'shipments', 'payments', 'customer']));
  });

  it('reads back exactly the order it stored, without the fields it did not have', () => {
    const order: Order = { ...orderInFulfilment({}), notes: 'leave at the door' };

    const read = orderOfItem({ pk: `ORDER#${order.id}`, sk: 'ORDER', entity: 'Order', gsi1pk: 'x', requestFingerprint: 'fp', ...orderAttributes(order) });

    expect(read).toEqual(order);
    expect(read).not.toHaveProperty('paymentAction');
  });

  it('reads an item written before the body existed (every field plain)', () => {
    const order = placedOrder({ orderId: 'ord_legacy' });

    expect(orderOfItem({ pk: 'ORDER#ord_legacy', sk: 'ORDER', entity: 'Order', requestFingerprint: 'fp', gsi3pk: 'CHANNEL#demo-web', ...order })).toEqual(order);
  });

  it('makes an order in fulfilment less than half the size it was with every field plain', () => {
    const order = orderInFulfilment({});

    expect(itemBytes(orderAttributes(order))).toBeLessThan(itemBytes(order as unknown as Record<string, unknown>) / 2);
  });
});
