/**
 * Customer-service actions on the local runtime: appeasements within the role's limit and what was
 * paid, notes and escalations in the activity and timeline, and a customer message sent again.
 * Every action names the acting user; a channel key cannot act.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { apiUrl, call } from '../api-client';
import { issueApiKey } from '../inventory/scoped-api-key';
import { placeOrder, stockedSku, waitForStatus } from '../lifecycle/lifecycle-api';

let agentKey: string;
let leadKey: string;
let channelKey: string;

beforeAll(async () => {
  agentKey = await issueApiKey(['customer-service'], 'cs-team');
  leadKey = await issueApiKey(['customer-service', 'customer-service:lead'], 'cs-team');
  channelKey = await issueApiKey(['orders'], 'demo-web');
});

const asAgent = (user: string, key = agentKey) => ({ apiKey: key, headers: { 'x-acting-user': user } });

/** 1 × 30.00 + 4.95 shipping, delivered and charged: 34.95 captured. */
async function completedOrder() {
  const sku = await stockedSku('care', { 'wh-leipzig': 3 });
  const placed = await placeOrder({ lines: [{ sku, quantity: 1, unitPrice: 3000 }] });
  return waitForStatus(placed.id, 'COMPLETED');
}

describe('customer-service actions', () => {
  it('grants appeasements within the role’s limit and what was captured, and refuses the rest with nothing changed', async () => {
    const order = await completedOrder();
    const grant = (key: string, user: string, amount: number, method: string) =>
      call('POST', `/orders/${order.id}/appeasements`, { ...asAgent(user, key), body: { amount: { amount, currency: 'EUR' }, method, reason: 'Late parcel' } });

    const credit = await grant(agentKey, 'jane.doe@example.com', 500, 'STORE_CREDIT');
    const overAgentLimit = await grant(agentKey, 'jane.doe@example.com', 1600, 'REFUND');
    const refund = await grant(leadKey, 'lee.lead@example.com', 2000, 'REFUND');
    const overCaptured = await grant(leadKey, 'lee.lead@example.com', 1000, 'REFUND');

    expect(credit.status, JSON.stringify(credit.body)).toBe(201);
    expect(overAgentLimit).toMatchObject({ status: 422, body: { code: 'APPEASEMENT_OVER_LIMIT', errors: [{ path: 'amount.amount' }] } });
    expect(refund.status, JSON.stringify(refund.body)).toBe(201);
    expect(overCaptured).toMatchObject({ status: 422, body: { code: 'REFUND_EXCEEDS_CAPTURED' } });
    const after = (await call('GET', `/orders/${order.id}`)).body;
    expect(after.money).toMatchObject({ captured: { amount: 3495 }, credited: { amount: 500 }, refunded: { amount: 2000 } });
    expect(after.activity.map((entry: { type: string; by: string; role: string }) => [entry.type, entry.by, entry.role])).toEqual([
      ['APPEASEMENT', 'jane.doe@example.com', 'agent'],
      ['APPEASEMENT', 'lee.lead@example.com', 'lead'],
    ]);
  });

  it('refuses a channel key (403) and an action without an acting user (400)', async () => {
    const order = await completedOrder();

    const byChannel = await call('POST', `/orders/${order.id}/notes`, { apiKey: channelKey, headers: { 'x-acting-user': 'someone' }, body: { text: 'hi' } });
    const anonymous = await call('POST', `/orders/${order.id}/notes`, { apiKey: agentKey, body: { text: 'hi' } });

    expect(byChannel).toMatchObject({ status: 403, body: { code: 'INSUFFICIENT_SCOPE' } });
    expect(anonymous).toMatchObject({ status: 400, body: { errors: [{ path: 'x-acting-user' }] } });
    expect((await call('GET', `/orders/${order.id}`)).body.version).toBe(order.version);
  });

  it('records notes and escalations in the activity and the timeline, and clears an escalation', async () => {
    const order = await completedOrder();

    const note = await call('POST', `/orders/${order.id}/notes`, { ...asAgent('jane.doe@example.com'), body: { text: 'Customer prefers SMS' } });
    const escalated = await call('PUT', `/orders/${order.id}/escalation`, { ...asAgent('jane.doe@example.com'), body: { escalated: true, reason: 'Chargeback threatened' } });
    const cleared = await call('PUT', `/orders/${order.id}/escalation`, { ...asAgent('ops.sam@example.com'), body: { escalated: false, reason: 'Resolved by phone' } });

    expect(note.status).toBe(200);
    expect(escalated.body.escalation).toMatchObject({ by: 'jane.doe@example.com', reason: 'Chargeback threatened' });
    expect(cleared.body.escalation).toBeUndefined();
    const timeline = (await call('GET', `/orders/${order.id}/timeline`)).body.items.filter((item: { source: string }) => item.source === 'activity');
    expect(timeline.map((item: { type: string }) => item.type)).toEqual(['NOTE', 'ESCALATED', 'DE_ESCALATED']);
    expect(timeline[0].detail).toContain('jane.doe@example.com');
  });

  it('sends a customer message again, exactly as it went out, under a new id', async () => {
    const order = await completedOrder();
    const outbox = async () => ((await (await fetch(`${apiUrl()}/dev/outbox?${new URLSearchParams({ orderId: order.id })}`)).json()) as { items: { notificationId: string; subject?: string; text: string }[] }).items;
    const deadline = Date.now() + 20_000;
    let sent = await outbox();
    while (sent.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      sent = await outbox();
    }
    const original = sent[0];
    expect(original).toBeDefined();

    const resent = await call('POST', `/orders/${order.id}/notifications/resend`, { ...asAgent('jane.doe@example.com'), body: { notificationId: original?.notificationId, reason: 'Customer did not get it' } });
    const unknown = await call('POST', `/orders/${order.id}/notifications/resend`, { ...asAgent('jane.doe@example.com'), body: { notificationId: 'nope#email', reason: 'x' } });

    expect(resent).toMatchObject({ status: 201, body: { notificationId: original?.notificationId, outcome: 'sent' } });
    const copy = (await outbox()).find((message) => message.notificationId === resent.body.resentAs);
    expect(copy).toMatchObject({ subject: original?.subject, text: original?.text });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'MESSAGE_NOT_FOUND' } });
  });
});
