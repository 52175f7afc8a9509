import { describe, expect, it } from 'vitest';
import { sandboxPackAnswer } from '../../../infra/local/sandbox-warehouse';
import type { FulfilmentRequestMessage } from '../../../shared/warehouses/warehouse-message';

const request = (lineCount: number, instructions?: Record<string, string>, shipmentId = 'ord_1-S1'): FulfilmentRequestMessage => ({
  type: 'fulfilment.requested',
  requestId: 'r1',
  orderId: 'ord_1',
  channelOrderRef: 'WEB-1',
  shipmentId,
  locationId: 'wh-leipzig',
  kind: 'ship-to-customer',
  pickLines: Array.from({ length: lineCount }, (_, index) => ({ lineId: `L${index + 1}`, sku: `SKU-${index + 1}`, quantity: 1 })),
  packBy: '2026-11-24T10:00:00.000Z',
  ...(instructions && { instructions }),
});
const calm = { pickDelayMs: 0, rejectRate: 0, shortPickRate: 0 };

describe('the sandbox warehouse', () => {
  it('packs every line when nothing goes wrong', () => {
    expect(sandboxPackAnswer(request(2), calm)).toEqual({ type: 'PACKED', packedLineIds: ['L1', 'L2'] });
  });

  it('short-picks the last line of a multi-line shipment at the configured rate, and rejects a single line it cannot find', () => {
    const always = { ...calm, shortPickRate: 1 };

    expect(sandboxPackAnswer(request(3), always, () => 0.5)).toEqual({
      type: 'PARTIALLY_PACKED',
      packedLineIds: ['L1', 'L2'],
      rejectedLines: [{ lineId: 'L3', reason: 'sandbox: short pick, bin empty' }],
    });
    expect(sandboxPackAnswer(request(1), always, () => 0.5)).toMatchObject({ type: 'REJECTED', rejectedLines: [{ lineId: 'L1' }] });
  });

  it('rejects at the configured rate, and follows the order’s steering', () => {
    expect(sandboxPackAnswer(request(2), { ...calm, rejectRate: 0.3 }, () => 0.2)).toMatchObject({ type: 'REJECTED' });
    expect(sandboxPackAnswer(request(2), { ...calm, rejectRate: 0.3 }, () => 0.4)).toMatchObject({ type: 'PACKED' });
    expect(sandboxPackAnswer(request(2, { 'sandbox.wms': 'manual' }), calm)).toBeUndefined();
    expect(sandboxPackAnswer(request(2, { 'sandbox.wms': 'short-pick' }), calm)).toMatchObject({ type: 'PARTIALLY_PACKED' });
    expect(sandboxPackAnswer(request(1, { 'sandbox.wms': 'reject-first' }, 'ord_1-S1'), calm)).toMatchObject({ type: 'REJECTED' });
    expect(sandboxPackAnswer(request(1, { 'sandbox.wms': 'reject-first' }, 'ord_1-S2'), calm)).toMatchObject({ type: 'PACKED' });
  });
});
