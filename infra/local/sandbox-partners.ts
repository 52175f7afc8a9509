/**
 * Stand-ins for the carrier, the store's customer and the 3-D Secure customer, so an order placed on
 * a laptop runs to COMPLETED by itself. They listen to the local bus and answer through the same HTTP
 * callbacks a real partner uses (POST /integrations/carrier/events, /integrations/wms/events for a
 * collection in store, /integrations/payments/events), with an integration API key, after a
 * configurable delay. The warehouse is not here: it gets its fulfilment requests the way a real WMS
 * does, from the forwarding function (infra/local/sandbox-warehouse.ts).
 *
 * An order can steer them through its metadata, as test payment methods steer the sandbox PSP:
 * - `sandbox.carrier`: `manual` (no scans), `lost` (in transit, never delivered), `exception` (a
 *   failed delivery attempt before the delivery)
 * - `sandbox.pickup`: `never` (the customer does not come)
 * - `sandbox.3ds`: `decline` (the customer fails 3-D Secure), `abandon` (never completes it); the
 *   default completes it, for orders paid with the `pm_card_authenticationRequired` test method
 * - `sandbox.wms`: read by the sandbox warehouse; `manual` also keeps the store from handing over
 * Settings: OMS_SANDBOX_PARTNERS=off disables them and the sandbox warehouse;
 * OMS_SANDBOX_WMS_DELAY_MS (default 1500), OMS_SANDBOX_WMS_REJECT_RATE and
 * OMS_SANDBOX_WMS_SHORT_PICK_RATE (0..1, default 0) for the warehouse; OMS_SANDBOX_CARRIER_DELAY_MS
 * (default 1500) and OMS_SANDBOX_CARRIER_EXCEPTION_RATE (0..1, default 0) for the carrier's scans.
 * The carrier's booking failures are settings of the sandbox carrier the functions use
 * (OMS_SANDBOX_CARRIER_FAIL_FIRST_LABEL_ATTEMPTS, OMS_SANDBOX_CARRIER_REJECT_POSTAL_CODES; see
 * shared/composition/lifecycle-context.ts).
 */
import type { LocalEventBus, RecentEvent } from './cloud/eventbridge/local-event-bus';

export interface SandboxPartnerOptions {
  readonly apiUrl: string;
  readonly apiKey: string;
  /** Plays the customer at the sandbox payment provider's 3-D Secure page. */
  readonly completePaymentAction: (authorizationId: string, outcome: 'approve' | 'decline') => Promise<unknown>;
  readonly carrierDelayMs: number;
  readonly carrierExceptionRate: number;
  readonly log: (entry: Record<string, unknown>) => void;
}

interface OrderDetail {
  readonly data: {
    readonly order: { readonly orderId: string };
    readonly shipmentId: string;
    readonly lines: readonly { readonly lineId: string }[];
    readonly status?: string;
    readonly to?: string;
    readonly trackingNumber?: string;
    readonly orderMetadata?: Readonly<Record<string, string>>;
  };
}

/** A rate between 0 and 1 from the environment; anything else stops the runtime at start. */
const rateSetting = (env: NodeJS.ProcessEnv, name: string): number => {
  const value = Number(env[name] ?? 0);
  if (!(value >= 0 && value <= 1)) throw new Error(`${name} must be a number from 0 to 1, got ${env[name]}`);
  return value;
};

export function sandboxPartnerSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    enabled: env.OMS_SANDBOX_PARTNERS !== 'off',
    carrierDelayMs: Number(env.OMS_SANDBOX_CARRIER_DELAY_MS ?? 1500),
    carrierExceptionRate: rateSetting(env, 'OMS_SANDBOX_CARRIER_EXCEPTION_RATE'),
    warehouse: {
      pickDelayMs: Number(env.OMS_SANDBOX_WMS_DELAY_MS ?? 1500),
      rejectRate: rateSetting(env, 'OMS_SANDBOX_WMS_REJECT_RATE'),
      shortPickRate: rateSetting(env, 'OMS_SANDBOX_WMS_SHORT_PICK_RATE'),
    },
  };
}

export function startSandboxPartners(bus: LocalEventBus, options: SandboxPartnerOptions): { stop(): void } {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  // Order metadata arrives with the fulfilment request; later events of the order are steered by it.
  const metadataOf = new Map<string, Readonly<Record<string, string>>>();

  const later = (delayMs: number, action: () => Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) action().catch((error: unknown) => options.log({ level: 'WARN', message: 'Sandbox partner call failed', error: String(error) }));
    }, delayMs);
    timers.add(timer);
  };

  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${options.apiUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': options.apiKey },
      body: JSON.stringify({ ...body, occurredAt: new Date().toISOString() }),
    });
    if (!response.ok) options.log({ level: 'INFO', message: 'Sandbox partner call answered', path, status: response.status, body: await response.text() });
  };

  // The warehouse answers the request itself; the carrier and the store's customer only need the order's steering.
  const onFulfilmentRequested = ({ data }: OrderDetail) => {
    metadataOf.set(data.order.orderId, data.orderMetadata ?? {});
  };

  const scan = (data: OrderDetail['data'], status: string) =>
    post('/integrations/carrier/events', {
      eventId: `sandbox-carrier-${data.shipmentId}-${status}`,
      shipmentReference: data.shipmentId,
      trackingNumber: data.trackingNumber,
      status,
    });

  const onShipped = ({ data }: OrderDetail) => {
    const metadata = metadataOf.get(data.order.orderId) ?? {};
    if (data.status === 'READY_FOR_PICKUP') return onReadyForPickup(data, metadata);
    const mode = metadata['sandbox.carrier'];
    if (mode === 'manual' || !data.trackingNumber) return;
    later(options.carrierDelayMs, () => scan(data, 'IN_TRANSIT'));
    if (mode === 'lost') return;
    // A failed attempt (nobody home) before the delivery, as carriers report it.
    const failedAttempt = mode === 'exception' || Math.random() < options.carrierExceptionRate;
    if (failedAttempt) later(options.carrierDelayMs * 2, () => scan(data, 'EXCEPTION'));
    later(options.carrierDelayMs * (failedAttempt ? 3 : 2), () => scan(data, 'DELIVERED'));
  };

  const onReadyForPickup = (data: OrderDetail['data'], metadata: Readonly<Record<string, string>>) => {
    if (metadata['sandbox.pickup'] === 'never' || metadata['sandbox.wms'] === 'manual') return;
    later(options.carrierDelayMs, () => post('/integrations/wms/events', { eventId: `sandbox-store-${data.shipmentId}-collected`, shipmentId: data.shipmentId, type: 'COLLECTED' }));
  };

  const onPaymentActionRequired = ({ data }: { data: { order: { orderId: string }; authorizationId: string; orderMetadata?: Readonly<Record<string, string>> } }) => {
    const mode = data.orderMetadata?.['sandbox.3ds'];
    if (mode === 'abandon') return;
    const approve = mode !== 'decline';
    later(options.carrierDelayMs, async () => {
      await options.completePaymentAction(data.authorizationId, approve ? 'approve' : 'decline');
      await post('/integrations/payments/events', {
        eventId: `sandbox-psp-${data.authorizationId}`,
        orderId: data.order.orderId,
        authorizationId: data.authorizationId,
        status: approve ? 'AUTHENTICATED' : 'FAILED',
      });
    });
  };

  const listener = (event: RecentEvent) => {
    if (stopped || event.source !== 'oms.orders') return;
    if (event.detailType === 'PaymentActionRequired') return onPaymentActionRequired(event.detail as never);
    const detail = event.detail as unknown as OrderDetail;
    if (event.detailType === 'FulfilmentRequested') onFulfilmentRequested(detail);
    if (event.detailType === 'ShipmentShipped') onShipped(detail);
    // A transfer delivered to the store becomes ready for pickup there.
    if (event.detailType === 'ShipmentStatusChanged' && detail.data.to === 'READY_FOR_PICKUP') {
      onReadyForPickup(detail.data, metadataOf.get(detail.data.order.orderId) ?? {});
    }
  };
  bus.onEvent(listener);

  return {
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
