/**
 * Issue #4: every step retries transient errors and catches permanent ones; a permanent failure ends
 * the order in a terminal status with a reason, its stock released and its money returned, and no
 * path leaves a reservation or an authorization dangling.
 *
 * 1. Static: the rules read off both ASL files (nested Map iterations included), each violation
 *    named by machine and state.
 * 2. Dynamic: the real ASL on the in-process engine with the real use cases (lifecycle-harness.ts);
 *    a happy two-shipment order, then the same order with a permanent failure injected into each
 *    Task state it passes through, one at a time, and the compensation itself failing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExecutionDescription } from '../../../infra/local/cloud/stepfunctions/local-step-functions';
import { repoRoot } from '../../../infra/aws/repo-root';
import { orderIntake, orderLifecycle } from '../../../infra/definitions/lifecycle';
import type { Order } from '../../../shared/contracts/order';
import type { ShipmentStatus } from '../../../shared/contracts/fulfilment';
import { moneySummary, shipmentsOf } from '../../../shared/domain/lifecycle/order-lifecycle';
import { handedOverShipmentStatuses } from '../../../shared/domain/lifecycle/status-transitions';
import { createLifecycleHarness, injectedFailure, namedError, orderId, stockedLocations, type FunctionCall, type HarnessOptions, type LifecycleHarness } from './lifecycle-harness';

// ---- 1. The rules, read off the ASL ------------------------------------------------------------

type AslState = Record<string, unknown> & { readonly Type: string };
type AslStates = Record<string, AslState>;
interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly BackoffRate?: number;
  readonly JitterStrategy?: string;
  readonly MaxAttempts?: number;
}
interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  readonly ResultPath?: string | null;
}

const readDefinition = (file: string) => JSON.parse(readFileSync(join(repoRoot, file), 'utf8')) as { States: AslStates };

/** A Task state, wherever it sits: `where` names it for messages (machine › Map › state). */
interface TaskSite {
  readonly machine: string;
  readonly name: string;
  readonly where: string;
  readonly state: AslState;
  /** The Map or Parallel states around it, innermost last (empty at the top level). */
  readonly enclosing: readonly { readonly name: string; readonly state: AslState }[];
  /** The states of the same scope (the machine's, or the iteration's). */
  readonly scope: AslStates;
}

function taskSites(machine: string, states: AslStates, enclosing: TaskSite['enclosing'] = []): TaskSite[] {
  return Object.entries(states).flatMap(([name, state]) => {
    if (state.Type === 'Task') return [{ machine, name, state, enclosing, scope: states, where: [machine, ...enclosing.map((outer) => outer.name), name].join(' › ') }];
    const processor = (state.ItemProcessor ?? state.Iterator) as { States: AslStates } | undefined;
    if (state.Type === 'Map' && processor) return taskSites(machine, processor.States, [...enclosing, { name, state }]);
    if (state.Type === 'Parallel') return ((state.Branches ?? []) as { States: AslStates }[]).flatMap((branch) => taskSites(machine, branch.States, [...enclosing, { name, state }]));
    return [];
  });
}

const retriersOf = (state: AslState) => (state.Retry ?? []) as readonly Retrier[];
const catchersOf = (state: AslState) => (state.Catch ?? []) as readonly Catcher[];
const catchesAll = (state: AslState, next: string) => catchersOf(state).some((catcher) => catcher.ErrorEquals.includes('States.ALL') && catcher.Next === next);

/** What the task calls decides which errors are transient: Lambda's service errors, or Step Functions' for a nested execution. */
function transientErrorsOf(state: AslState): readonly string[] {
  const resource = String(state.Resource);
  if (resource.startsWith('arn:aws:states:::states:startExecution')) return ['StepFunctions.ExecutionLimitExceededException', 'StepFunctions.SdkClientException'];
  return ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'];
}

/** Errors that are never transient: retrying them delays the compensation and repeats the damage. */
const permanentErrors = ['States.ALL', 'States.TaskFailed', 'States.Timeout', 'States.HeartbeatTimeout', 'OrderCancelled', 'RiskRejected'];

/** Every Task retries its transient errors with full jitter and a growing interval, and nothing permanent. */
function retryViolations(sites: readonly TaskSite[]): string[] {
  return sites.flatMap(({ where, state }) => {
    const retriers = retriersOf(state);
    const violations: string[] = [];
    for (const error of transientErrorsOf(state)) {
      const retrier = retriers.find((candidate) => candidate.ErrorEquals.includes(error));
      if (!retrier) violations.push(`${where}: no Retry for the transient ${error}`);
      else if ((retrier.MaxAttempts ?? 3) < 2) violations.push(`${where}: retries ${error} fewer than 2 times`);
    }
    retriers.forEach((retrier, index) => {
      if (retrier.JitterStrategy !== 'FULL') violations.push(`${where}: Retry[${index}] has JitterStrategy ${String(retrier.JitterStrategy)}, not FULL`);
      if (!((retrier.BackoffRate ?? 2) > 1)) violations.push(`${where}: Retry[${index}] has BackoffRate ${String(retrier.BackoffRate)}, not > 1`);
      const permanent = retrier.ErrorEquals.filter((error) => permanentErrors.includes(error));
      if (permanent.length > 0) violations.push(`${where}: Retry[${index}] retries permanent errors ${permanent.join(', ')}`);
    });
    return violations;
  });
}

const compensationStates = ['CancelOrder', 'FailOrder'];
const closingStates = ['CancelOrder', 'FailOrder', 'OrderClosed'];

/**
 * order-lifecycle, top level: every Task catches States.ALL into FailOrder and sends every error it
 * catches (with the error at $.error, which the compensation reports) to a compensation, to
 * OrderClosed, or to a Task that itself follows these rules. The compensations catch nothing: when
 * one keeps failing the execution fails at it, ops are paged, and a redrive re-runs it. Every Map catches States.ALL into FailOrder, which
 * covers whatever its iterations do not catch themselves.
 */
function catchViolations(states: AslStates, machine: string): string[] {
  const violations: string[] = [];
  const handled = (next: string) => closingStates.includes(next) || (states[next]?.Type === 'Task' && !compensationStates.includes(next) && catchesAll(states[next] as AslState, 'FailOrder'));
  for (const site of taskSites(machine, states).filter((task) => task.enclosing.length === 0)) {
    const { where, name, state } = site;
    const catchers = catchersOf(state);
    if (compensationStates.includes(name)) {
      if (catchers.length > 0) violations.push(`${where}: a compensation must not catch: a redrive must be able to run it again`);
      continue;
    }
    if (catchers.length === 0) {
      violations.push(`${where}: no Catch, a permanent error would end the execution with the order's stock and money held`);
      continue;
    }
    if (!catchesAll(state, 'FailOrder')) violations.push(`${where}: does not catch States.ALL into FailOrder`);
    for (const catcher of catchers) {
      if (!handled(catcher.Next)) violations.push(`${where}: catches ${catcher.ErrorEquals.join(', ')} into ${catcher.Next}, which is neither CancelOrder, FailOrder, OrderClosed nor a Task that catches States.ALL into FailOrder`);
      if (catcher.ResultPath !== '$.error') violations.push(`${where}: catches ${catcher.ErrorEquals.join(', ')} with ResultPath ${String(catcher.ResultPath)}, not $.error (the compensation reports $.error)`);
    }
  }
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Map' || state.Type === 'Parallel') {
      if (!catchesAll(state, 'FailOrder')) violations.push(`${machine} › ${name}: a ${state.Type} must catch States.ALL into FailOrder, for what its iterations do not catch`);
      for (const catcher of catchersOf(state)) {
        if (!closingStates.includes(catcher.Next)) violations.push(`${machine} › ${name}: catches ${catcher.ErrorEquals.join(', ')} into ${catcher.Next}, not CancelOrder, FailOrder or OrderClosed`);
        if (catcher.ResultPath !== '$.error') violations.push(`${machine} › ${name}: catches ${catcher.ErrorEquals.join(', ')} with ResultPath ${String(catcher.ResultPath)}, not $.error`);
      }
    }
    // A state that routes to a compensation without an error (a Pass for an unexpected outcome) must still say why.
    if (state.Type !== 'Task' && typeof state.Next === 'string' && compensationStates.includes(state.Next) && state.ResultPath !== '$.error') {
      violations.push(`${machine} › ${name}: goes to ${state.Next} without setting $.error`);
    }
  }
  return violations;
}

/** Inside an iteration, a Task's own catchers go to a state of that iteration; anything else reaches the enclosing Map's Catch. */
function iterationViolations(states: AslStates, machine: string): string[] {
  return taskSites(machine, states)
    .filter((site) => site.enclosing.length > 0)
    .flatMap(({ where, state, scope, enclosing }) => {
      const violations = catchersOf(state)
        .filter((catcher) => !(catcher.Next in scope))
        .map((catcher) => `${where}: catches into ${catcher.Next}, which is not a state of its iteration`);
      const outermost = enclosing[0] as { name: string; state: AslState };
      if (!catchesAll(state, 'FailOrder') && !catchesAll(outermost.state, 'FailOrder')) violations.push(`${where}: neither it nor ${outermost.name} catches States.ALL into FailOrder`);
      return violations;
    });
}

/**
 * order-intake's Tasks have no Catch of their own: a permanent error fails the Express execution,
 * which fails the lifecycle Task that started it, which must catch States.ALL into FailOrder.
 */
function nestedMachineViolations(parent: AslStates, child: AslStates, childMachine: string, childArnPlaceholder: string): string[] {
  const starters = Object.entries(parent).filter(
    ([, state]) => state.Type === 'Task' && String(state.Resource).startsWith('arn:aws:states:::states:startExecution') && (state.Parameters as Record<string, unknown>)?.StateMachineArn === childArnPlaceholder,
  );
  if (starters.length === 0) return [`${childMachine}: no order-lifecycle Task starts it with ${childArnPlaceholder}`];
  return starters.flatMap(([starter, starterState]) => {
    const violations: string[] = [];
    if (!String(starterState.Resource).endsWith('.sync:2') && !String(starterState.Resource).endsWith('.sync')) violations.push(`order-lifecycle › ${starter}: starts ${childMachine} without waiting for it (.sync), so its failures are never caught`);
    for (const site of taskSites(childMachine, child)) {
      const uncaught = !site.enclosing.some((outer) => catchesAll(outer.state, 'FailOrder')) && !catchersOf(site.state).some((catcher) => catcher.ErrorEquals.includes('States.ALL'));
      if (uncaught && !catchesAll(starterState, 'FailOrder')) violations.push(`${site.where}: fails ${childMachine}, and order-lifecycle › ${starter} does not catch States.ALL into FailOrder`);
    }
    return violations;
  });
}

/** The JSON object at `path` in a parsed definition, to break a copy of it. */
const at = (value: unknown, ...path: readonly (string | number)[]): Record<string, unknown> =>
  path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value) as Record<string, unknown>;

function allViolations(lifecycle: { States: AslStates }, intake: { States: AslStates }): string[] {
  return [
    ...retryViolations([...taskSites('order-lifecycle', lifecycle.States), ...taskSites('order-intake', intake.States)]),
    ...catchViolations(lifecycle.States, 'order-lifecycle'),
    ...iterationViolations(lifecycle.States, 'order-lifecycle'),
    ...nestedMachineViolations(lifecycle.States, intake.States, 'order-intake', '${OrderIntakeStateMachineArn}'),
  ];
}

describe('the lifecycle ASL: retries and catches, statically', () => {
  const lifecycle = readDefinition(orderLifecycle.definitionFile);
  const intake = readDefinition(orderIntake.definitionFile);

  it('finds every Task of both machines, those inside Map iterations included', () => {
    // Act
    const found = [...taskSites('order-lifecycle', lifecycle.States), ...taskSites('order-intake', intake.States)].map((site) => site.where);

    // Assess
    expect(found).toEqual(
      expect.arrayContaining([
        'order-lifecycle › Intake',
        'order-lifecycle › FulfilShipments › RequestFulfilment',
        'order-lifecycle › FulfilShipments › ShipShipment',
        'order-lifecycle › FulfilShipments › GiveUpFulfilment',
        'order-lifecycle › AwaitDeliveries › AwaitDelivery',
        'order-lifecycle › AwaitDeliveries › HandleOverdueDelivery',
        'order-lifecycle › CancelOrder',
        'order-lifecycle › FailOrder',
        'order-intake › ScreenRisk',
        'order-intake › AllocateStock',
        'order-intake › AuthorizePayment',
      ]),
    );
  });

  it('retries the transient errors of every Task, with full jitter and a growing interval, and never a permanent error', () => {
    // Act
    const violations = retryViolations([...taskSites('order-lifecycle', lifecycle.States), ...taskSites('order-intake', intake.States)]);

    // Assess
    expect(violations).toEqual([]);
  });

  it('catches every permanent error of a top-level Task into a compensation or a closing state, and lets a failing compensation fail the execution', () => {
    // Act
    const violations = catchViolations(lifecycle.States, 'order-lifecycle');

    // Assess
    expect(violations).toEqual([]);
  });

  it('lets what a Map iteration does not catch reach the Map, which catches States.ALL into FailOrder', () => {
    // Act
    const violations = iterationViolations(lifecycle.States, 'order-lifecycle');

    // Assess
    expect(violations).toEqual([]);
  });

  it('catches a failed nested order-intake in the lifecycle Task that waits for it', () => {
    // Act
    const violations = nestedMachineViolations(lifecycle.States, intake.States, 'order-intake', '${OrderIntakeStateMachineArn}');

    // Assess
    expect(violations).toEqual([]);
  });

  it('names the machine and the state that breaks a rule', () => {
    // Prepare: a copy with one rule broken per kind of state
    const broken = structuredClone(lifecycle);
    const brokenIntake = structuredClone(intake);
    delete at(broken, 'States', 'SourceRemainingLines').Catch;
    at(broken, 'States', 'CompleteOrder').Catch = [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'OrderFailed' }];
    at(broken, 'States', 'FulfilShipments').Catch = [{ ErrorEquals: ['OrderCancelled'], ResultPath: '$.error', Next: 'CancelOrder' }];
    delete at(broken, 'States', 'AwaitDeliveries', 'ItemProcessor', 'States', 'HandleOverdueDelivery', 'Retry', 0).JitterStrategy;
    at(brokenIntake, 'States', 'AuthorizePayment', 'Retry', 0).ErrorEquals = ['TransientPaymentError'];
    at(broken, 'States', 'Intake').Catch = [{ ErrorEquals: ['OrderCancelled'], ResultPath: '$.error', Next: 'CancelOrder' }];

    // Act
    const violations = allViolations(broken, brokenIntake);

    // Assess
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^order-lifecycle › SourceRemainingLines: no Catch/),
        expect.stringMatching(/^order-lifecycle › CompleteOrder: catches States.ALL into OrderFailed, which is neither/),
        expect.stringMatching(/^order-lifecycle › FulfilShipments: a Map must catch States.ALL into FailOrder/),
        expect.stringMatching(/^order-lifecycle › FulfilShipments › ShipShipment: neither it nor FulfilShipments catches States.ALL/),
        expect.stringMatching(/^order-lifecycle › AwaitDeliveries › HandleOverdueDelivery: Retry\[0\] has JitterStrategy undefined/),
        expect.stringMatching(/^order-intake › AuthorizePayment: no Retry for the transient Lambda.ServiceException/),
        expect.stringMatching(/^order-intake › ScreenRisk: fails order-intake, and order-lifecycle › Intake does not catch States.ALL/),
      ]),
    );
    expect(allViolations(lifecycle, intake)).toEqual([]);
  });
});

// ---- 2. Every Task of a happy order, failing for good --------------------------------------------

const harnesses: LifecycleHarness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((harness) => harness.close()));
});

async function harnessWith(options: HarnessOptions = {}): Promise<LifecycleHarness> {
  const harness = await createLifecycleHarness(options);
  harnesses.push(harness);
  return harness;
}

const s1 = `${orderId}-S1`;
const s2 = `${orderId}-S2`;

/** The function a Task state calls, told apart by its fixed parameters where several states share one. */
const calls =
  (functionName: string, where: (payload: FunctionCall['payload']) => boolean = () => true) =>
  (call: FunctionCall) =>
    call.functionName === functionName && where(call.payload);

/**
 * How to make each Task state of the happy path fail for good. Intake calls no function: its
 * StartExecution fails instead, the nested machine it names does not exist (a permanent
 * StepFunctions.StateMachineDoesNotExistException, not one of its retried errors).
 */
const permanentFailureOf: Record<string, { readonly options: HarnessOptions; readonly error: string }> = {
  Intake: { options: { intakeStateMachineName: 'order-intake-that-does-not-exist' }, error: 'StepFunctions.StateMachineDoesNotExistException' },
  ScreenRisk: { options: { failWhen: calls('screen-order-risk') }, error: injectedFailure },
  AllocateStock: { options: { failWhen: calls('allocate-order-stock') }, error: injectedFailure },
  AuthorizePayment: { options: { failWhen: calls('authorize-order-payment') }, error: injectedFailure },
  RequestFulfilment: { options: { failWhen: calls('request-fulfilment') }, error: injectedFailure },
  ShipShipment: { options: { failWhen: calls('ship-shipment') }, error: injectedFailure },
  SourceRemainingLines: { options: { failWhen: calls('source-remaining-lines') }, error: injectedFailure },
  AwaitDelivery: { options: { failWhen: calls('await-order-event', (payload) => payload.kind === 'delivery') }, error: injectedFailure },
  CompleteOrder: { options: { failWhen: calls('complete-order') }, error: injectedFailure },
};

/** Shipment statuses after the parcel left the location (a PACKED parcel is still on its shelf). */
const leftTheLocation = (status: ShipmentStatus) => handedOverShipmentStatuses.includes(status) && status !== 'PACKED';

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const shipmentStatus = (order: Order, shipmentId: string) => shipmentsOf(order).find((shipment) => shipment.shipmentId === shipmentId)?.status;

/**
 * What every early end must leave: the order terminal with a reason, the execution ended through
 * OrderFailed (FAILED) or OrderClosed (CANCELLED), no unit held, no task token waiting, stock back
 * for every unit that did not leave, nothing authorized, and captures for goods that did not leave
 * refunded, on the order and at the PSP, whose books must match the order's. Soft assertions: a
 * broken run reports every invariant it broke, not only the first.
 */
async function expectNothingLeftBehind(harness: LifecycleHarness, ended: ExecutionDescription, expectedError: string): Promise<Order> {
  const order = await harness.order();
  const history = harness.engine.getExecutionHistory({ executionArn: harness.executionArn, maxResults: 1000 }).events;
  const lastEntered = history.filter((event) => String(event.type).endsWith('StateEntered')).at(-1)?.stateEnteredEventDetails as { name?: string } | undefined;

  // The order: terminal, with why.
  expect.soft(['FAILED', 'CANCELLED']).toContain(order.status);
  const ending = order.statusHistory.at(-1);
  expect.soft(ending?.status).toBe(order.status);
  expect.soft(ending?.reason ?? '').toContain(expectedError);

  // The execution: through OrderFailed for a FAILED order, through OrderClosed for a CANCELLED one.
  if (order.status === 'FAILED') {
    expect.soft({ status: ended.status, error: ended.error, lastState: lastEntered?.name }).toEqual({ status: 'FAILED', error: 'OrderFailed', lastState: 'OrderFailed' });
  } else {
    expect.soft({ status: ended.status, lastState: lastEntered?.name }).toEqual({ status: 'SUCCEEDED', lastState: 'OrderClosed' });
  }

  // Stock: nothing held, and every unit that did not leave is back on the shelf.
  expect.soft((await harness.inventory.reservationsOf(orderId)).filter((line) => line.status === 'HELD')).toEqual([]);
  for (const stocked of stockedLocations) {
    const shipped = shipmentsOf(order)
      .filter((shipment) => shipment.locationId === stocked.locationId && leftTheLocation(shipment.status))
      .flatMap((shipment) => shipment.lines)
      .reduce((units, line) => units + line.quantity, 0);
    const level = await harness.inventory.getStock(stocked.sku, stocked.locationId);
    expect.soft({ sku: stocked.sku, onHand: level?.onHand, reserved: level?.reserved }).toEqual({ sku: stocked.sku, onHand: stocked.onHand - shipped, reserved: 0 });
  }
  expect.soft(harness.deps.waits.all).toEqual([]);

  // Money on the order: nothing authorized, captures for goods that never left refunded, the others kept.
  expect.soft(moneySummary(order).outstandingAuthorization.amount).toBe(0);
  const payments = order.payments ?? [];
  for (const capture of payments.filter((entry) => entry.type === 'CAPTURE')) {
    const status = capture.shipmentId ? shipmentStatus(order, capture.shipmentId) : undefined;
    const refunded = payments.filter((entry) => entry.type === 'REFUND' && entry.shipmentId === capture.shipmentId).reduce((sum, entry) => sum + entry.amount.amount, 0);
    const goodsLeft = status !== undefined && handedOverShipmentStatuses.includes(status);
    expect.soft({ shipment: capture.shipmentId, status, refunded }).toEqual({ shipment: capture.shipmentId, status, refunded: goodsLeft ? 0 : capture.amount.amount });
  }

  // Money at the PSP: every capture it made is on the order, refunded as the order says, and nothing stays authorized.
  const onOrder = new Set(payments.filter((entry) => entry.type === 'CAPTURE').map((entry) => entry.id));
  for (const { captureId, idempotencyKey } of harness.payments.captures) {
    expect.soft({ captureId, idempotencyKey, onTheOrder: onOrder.has(captureId) }).toEqual({ captureId, idempotencyKey, onTheOrder: true });
    const shipmentId = idempotencyKey.split(':capture:')[1] ?? '';
    const atPsp = await harness.payments.sandbox.getCapture(captureId);
    const refundedOnOrder = payments.filter((entry) => entry.type === 'REFUND' && entry.shipmentId === shipmentId).reduce((sum, entry) => sum + entry.amount.amount, 0);
    expect.soft({ captureId, refunded: atPsp?.refunded }).toEqual({ captureId, refunded: refundedOnOrder });
    // The customer pays for no parcel that is still on a shelf, whatever the order knows.
    const status = shipmentStatus(order, shipmentId);
    if (status === undefined || !leftTheLocation(status)) {
      expect.soft({ shipmentId, status, refundedAtPsp: atPsp?.refunded }).toEqual({ shipmentId, status, refundedAtPsp: atPsp?.amount.amount });
    }
  }
  for (const authorizationId of harness.payments.authorizations) {
    const authorization = await harness.payments.sandbox.getAuthorization(authorizationId);
    expect.soft({ authorizationId, stillAuthorized: (authorization?.amount.amount ?? 0) - (authorization?.captured ?? 0) - (authorization?.voided ?? 0) }).toEqual({ authorizationId, stillAuthorized: 0 });
  }
  return order;
}

describe('a two-shipment order on the real ASL and use cases', () => {
  it('completes with two shipments delivered, fully captured, nothing held: the baseline every failure below departs from', async () => {
    // Prepare
    const harness = await harnessWith();

    // Act
    const started = Date.now();
    const ended = await harness.runOrder();

    // Assess
    const order = await harness.order();
    expect(ended.status).toBe('SUCCEEDED');
    expect(order.status).toBe('COMPLETED');
    expect(shipmentsOf(order).map((shipment) => [shipment.locationId, shipment.status])).toEqual([
      ['wh-leipzig', 'DELIVERED'],
      ['wh-munich', 'DELIVERED'],
    ]);
    expect(moneySummary(order)).toMatchObject({ captured: order.totals.grandTotal, refunded: { amount: 0 }, outstandingAuthorization: { amount: 0 } });
    expect((await harness.inventory.reservationsOf(orderId)).map((line) => line.status)).toEqual(['CONSUMED', 'CONSUMED']);
    expect(harness.calls.filter(calls('await-order-event')).map((call) => call.payload.shipmentId)).toEqual(expect.arrayContaining([s1, s2]));
    expect(harness.partnerRefusals).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('passes through exactly the Task states the failure walk below covers', async () => {
    // Prepare
    const harness = await harnessWith();

    // Act
    await harness.runOrder();

    // Assess: a Task added to the happy path fails this test until the walk covers it.
    expect(harness.enteredTaskStates().sort()).toEqual(Object.keys(permanentFailureOf).sort());
  });
});

describe('a permanent failure in any step of the happy path is compensated', () => {
  it.each(Object.entries(permanentFailureOf))('%s failing for good ends the order FAILED with its stock released and its money returned', async (state, { options, error }) => {
    // Prepare
    const harness = await harnessWith(options);

    // Act
    const ended = await harness.runOrder();

    // Assess
    if (options.failWhen) expect(harness.injected.length).toBeGreaterThan(0);
    expect(harness.enteredTaskStates()).toContain(state);
    const order = await expectNothingLeftBehind(harness, ended, error);
    expect(order.status).toBe('FAILED');
  });

  it('keeps the capture of a shipment that left when the next shipment fails to ship, and voids the rest', async () => {
    // Prepare: the Munich shipment ships only after the Leipzig one has, and then fails for good
    const harness = await harnessWith({
      failWhen: calls('ship-shipment', (payload) => payload.shipmentId === s2),
      beforeCall: (call, world) =>
        calls('ship-shipment', (payload) => payload.shipmentId === s2)(call) ? until(async () => shipmentStatus(await world.order(), s1) === 'SHIPPED', `${s1} shipped`) : undefined,
    });

    // Act
    const ended = await harness.runOrder();

    // Assess
    const order = await expectNothingLeftBehind(harness, ended, injectedFailure);
    expect(shipmentsOf(order).map((shipment) => [shipment.shipmentId, shipment.status])).toEqual([
      [s1, 'SHIPPED'],
      [s2, 'CANCELLED'],
    ]);
    const summary = moneySummary(order);
    expect(summary.captured.amount).toBeGreaterThan(0);
    expect(summary.refunded.amount).toBe(0);
    expect(summary.voided.amount).toBe(order.totals.grandTotal.amount - summary.captured.amount);
  });

  it('keeps what was delivered when the wait for the other delivery fails for good', async () => {
    // Prepare: the wait for the Munich parcel starts only once the Leipzig parcel was delivered, and fails
    const awaitsS2 = calls('await-order-event', (payload) => payload.kind === 'delivery' && payload.shipmentId === s2);
    const harness = await harnessWith({
      failWhen: awaitsS2,
      beforeCall: (call, world) => (awaitsS2(call) ? until(async () => shipmentStatus(await world.order(), s1) === 'DELIVERED', `${s1} delivered`) : undefined),
    });

    // Act
    const ended = await harness.runOrder();

    // Assess
    const order = await expectNothingLeftBehind(harness, ended, injectedFailure);
    expect(shipmentsOf(order).map((shipment) => shipment.status)).toEqual(['DELIVERED', 'SHIPPED']);
    expect(moneySummary(order)).toMatchObject({ captured: order.totals.grandTotal, refunded: { amount: 0 } });
  });
});

describe('when the compensation itself fails for good', () => {
  it('fails the execution at the compensation, with the stock and the authorization still held, for ops to see and redrive', async () => {
    // Prepare: shipping fails for good, and so does every compensation attempt
    const harness = await harnessWith({ failWhen: (call) => calls('ship-shipment')(call) || calls('compensate-order')(call) });

    // Act
    const ended = await harness.runOrder();

    // Assess: the execution fails loudly (the failed-executions alarm), the order is not closed
    expect(ended.status).toBe('FAILED');
    expect(ended.error).toBe('InjectedPermanentFailure');
    expect(ended.redriveStatus).toBe('REDRIVABLE');
    expect(harness.calls.filter(calls('compensate-order')).map((call) => call.payload.outcome)).toEqual(['FAILED']);
    const order = await harness.order();
    expect(order.status).toBe('IN_FULFILMENT');
    expect((await harness.inventory.reservationsOf(orderId)).map((line) => line.status)).toEqual(['HELD', 'HELD']);
    expect(moneySummary(order).outstandingAuthorization).toEqual(order.totals.grandTotal);
  });
});

/** Races and partial failures around money that once left captures or authorizations behind. */
describe('money moved just before a failure', () => {
  it('refunds the share captured for a shipment whose label the carrier then refused for good (ShipShipment captures before it books the label)', async () => {
    // Prepare: Leipzig ships; the carrier does not serve Munich's postal code, which it says only after the capture
    const harness = await harnessWith({
      carrier: { rejectPostalCodes: [stockedLocations[1].postalCode] },
      beforeCall: (call, world) =>
        calls('ship-shipment', (payload) => payload.shipmentId === s2)(call) ? until(async () => shipmentStatus(await world.order(), s1) === 'SHIPPED', `${s1} shipped`) : undefined,
    });

    // Act
    const ended = await harness.runOrder();

    // Assess: the label is refused before any money or stock moves for Munich; the compensation leaves nothing behind.
    await expectNothingLeftBehind(harness, ended, 'CarrierRejectedError');
  });

  it('refunds a capture that a shipment still in flight made while a sibling shipment failed and the order was compensated', async () => {
    // Prepare: Leipzig's ShipShipment has captured and is booking its label when Munich's fails for good;
    // the label is booked only once the compensation has ended the order.
    const harness = await harnessWith({
      failWhen: calls('ship-shipment', (payload) => payload.shipmentId === s2),
      beforeCall: (call) =>
        calls('ship-shipment', (payload) => payload.shipmentId === s2)(call)
          ? until(async () => harness.payments.captures.some((capture) => capture.idempotencyKey.endsWith(s1)), `${s1} captured`)
          : undefined,
    });

    // Act
    const ended = await harness.runOrder();

    // Assess: Leipzig's capture is written to the order at once, so the compensation refunds it.
    await expectNothingLeftBehind(harness, ended, injectedFailure);
  });

  it('voids an authorization the PSP granted when AuthorizePayment then failed for good (a Lambda timeout after the PSP answered)', async () => {
    // Prepare: the PSP authorizes, then the function runs out of time before it writes the authorization to the order
    const harness = await harnessWith({
      afterPsp: (operation) => {
        if (operation === 'authorize') throw namedError('Sandbox.Timedout', 'Task timed out after 10.00 seconds');
      },
    });

    // Act
    const ended = await harness.runOrder();

    // Assess: the compensation finds the authorization by its idempotency key and voids it.
    await expectNothingLeftBehind(harness, ended, 'Sandbox.Timedout');
  });

  it('runs the compensation again when the execution is redriven after the cause was fixed', async () => {
    // Prepare: the compensation failed for good, then the cause was fixed
    const harness = await harnessWith({ failWhen: (call) => calls('ship-shipment')(call) || calls('compensate-order')(call) });
    await harness.runOrder();
    harness.setFailWhen(() => false);

    // Act
    const redriven = await harness.redrive();

    // Assess: the redrive resumes at the compensation, which now succeeds.
    await expectNothingLeftBehind(harness, redriven, injectedFailure);
  });
});
