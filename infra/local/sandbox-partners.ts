/**
 * Stand-ins for the warehouse, store and carrier partners, so an order placed on a laptop runs to
 * COMPLETED by itself. They listen to the local bus and answer through the same HTTP callbacks a
 * real partner uses (POST /integrations/wms/events and /integrations/carrier/events), with an
 * integration API key, after a configurable delay.
 *
 * An order can steer them through its metadata, as test payment methods steer the sandbox PSP:
 * - `sandbox.wms`: `manual` (never answers: tests or people answer), `reject` (rejects every line),
 *   `reject-first` (rejects the order's first shipment, packs the re-sourced one)
 * - `sandbox.carrier`: `manual` (no scans), `lost` (in transit, never delivered)
 * - `sandbox.pickup`: `never` (the customer does not come)
 * - `sandbox.3ds`: `decline` (the customer fails 3-D Secure), `abandon` (never completes it); the
 *   default completes it, for orders paid with the `pm_card_authenticationRequired` test method
 * Settings: OMS_SANDBOX_PARTNERS=off disables them; OMS_SANDBOX_WMS_DELAY_MS (default 1500),
 * OMS_SANDBOX_CARRIER_DELAY_MS (default 1500), OMS_SANDBOX_WMS_REJECT_RATE (0..1, default 0).
 */
import type { LocalEventBus, RecentEvent } from './cloud/eventbridge/local-event-bus';

export interface SandboxPartnerOptions {
  readonly apiUrl: string;
  readonly apiKey: string;
  /** Plays the customer at the sandbox payment provider's 3-D Secure page. */
  readonly completePaymentAction: (authorizationId: string, outcome: 'approve' | 'decline') => Promise<unknown>;
  readonly wmsDelayMs: number;
  readonly carrierDelayMs: number;
  readonly wmsRejectRate: number;
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

export function sandboxPartnerSettings(env: NodeJS.ProcessEnv = process.env) {
  return {
    enabled: env.OMS_SANDBOX_PARTNERS !== 'off',
    wmsDelayMs: Number(env.OMS_SANDBOX_WMS_DELAY_MS ?? 1500),
    carrierDelayMs: Number(env.OMS_SANDBOX_CARRIER_DELAY_MS ?? 1500),
    wmsRejectRate: Number(env.OMS_SANDBOX_WMS_REJECT_RATE ?? 0),
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

  const onFulfilmentRequested = ({ data }: OrderDetail) => {
    const metadata = data.orderMetadata ?? {};
    metadataOf.set(data.order.orderId, metadata);
    const mode = metadata['sandbox.wms'];
    if (mode === 'manual') return;
    const reject = mode === 'reject' || (mode === 'reject-first' && data.shipmentId.endsWith('-S1')) || Math.random() < options.wmsRejectRate;
    later(options.wmsDelayMs, () =>
      post('/integrations/wms/events', {
        eventId: `sandbox-wms-${data.shipmentId}-${reject ? 'rejected' : 'packed'}`,
        shipmentId: data.shipmentId,
        ...(reject
          ? { type: 'REJECTED', rejectedLines: data.lines.map((line) => ({ lineId: line.lineId, reason: 'sandbox: short pick' })) }
          : { type: 'PACKED', packedLineIds: data.lines.map((line) => line.lineId) }),
      }),
    );
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
    if (metadata['sandbox.carrier'] === 'manual' || !data.trackingNumber) return;
    later(options.carrierDelayMs, () => scan(data, 'IN_TRANSIT'));
    if (metadata['sandbox.carrier'] !== 'lost') later(options.carrierDelayMs * 2, () => scan(data, 'DELIVERED'));
  };

  const onReadyForPickup = (data: OrderDetail['data'], metadata: Readonly<Record<string, string>>) => {
    if (metadata['sandbox.pickup'] === 'never' || metadata['sandbox.wms'] === 'manual') return;
    later(options.carrierDelayMs, () => post('/integrations/wms/events', { eventId: `sandbox-store-${data.shipmentId}-collected`, shipmentId: data.shipmentId, type: 'COLLECTED' }));
  };

  const onPaymentActionRequired = ({ data }: { data: { order: { orderId: string }; authorizationId: string; orderMetadata?: Readonly<Record<string, string>> } }) => {
    const mode = data.orderMetadata?.['sandbox.3ds'];
    if (mode === 'abandon') return;
    const approve = mode !== 'decline';
    later(options.wmsDelayMs, async () => {
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
