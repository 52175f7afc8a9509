/**
 * The two lifecycle state machines (order-lifecycle and its nested Express order-intake) run from
 * their ASL files on the in-process Step Functions engine, with every task function routed to the
 * REAL use case over in-memory adapters: orders, inventory (ledger of holds), the sandbox PSP and
 * carrier, waits and events. The harness plays the partners through the real callback use cases: a
 * FulfilmentRequested event is packed by the warehouse (applyWmsEvent PACKED), a delivery wait is
 * answered by the carrier's delivery scan (applyCarrierEvent DELIVERED).
 *
 * Faults are injected per call: `failWhen` decides, for each function invocation, whether it throws
 * a named error instead of running (the error name is what Retry/Catch match, as a Lambda errorType).
 */
import { AwsServiceError } from '../../../infra/local/cloud/aws-json-server';
import { stateMachineArn } from '../../../infra/local/cloud/stepfunctions/arns';
import { FunctionNotFoundError } from '../../../infra/local/cloud/stepfunctions/function-invoker';
import { loadStateMachineDefinition, localSubstitutionResolver } from '../../../infra/local/cloud/stepfunctions/load-definition';
import { LocalStepFunctions, type ExecutionDescription } from '../../../infra/local/cloud/stepfunctions/local-step-functions';
import { orderIntake, orderLifecycle } from '../../../infra/definitions/lifecycle';
import { SandboxCarrier, type SandboxCarrierOptions } from '../../../shared/adapters/sandbox/sandbox-carrier';
import { SandboxPaymentProvider } from '../../../shared/adapters/sandbox/sandbox-payment-provider';
import { availableQuantity, type Location } from '../../../shared/contracts/inventory';
import type { Order } from '../../../shared/contracts/order';
import { defaultLifecyclePolicies } from '../../../shared/domain/lifecycle/lifecycle-policy';
import { shipmentsOf } from '../../../shared/domain/lifecycle/order-lifecycle';
import { fingerprintOrderRequest } from '../../../shared/domain/order';
import { defaultRiskRules } from '../../../shared/domain/risk';
import { eventPublisher } from '../../../shared/events/event-publisher';
import type { EventDetail } from '../../../shared/events/define-event';
import type { Carrier } from '../../../shared/ports/carrier';
import type { EventTransport, OutgoingEvent } from '../../../shared/ports/event-transport';
import type { InventoryRepository, ReservationLine, ReservationRecord } from '../../../shared/ports/inventory-repository';
import type { LifecycleWait } from '../../../shared/ports/lifecycle-waits';
import type { CallbackResult, OrderWorkflow } from '../../../shared/ports/order-workflow';
import type { AuthorizationResult, PaymentProvider } from '../../../shared/ports/payment-provider';
import { inventoryAllocation } from '../../../shared/use-cases/inventory-allocation';
import { applyCarrierEvent } from '../../../shared/use-cases/lifecycle/apply-carrier-event';
import { applyWmsEvent } from '../../../shared/use-cases/lifecycle/apply-wms-event';
import { awaitOrderEvent, compensateOrder, completeOrder, handleOverdueDelivery, type CompensationInput, type WaitInput } from '../../../shared/use-cases/lifecycle/closing-steps';
import { cancelBackorderedLines, giveUpFulfilment, requestFulfilment, shipShipment, sourceRemainingLines, type ShipmentStepInput } from '../../../shared/use-cases/lifecycle/fulfilment-steps';
import { allocateOrderStock, authorizeOrderPayment, screenOrderRisk, type StepInput } from '../../../shared/use-cases/lifecycle/intake-steps';
import type { LifecycleDependencies } from '../../../shared/use-cases/lifecycle/lifecycle-dependencies';
import { applyReviewDefault } from '../../../shared/use-cases/lifecycle/review-order';
import { startOrderLifecycle } from '../../../shared/use-cases/lifecycle/start-order-lifecycle';
import { collectingLogger } from '../../fixtures/stepfunctions/fixture-engine';
import { InMemoryInventoryRepository } from '../fakes/in-memory-inventory-repository';
import { InMemoryLifecycleWaits } from '../fakes/in-memory-lifecycle-waits';
import { InMemoryOrderRepository } from '../fakes/in-memory-order-repository';
import { InMemoryPartnerEventLog } from '../fakes/in-memory-partner-event-log';
import { RecordingEventTransport } from '../fakes/recording-event-transport';
import { placedOrder, validPlaceOrderRequest } from '../fixtures/orders';

export const region = 'eu-central-1';
export const orderId = 'ord_01';

/** One call of a task function: its name without the local prefix (`ship-shipment`) and its payload. */
export interface FunctionCall {
  readonly functionName: string;
  readonly payload: Record<string, unknown>;
}

/** An error as a Lambda function reports it: the name is the errorType Retry and Catch match. */
export function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

export const injectedFailure = 'InjectedPermanentFailure';

export interface HarnessOptions {
  /** Decides, per invocation, whether the function fails with InjectedPermanentFailure instead of running. */
  readonly failWhen?: (call: FunctionCall) => boolean;
  /** Runs before each invocation (and before the injection): a test may hold a call back until something happened. */
  readonly beforeCall?: (call: FunctionCall, harness: { order(): Promise<Order> }) => Promise<void> | void;
  /** What the lifecycle's `${OrderIntakeStateMachineArn}` points at (default: the registered order-intake). */
  readonly intakeStateMachineName?: string;
  readonly carrier?: SandboxCarrierOptions;
  /** Runs before the carrier books a shipment's label (after its share was captured): a test may hold it back. */
  readonly beforeLabel?: (shipmentId: string, harness: { order(): Promise<Order> }) => Promise<void> | void;
  /**
   * Runs after the PSP carried out an operation, before the use case sees the answer: throwing here
   * is a step that failed after the money moved (e.g. the function timed out waiting for a slow PSP).
   */
  readonly afterPsp?: (operation: 'authorize' | 'capture', idempotencyKey: string) => void;
}

/** Two warehouses, each stocking one of the example order's SKUs: the order splits into two shipments. */
export const stockedLocations = [
  { locationId: 'wh-leipzig', sku: 'TSHIRT-BLK-M', onHand: 10, coordinates: { lat: 51.34, lon: 12.37 }, postalCode: '04109', city: 'Leipzig' },
  { locationId: 'wh-munich', sku: 'HOODIE-GRY-L', onHand: 10, coordinates: { lat: 48.14, lon: 11.58 }, postalCode: '80331', city: 'Munich' },
] as const;

/**
 * The in-memory inventory as the lifecycle's port sees it. The shared fake's `consume(orderId)`
 * settles every line the order holds, while the port (and the DynamoDB adapter) consume only the
 * shipment's lines when given them: shipping one shipment must leave the other shipment's hold alone.
 */
class LifecycleInventory extends InMemoryInventoryRepository implements InventoryRepository {
  async saveLocation(location: Location): Promise<void> {
    this.locations.set(location.id, structuredClone(location));
  }

  override async consume(orderId: string, only?: readonly Pick<ReservationLine, 'sku' | 'locationId'>[]): Promise<ReservationRecord[]> {
    if (!only) return super.consume(orderId);
    const wanted = (record: Pick<ReservationLine, 'sku' | 'locationId'>) => only.some((line) => line.sku === record.sku && line.locationId === record.locationId);
    const consumed: ReservationRecord[] = [];
    for (const [key, record] of this.reservations) {
      if (record.orderId !== orderId || record.status !== 'HELD' || !wanted(record)) continue;
      for (const [shelf, level] of this.stock) {
        if (level.sku !== record.sku || level.locationId !== record.locationId) continue;
        const onHand = level.onHand - record.quantity;
        const reserved = level.reserved - record.quantity;
        this.stock.set(shelf, { ...level, onHand, reserved, available: availableQuantity({ onHand, reserved, safetyStock: level.safetyStock }), version: level.version + 1 });
      }
      this.reservations.set(key, { ...record, status: 'CONSUMED' });
      this.writes.push(`consume ${orderId} ${record.sku}@${record.locationId}`);
      consumed.push({ ...record, status: 'CONSUMED' });
    }
    return consumed;
  }
}

/** The PSP as the lifecycle calls it, with what it answered, so tests can check the PSP's books against the order's. */
class RecordingPaymentProvider implements PaymentProvider {
  readonly authorizations: string[] = [];
  readonly captures: { readonly captureId: string; readonly idempotencyKey: string }[] = [];

  constructor(
    readonly sandbox: SandboxPaymentProvider,
    private readonly afterPsp: NonNullable<HarnessOptions['afterPsp']> = () => undefined,
  ) {}

  async authorize(request: Parameters<PaymentProvider['authorize']>[0]): Promise<AuthorizationResult> {
    const result = await this.sandbox.authorize(request);
    if (result.status !== 'declined' && !this.authorizations.includes(result.authorizationId)) this.authorizations.push(result.authorizationId);
    this.afterPsp('authorize', request.idempotencyKey);
    return result;
  }

  async capture(request: Parameters<PaymentProvider['capture']>[0]) {
    const result = await this.sandbox.capture(request);
    if (!this.captures.some((capture) => capture.captureId === result.captureId)) this.captures.push({ captureId: result.captureId, idempotencyKey: request.idempotencyKey });
    this.afterPsp('capture', request.idempotencyKey);
    return result;
  }

  incrementAuthorization(request: Parameters<PaymentProvider['incrementAuthorization']>[0]) {
    return this.sandbox.incrementAuthorization(request);
  }

  void(request: Parameters<PaymentProvider['void']>[0]) {
    return this.sandbox.void(request);
  }

  findAuthorization(idempotencyKey: string) {
    return this.sandbox.findAuthorization(idempotencyKey);
  }

  refund(request: Parameters<PaymentProvider['refund']>[0]) {
    return this.sandbox.refund(request);
  }
}

/** The waits store, telling the harness when the execution starts waiting for a delivery. */
class ObservedLifecycleWaits extends InMemoryLifecycleWaits {
  constructor(private readonly onRegistered: (wait: LifecycleWait) => void) {
    super();
  }

  override async register(wait: LifecycleWait): Promise<void> {
    await super.register(wait);
    this.onRegistered(wait);
  }
}

/** The carrier, with a hook before each label is booked. */
const heldCarrier = (carrier: SandboxCarrier, beforeLabel: (shipmentId: string) => Promise<void> | void): Carrier => ({
  quote: (shipment) => carrier.quote(shipment),
  createLabel: async (request) => {
    await beforeLabel(request.shipmentId);
    return carrier.createLabel(request);
  },
  createReturnLabel: (request) => carrier.createReturnLabel(request),
});

/** Records every event and hands it to the partner that would react to it. */
class PartnerPlayingTransport implements EventTransport {
  readonly recording = new RecordingEventTransport();

  constructor(private readonly react: (event: OutgoingEvent) => void) {}

  async send(events: readonly OutgoingEvent[]): Promise<void> {
    await this.recording.send(events);
    for (const event of events) this.react(event);
  }
}

export type LifecycleHarness = Awaited<ReturnType<typeof createLifecycleHarness>>;

export async function createLifecycleHarness(options: HarnessOptions = {}) {
  const inventory = new LifecycleInventory();
  for (const stocked of stockedLocations) {
    inventory.addLocation(stocked.locationId, {
      coordinates: stocked.coordinates,
      address: { line1: 'Lagerstraße 1', city: stocked.city, postalCode: stocked.postalCode },
    });
    inventory.addStock(stocked.sku, stocked.locationId, { onHand: stocked.onHand });
  }
  const payments = new RecordingPaymentProvider(new SandboxPaymentProvider(), options.afterPsp);
  const partnerEvents = new InMemoryPartnerEventLog();
  const calls: FunctionCall[] = [];
  /** The calls that failed by injection. */
  const injected: FunctionCall[] = [];
  /** Partner callbacks in flight, and the ones the OMS refused (e.g. a pack result after the order ended). */
  const partnerWork = new Set<Promise<void>>();
  const partnerRefusals: { readonly partner: string; readonly shipmentId: string; readonly error: Error }[] = [];
  let failWhen = options.failWhen ?? (() => false);

  const engine = new LocalStepFunctions({
    invokeFunction: (functionArn, payload) => invoke(functionArn, payload as Record<string, unknown>),
    region,
    // Retry intervals of seconds become milliseconds; waits that are answered never time out.
    timeScale: 0.001,
    logger: collectingLogger(),
    validateDefinitions: false,
  });
  const lifecycleArn = stateMachineArn(region, orderLifecycle.name);

  const answer = (send: () => unknown): Promise<CallbackResult> => {
    try {
      send();
      return Promise.resolve('delivered');
    } catch (error) {
      // As the Step Functions adapter: a token that no longer waits is stale, not an error.
      if (error instanceof AwsServiceError && ['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken'].includes(error.type)) return Promise.resolve('stale');
      return Promise.reject(error as Error);
    }
  };
  const workflow: OrderWorkflow = {
    async start(id, input) {
      try {
        engine.startExecution({ stateMachineArn: lifecycleArn, name: id, input: JSON.stringify(input) });
        return 'started';
      } catch (error) {
        if (error instanceof AwsServiceError && error.type === 'ExecutionAlreadyExists') return 'already-started';
        throw error;
      }
    },
    succeed: (taskToken, output) => answer(() => engine.sendTaskSuccess({ taskToken, output: JSON.stringify(output ?? {}) })),
    fail: (taskToken, error, cause) => answer(() => engine.sendTaskFailure({ taskToken, error, cause })),
    heartbeat: (taskToken) => answer(() => engine.sendTaskHeartbeat({ taskToken })),
    history: async () => [],
  };

  const transport = new PartnerPlayingTransport((event) => playPartner(event));
  const deps = {
    orders: new InMemoryOrderRepository(),
    inventory,
    allocation: inventoryAllocation({ inventory }),
    payments,
    carrier: heldCarrier(new SandboxCarrier(options.carrier), (shipmentId) => options.beforeLabel?.(shipmentId, { order: currentOrder })),
    waits: new ObservedLifecycleWaits((wait) => {
      if (wait.kind === 'delivery' && wait.shipmentId) deliver(wait.shipmentId);
    }),
    workflow,
    events: eventPublisher(transport),
    policies: defaultLifecyclePolicies,
    riskRules: defaultRiskRules,
    now: () => new Date(),
    partnerEvents,
  } satisfies LifecycleDependencies & { partnerEvents: InMemoryPartnerEventLog };

  /** A partner's callback a moment later, through the real use case; what the OMS refuses is kept, not thrown. */
  function later(partner: string, shipmentId: string, work: () => Promise<unknown>): void {
    const done: Promise<void> = new Promise<void>((resolve) => setTimeout(resolve, 1))
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => {
          partnerRefusals.push({ partner, shipmentId, error: error as Error });
        },
      )
      .finally(() => partnerWork.delete(done));
    partnerWork.add(done);
  }

  /** The warehouse packs every shipment it is asked to fulfil. */
  function playPartner(event: OutgoingEvent): void {
    if (event.detailType !== 'FulfilmentRequested') return;
    const { shipmentId } = (JSON.parse(event.detail) as EventDetail<{ shipmentId: string }>).data;
    later('wms', shipmentId, () => applyWmsEvent({ eventId: `wms-${shipmentId}-packed`, type: 'PACKED', shipmentId, occurredAt: new Date().toISOString() }, deps));
  }

  /**
   * The carrier scans a parcel delivered once the execution waits for it: answering the wait rather
   * than the ShipmentShipped event keeps every run on the same path (a parcel delivered before the
   * wait is not waited for at all, which would skip AwaitDelivery).
   */
  function deliver(shipmentId: string): void {
    later('carrier', shipmentId, async () => {
      const trackingNumber = shipmentsOf(await currentOrder()).find((shipment) => shipment.shipmentId === shipmentId)?.trackingNumber;
      if (!trackingNumber) throw new Error(`Shipment ${shipmentId} has no tracking number to deliver`);
      await applyCarrierEvent({ eventId: `carrier-${shipmentId}-delivered`, shipmentReference: shipmentId, trackingNumber, status: 'DELIVERED', occurredAt: new Date().toISOString() }, deps);
    });
  }

  async function currentOrder(): Promise<Order> {
    const stored = await deps.orders.get(orderId);
    if (!stored) throw new Error(`No order ${orderId}`);
    return stored.order;
  }

  /**
   * Invocations still running. A Map state that fails aborts its other iterations, but a function
   * already invoked runs to its end, as a Lambda invocation does: a run is over once these are too.
   */
  const inFlight = new Set<Promise<unknown>>();

  function invoke(functionArn: string, payload: Record<string, unknown>): Promise<unknown> {
    const running = runFunction(functionArn, payload);
    const tracked = running.then(
      () => undefined,
      () => undefined,
    );
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
    return running;
  }

  async function runFunction(functionArn: string, payload: Record<string, unknown>): Promise<unknown> {
    const functionName = (functionArn.split(':function:')[1] ?? '').replace(/^oms-local-/, '');
    const call = { functionName, payload };
    calls.push(call);
    await options.beforeCall?.(call, { order: currentOrder });
    if (failWhen(call)) {
      injected.push(call);
      throw namedError(injectedFailure, `${functionName} failed for good (injected by the test)`);
    }
    // The payload shapes are the ASL's Parameters; the handlers' zod schemas are not what is under test here.
    const as = <Input>() => payload as unknown as Input;
    switch (functionName) {
      case 'screen-order-risk':
        return screenOrderRisk(as<StepInput>(), deps);
      case 'allocate-order-stock':
        return allocateOrderStock(as<StepInput>(), deps);
      case 'authorize-order-payment':
        return authorizeOrderPayment(as<StepInput>(), deps);
      case 'apply-review-default':
        return applyReviewDefault(as<StepInput>(), deps);
      case 'await-order-event':
        return awaitOrderEvent(as<WaitInput>(), deps);
      case 'request-fulfilment':
        return requestFulfilment(as<ShipmentStepInput & { taskToken: string }>(), deps);
      case 'ship-shipment':
        return shipShipment(as<ShipmentStepInput>(), deps);
      case 'give-up-fulfilment':
        return giveUpFulfilment(as<ShipmentStepInput>(), deps);
      case 'source-remaining-lines':
        return sourceRemainingLines(as<StepInput>(), deps);
      case 'cancel-backordered-lines':
        return cancelBackorderedLines(as<StepInput>(), deps);
      case 'handle-overdue-delivery':
        return handleOverdueDelivery(as<ShipmentStepInput>(), deps);
      case 'complete-order':
        return completeOrder(as<StepInput>(), deps);
      case 'compensate-order':
        return compensateOrder(as<CompensationInput>(), deps);
      default:
        throw new FunctionNotFoundError(functionArn);
    }
  }

  const resolve = localSubstitutionResolver({ region });
  const resolveLifecycle: typeof resolve = (target) =>
    target.kind === 'state-machine' && options.intakeStateMachineName ? stateMachineArn(region, options.intakeStateMachineName) : resolve(target);
  engine.registerStateMachine({ name: orderIntake.name, type: orderIntake.type, definition: loadStateMachineDefinition(orderIntake, resolve) });
  engine.registerStateMachine({ name: orderLifecycle.name, type: orderLifecycle.type, definition: loadStateMachineDefinition(orderLifecycle, resolveLifecycle) });

  const executionArn = lifecycleArn.replace(':stateMachine:', ':execution:') + `:${orderId}`;

  /** Waits until no function invocation and no partner callback is in flight (one may start another). */
  async function settled(): Promise<void> {
    while (partnerWork.size > 0 || inFlight.size > 0) await Promise.all([...partnerWork, ...inFlight]);
  }

  return {
    engine,
    deps,
    inventory,
    payments,
    calls,
    injected,
    partnerRefusals,
    events: transport.recording,
    executionArn,
    /** Changes the fault injection from now on (e.g. to let a redrive through). */
    setFailWhen(next: (call: FunctionCall) => boolean) {
      failWhen = next;
    },
    /** Stores the example order (2 × TSHIRT-BLK-M, 1 × HOODIE-GRY-L) as the channel captured it. */
    async placeOrder(): Promise<Order> {
      const order = placedOrder({ orderId, placedAt: new Date().toISOString() });
      const stored = await deps.orders.insert({ order, requestFingerprint: fingerprintOrderRequest(validPlaceOrderRequest()) });
      if (!stored.inserted) throw new Error(`Order ${orderId} was not stored: ${stored.reason}`);
      return order;
    },
    /** Starts the order's execution as the outbox consumer does, waits for its end and for the partners to go quiet. */
    async runOrder(): Promise<ExecutionDescription> {
      const order = await this.placeOrder();
      await startOrderLifecycle(order, deps);
      const ended = await engine.waitForExecution(executionArn);
      await settled();
      return ended;
    },
    async redrive(): Promise<ExecutionDescription> {
      engine.redriveExecution({ executionArn });
      // The redrive starts on the next turn; wait for the run it started, not the record of the previous one.
      await new Promise((resolve) => setImmediate(resolve));
      const ended = await engine.waitForExecution(executionArn);
      await settled();
      return ended;
    },
    order: currentOrder,
    /** The Task states every execution of both machines entered (the nested intake executions included). */
    enteredTaskStates(): string[] {
      const names = new Set<string>();
      for (const machine of [orderLifecycle.name, orderIntake.name]) {
        const { executions } = engine.listExecutions({ stateMachineArn: stateMachineArn(region, machine) });
        for (const execution of executions) {
          for (const event of engine.getExecutionHistory({ executionArn: execution.executionArn, maxResults: 1000 }).events) {
            const details = event.stateEnteredEventDetails as { name?: string } | undefined;
            if (event.type === 'TaskStateEntered' && details?.name) names.add(details.name);
          }
        }
      }
      return [...names];
    },
    close: () => engine.close(),
  };
}
