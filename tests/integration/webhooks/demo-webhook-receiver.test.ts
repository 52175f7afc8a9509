/**
 * The receiver `npm start` subscribes to the demo channel: it must see an order's events arrive,
 * each signed so that the Standard Webhooks reference library verifies it.
 */
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startDemoWebhookReceiver, type DemoWebhookReceiver } from '../../../infra/local/demo-webhook-receiver';
import { placeOrder, stockedSku, waitForStatus } from '../lifecycle/lifecycle-api';

let receiver: DemoWebhookReceiver | undefined;
afterAll(async () => {
  await receiver?.close();
});

describe('the demo webhook receiver of npm start', () => {
  it('receives an order’s events as it moves, every one verified with the subscription’s secret', async () => {
    // Prepare
    receiver = await startDemoWebhookReceiver({ apiUrl: inject('apiUrl'), apiKey: inject('demoApiKey') });
    const sku = await stockedSku('demo-receiver', { 'wh-leipzig': 2 });

    // Act
    const placed = await placeOrder({ lines: [{ sku, quantity: 1 }] });
    await waitForStatus(placed.id, 'COMPLETED');
    const deadline = Date.now() + 15_000;
    const forOrder = () => receiver!.received.filter((delivery) => delivery.orderId === placed.id);
    while (!forOrder().some((delivery) => delivery.type === 'OrderCompleted') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));

    // Assess
    const types = forOrder().map((delivery) => delivery.type);
    expect(types).toEqual(expect.arrayContaining(['OrderPlaced', 'ShipmentShipped', 'OrderCompleted']));
    expect(forOrder().every((delivery) => delivery.verified)).toBe(true);
  });
});
