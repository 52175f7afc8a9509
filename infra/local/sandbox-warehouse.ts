/**
 * A sandbox warehouse (and store back office) for the local runtime: what a WMS would run. The OMS's
 * forwarding function posts it signed fulfilment messages exactly as it would post a real WMS on
 * AWS (the local runtime points the warehouse connection here); it verifies each with the Standard
 * Webhooks reference library, "picks" for a while and answers on POST /integrations/wms/events with
 * an integration API key, like a real partner. GET on it lists what it received and answered.
 *
 * Simulated, per shipment:
 * - pick time: the base delay plus a tenth of it per unit to pick;
 * - short picks: with OMS_SANDBOX_WMS_SHORT_PICK_RATE (0..1), the last line of a shipment of two or
 *   more lines is not found (PARTIALLY_PACKED); a single-line shipment is rejected instead;
 * - rejections: with OMS_SANDBOX_WMS_REJECT_RATE (0..1), nothing can be packed (REJECTED);
 * - cancellations: a shipment cancelled before it is packed is never answered (lines cancelled
 *   alone are left out of the pack).
 * An order steers it through its metadata (`instructions`): `sandbox.wms` = `manual` (never answers),
 * `reject`, `reject-first` (rejects the order's first shipment only), `short-pick`.
 */
import { Webhook } from 'standardwebhooks';
import { WarehouseMessageSchema, type FulfilmentRequestMessage } from '../../shared/warehouses/warehouse-message';
import { listen, receiverServer, remember } from './listen';

export interface SandboxWarehouseSettings {
  /** Base pick-and-pack time of a shipment, in ms. */
  readonly pickDelayMs: number;
  readonly rejectRate: number;
  readonly shortPickRate: number;
}

export interface ReceivedWarehouseMessage {
  readonly receivedAt: string;
  readonly type: string;
  readonly requestId: string;
  readonly shipmentId: string;
  readonly verified: boolean;
  /** What the sandbox answered (or will): PACKED, PARTIALLY_PACKED, REJECTED, none (manual or cancelled). */
  answer?: string;
}

export interface SandboxWarehouse {
  /** Where the OMS posts fulfilment messages. */
  readonly url: string;
  readonly received: readonly ReceivedWarehouseMessage[];
  /** From now on it answers the OMS's API with this integration key. */
  connect(api: { apiUrl: string; apiKey: string }): void;
  close(): Promise<void>;
}

type PackAnswer =
  | { type: 'PACKED'; packedLineIds: string[] }
  | { type: 'PARTIALLY_PACKED'; packedLineIds: string[]; rejectedLines: { lineId: string; reason: string }[] }
  | { type: 'REJECTED'; rejectedLines: { lineId: string; reason: string }[] };

/** What the warehouse finds on its shelves for a request; `random` decides the simulated mishaps. */
export function sandboxPackAnswer(request: FulfilmentRequestMessage, settings: SandboxWarehouseSettings, random: () => number = Math.random): PackAnswer | undefined {
  const mode = request.instructions?.['sandbox.wms'];
  if (mode === 'manual') return undefined;
  const lineIds = request.pickLines.map((line) => line.lineId);
  const rejectAll = (reason: string): PackAnswer => ({ type: 'REJECTED', rejectedLines: lineIds.map((lineId) => ({ lineId, reason })) });
  if (mode === 'reject' || (mode === 'reject-first' && request.shipmentId.endsWith('-S1')) || random() < settings.rejectRate) {
    return rejectAll('sandbox: location cannot fulfil');
  }
  if (mode === 'short-pick' || random() < settings.shortPickRate) {
    if (lineIds.length < 2) return rejectAll('sandbox: short pick, bin empty');
    const missing = lineIds[lineIds.length - 1] ?? '';
    return { type: 'PARTIALLY_PACKED', packedLineIds: lineIds.slice(0, -1), rejectedLines: [{ lineId: missing, reason: 'sandbox: short pick, bin empty' }] };
  }
  return { type: 'PACKED', packedLineIds: lineIds };
}

const pickTimeMs = (request: FulfilmentRequestMessage, baseMs: number) =>
  Math.round(baseMs * (1 + 0.1 * request.pickLines.reduce((units, line) => units + line.quantity, 0)));

export async function startSandboxWarehouse({
  signingSecret,
  settings,
  log,
  host = '127.0.0.1',
}: {
  signingSecret: string;
  settings: SandboxWarehouseSettings;
  log: (entry: Record<string, unknown>) => void;
  host?: string;
}): Promise<SandboxWarehouse> {
  const verifier = new Webhook(signingSecret);
  const received: ReceivedWarehouseMessage[] = [];
  const seenRequests = new Set<string>();
  const pending = new Map<string, { timer: NodeJS.Timeout; cancelledLineIds: Set<string> }>();
  const api: { apiUrl?: string; apiKey?: string } = {};
  let closed = false;

  const answer = async (request: FulfilmentRequestMessage, packAnswer: PackAnswer, cancelledLineIds: ReadonlySet<string>) => {
    if (!api.apiUrl || !api.apiKey) return;
    // Lines cancelled while picking are not packed; the OMS no longer expects them.
    const body =
      packAnswer.type === 'REJECTED'
        ? packAnswer
        : { ...packAnswer, packedLineIds: packAnswer.packedLineIds.filter((lineId) => !cancelledLineIds.has(lineId)) };
    const response = await fetch(`${api.apiUrl}/integrations/wms/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey },
      body: JSON.stringify({ eventId: `sandbox-wms-${request.requestId}`, shipmentId: request.shipmentId, ...body, occurredAt: new Date().toISOString() }),
    });
    if (!response.ok) log({ level: 'INFO', message: 'Sandbox warehouse answer refused', shipmentId: request.shipmentId, status: response.status, body: await response.text() });
  };

  const server = receiverServer(received, async (body, headers, response) => {
    try {
      verifier.verify(body, headers);
    } catch {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'signature does not verify' }));
      return;
    }
    const parsed = WarehouseMessageSchema.safeParse(JSON.parse(body));
    if (!parsed.success) {
      response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: parsed.error.issues }));
      return;
    }
    const message = parsed.data;
    // A retried message is acknowledged again and not worked twice.
    if (seenRequests.has(message.requestId)) {
      response.writeHead(202).end();
      return;
    }
    seenRequests.add(message.requestId);
    const entry: ReceivedWarehouseMessage = { receivedAt: new Date().toISOString(), type: message.type, requestId: message.requestId, shipmentId: message.shipmentId, verified: true };
    remember(received, entry);

    if (message.type === 'fulfilment.cancelled') {
      const work = pending.get(message.shipmentId);
      if (work && message.lineIds) for (const lineId of message.lineIds) work.cancelledLineIds.add(lineId);
      else if (work) {
        clearTimeout(work.timer);
        pending.delete(message.shipmentId);
      }
      entry.answer = 'stopped';
    } else {
      const packAnswer = sandboxPackAnswer(message, settings);
      entry.answer = packAnswer?.type ?? 'none (manual)';
      if (packAnswer) {
        const cancelledLineIds = new Set<string>();
        const timer = setTimeout(() => {
          pending.delete(message.shipmentId);
          if (closed) return;
          answer(message, packAnswer, cancelledLineIds).catch((error: unknown) =>
            log({ level: 'WARN', message: 'Sandbox warehouse answer failed', shipmentId: message.shipmentId, error: String(error) }),
          );
        }, pickTimeMs(message, settings.pickDelayMs));
        pending.set(message.shipmentId, { timer, cancelledLineIds });
      }
    }
    response.writeHead(202).end();
  });
  const listening = await listen(server, 0, host);

  return {
    url: `${listening.url}/fulfilment`,
    received,
    connect({ apiUrl, apiKey }) {
      api.apiUrl = apiUrl;
      api.apiKey = apiKey;
    },
    async close() {
      closed = true;
      for (const { timer } of pending.values()) clearTimeout(timer);
      pending.clear();
      await listening.close();
    },
  };
}
