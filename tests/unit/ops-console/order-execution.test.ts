/**
 * GET /ops/orders/{id}/execution's use case: the execution history folded into status, current
 * states and the path taken (entered, left, caught, failed, retried), for the order and its returns.
 */
import { describe, expect, it } from 'vitest';
import orderLifecycleDefinition from '../../../statemachines/order-lifecycle.asl.json' with { type: 'json' };
import orderReturnDefinition from '../../../statemachines/order-return.asl.json' with { type: 'json' };
import { OrderExecutionSchema } from '../../../shared/contracts/ops-console';
import type { Order } from '../../../shared/contracts/order';
import { NotFoundError } from '../../../shared/domain/errors';
import type { ExecutionEvent } from '../../../shared/ports/order-workflow';
import { getOrderExecution, summarizeExecution } from '../../../shared/use-cases/ops/get-order-execution';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { placedOrder } from '../fixtures/orders';

let clock = 0;
const at = () => new Date(Date.parse('2025-03-01T10:00:00.000Z') + 1000 * clock++).toISOString();
const event = (type: string, extra: Partial<ExecutionEvent> = {}): ExecutionEvent => ({ timestamp: at(), type, ...extra });
const entered = (kind: string, stateName: string) => event(`${kind}StateEntered`, { stateName });
const exited = (kind: string, stateName: string) => event(`${kind}StateExited`, { stateName });

/** A task that runs once and succeeds, as Step Functions records it. */
const task = (stateName: string) => [entered('Task', stateName), event('TaskScheduled'), event('TaskStarted'), event('TaskSucceeded'), exited('Task', stateName)];

describe('summarizeExecution', () => {
  it('says NOT_STARTED, with no path, for an execution without history', () => {
    expect(summarizeExecution([])).toEqual({ status: 'NOT_STARTED', currentStates: [], path: [] });
  });

  it('follows a running execution into a Map iteration: the Map and the iteration’s state are both current', () => {
    const history = [
      event('ExecutionStarted'),
      ...task('Intake'),
      entered('Choice', 'IntakeOutcome'),
      exited('Choice', 'IntakeOutcome'),
      entered('Map', 'FulfilShipments'),
      event('MapStateStarted'),
      event('MapIterationStarted', { stateName: 'FulfilShipments' }),
      entered('Task', 'RequestFulfilment'),
      event('TaskScheduled'),
    ];

    const summary = summarizeExecution(history);

    expect(summary.status).toBe('RUNNING');
    expect(summary.currentStates).toEqual(['FulfilShipments', 'RequestFulfilment']);
    expect(summary.path.map((step) => [step.state, step.status])).toEqual([
      ['Intake', 'succeeded'],
      ['IntakeOutcome', 'succeeded'],
      ['FulfilShipments', 'running'],
      ['RequestFulfilment', 'running'],
    ]);
    expect(summary.path[0]).toMatchObject({ enteredAt: expect.any(String), exitedAt: expect.any(String) });
    expect(summary.path[3]).not.toHaveProperty('exitedAt');
  });

  it('ends a succeeded execution with nothing current and every state left', () => {
    const summary = summarizeExecution([event('ExecutionStarted'), ...task('Intake'), ...task('CompleteOrder'), event('ExecutionSucceeded')]);

    expect(summary).toMatchObject({ status: 'SUCCEEDED', currentStates: [] });
    expect(summary.path.every((step) => step.status === 'succeeded')).toBe(true);
  });

  it('marks a state whose error a Catch took as caught, with the error, and goes on to the catcher', () => {
    const summary = summarizeExecution([
      event('ExecutionStarted'),
      entered('Task', 'AwaitRiskReview'),
      event('TaskScheduled'),
      event('TaskFailed', { error: 'OrderCancelled', cause: 'the customer cancelled' }),
      exited('Task', 'AwaitRiskReview'),
      entered('Task', 'CancelOrder'),
      event('LambdaFunctionScheduled'),
    ]);

    expect(summary.path).toEqual([
      expect.objectContaining({ state: 'AwaitRiskReview', status: 'caught', error: 'OrderCancelled' }),
      expect.objectContaining({ state: 'CancelOrder', status: 'running' }),
    ]);
    expect(summary.currentStates).toEqual(['CancelOrder']);
  });

  it('does not count an error that a Retry then got past: the state succeeded', () => {
    const summary = summarizeExecution([
      event('ExecutionStarted'),
      entered('Task', 'ShipShipment'),
      event('LambdaFunctionScheduled'),
      event('LambdaFunctionFailed', { error: 'ThrottlingException' }),
      event('LambdaFunctionScheduled'),
      event('LambdaFunctionSucceeded'),
      exited('Task', 'ShipShipment'),
    ]);

    expect(summary.path).toEqual([expect.objectContaining({ state: 'ShipShipment', status: 'succeeded' })]);
    expect(summary.path[0]).not.toHaveProperty('error');
  });

  it('marks the states a failed execution was in as failed, with the error', () => {
    const summary = summarizeExecution([
      event('ExecutionStarted'),
      entered('Task', 'FailOrder'),
      event('TaskSucceeded'),
      exited('Task', 'FailOrder'),
      entered('Fail', 'OrderFailed'),
      event('ExecutionFailed', { error: 'OrderFailed', cause: 'compensated' }),
    ]);

    expect(summary).toMatchObject({ status: 'FAILED', currentStates: [] });
    expect(summary.path.at(-1)).toMatchObject({ state: 'OrderFailed', status: 'failed', error: 'OrderFailed', exitedAt: expect.any(String) });
  });

  it('runs again after a redrive: RUNNING, with the state it failed in entered anew', () => {
    const summary = summarizeExecution([
      event('ExecutionStarted'),
      entered('Task', 'Intake'),
      event('ExecutionFailed', { error: 'States.Runtime' }),
      event('ExecutionRedriven'),
      entered('Task', 'Intake'),
    ]);

    expect(summary.status).toBe('RUNNING');
    expect(summary.path.map((step) => step.status)).toEqual(['failed', 'running']);
    expect(summary.currentStates).toEqual(['Intake']);
  });
});

describe('getOrderExecution', () => {
  const workflowOf = (histories: Record<string, ExecutionEvent[]>) => ({ history: async (name: string) => histories[name] ?? [] });

  async function ordersWith(order: Order) {
    const orders = new InMemoryOrderRepository();
    await orders.insert({ order, requestFingerprint: 'x' });
    return orders;
  }

  it('answers the order’s lifecycle with its definition, for any channel’s order, and the raw events only when asked', async () => {
    const orders = await ordersWith(placedOrder({ orderId: 'ord_A', channelId: 'another-shop' }));
    const history = [event('ExecutionStarted'), ...task('Intake')];
    const deps = { orders, lifecycle: { name: 'order-lifecycle', definition: orderLifecycleDefinition, workflow: workflowOf({ ord_A: history }) } };

    const answer = await getOrderExecution({ orderId: 'ord_A', events: false }, deps);
    const withEvents = await getOrderExecution({ orderId: 'ord_A', events: true }, deps);

    expect(OrderExecutionSchema.parse(answer)).toEqual(answer);
    expect(answer).toMatchObject({ orderId: 'ord_A', channelId: 'another-shop', stateMachine: 'order-lifecycle', status: 'RUNNING', definition: { StartAt: 'Intake' } });
    expect(answer).not.toHaveProperty('events');
    expect(answer).not.toHaveProperty('returns');
    expect(withEvents.events).toEqual(history);
  });

  it('adds the order-return execution of each return, named by the return id', async () => {
    const order = placedOrder({ orderId: 'ord_B' });
    const withReturn = { ...order, returns: [{ returnId: 'ord_B-R1' }] } as unknown as Order;
    const orders = await ordersWith(withReturn);

    const answer = await getOrderExecution(
      { orderId: 'ord_B', events: false },
      {
        orders,
        lifecycle: { name: 'order-lifecycle', definition: orderLifecycleDefinition, workflow: workflowOf({ ord_B: [event('ExecutionStarted'), event('ExecutionSucceeded')] }) },
        returns: { name: 'order-return', definition: orderReturnDefinition, workflow: workflowOf({ 'ord_B-R1': [event('ExecutionStarted'), entered('Task', 'AwaitReceipt')] }) },
      },
    );

    expect(answer.status).toBe('SUCCEEDED');
    expect(answer.returns).toEqual([expect.objectContaining({ returnId: 'ord_B-R1', stateMachine: 'order-return', status: 'RUNNING', currentStates: ['AwaitReceipt'], definition: orderReturnDefinition })]);
  });

  it('is 404 ORDER_NOT_FOUND for an order that does not exist', async () => {
    const deps = { orders: new InMemoryOrderRepository(), lifecycle: { name: 'order-lifecycle', definition: {}, workflow: workflowOf({}) } };

    await expect(getOrderExecution({ orderId: 'ord_missing', events: false }, deps)).rejects.toMatchObject({ constructor: NotFoundError, code: 'ORDER_NOT_FOUND' });
  });
});
