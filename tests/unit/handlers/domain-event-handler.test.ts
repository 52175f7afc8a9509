import type { EventBridgeEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BackInStock } from '../../../shared/events/catalog/stock-events';
import { domainEvent, toOutgoingEvent } from '../../../shared/events/event-publisher';
import { lambdaContext } from '../fixtures/api-gateway';
import { importWithLambdaEnvironment, resetBetweenLambdaTests } from '../fixtures/lambda-environment';

// A type-only import is erased, so the module (and Powertools) first loads below, after the env is set.
import type * as DomainEventHandlerModule from '../../../shared/handlers/domain-event-handler';

let domainEventHandler: typeof DomainEventHandlerModule.domainEventHandler;

beforeAll(async () => {
  ({ domainEventHandler } = await importWithLambdaEnvironment(() => import('../../../shared/handlers/domain-event-handler')));
});

resetBetweenLambdaTests();

const position = { sku: 'MUG-LOGO', locationId: 'wh-leipzig', onHand: 5, reserved: 0, safetyStock: 0, available: 5, stockVersion: 3 };

/** The event as EventBridge hands it to a rule's function target: the detail parsed, as published. */
function busEvent(detailType = 'BackInStock', data: unknown = position): EventBridgeEvent<string, unknown> {
  const outgoing = toOutgoingEvent(domainEvent(BackInStock, position));
  const detail = { ...(JSON.parse(outgoing.detail) as Record<string, unknown>), data };
  return { version: '0', id: 'evt-1', 'detail-type': detailType, source: outgoing.source, account: '000000000000', time: '2025-03-01T10:00:00Z', region: 'eu-central-1', resources: [], detail };
}

describe('domainEventHandler', () => {
  it("hands the event's validated data to the job and answers its summary", async () => {
    // Prepare
    const job = vi.fn(async (data: { sku: string }) => ({ sku: data.sku, resumed: 2 }));
    const handler = domainEventHandler(BackInStock, job);

    // Act
    const summary = await handler(busEvent(), lambdaContext());

    // Assess
    expect(summary).toEqual({ sku: 'MUG-LOGO', resumed: 2 });
    expect(job).toHaveBeenCalledWith(position);
  });

  it('fails the invocation, without running the job, for another event type or a detail that breaks the contract', async () => {
    // Prepare
    const job = vi.fn(async () => ({}));
    const handler = domainEventHandler(BackInStock, job);

    // Act
    const otherType = handler(busEvent('OutOfStock'), lambdaContext());
    const broken = handler(busEvent('BackInStock', { sku: 'MUG-LOGO' }), lambdaContext());

    // Assess
    await expect(otherType).rejects.toThrow("the rule's pattern and its target disagree");
    await expect(broken).rejects.toThrow();
    expect(job).not.toHaveBeenCalled();
  });
});
