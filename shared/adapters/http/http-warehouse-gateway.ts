/**
 * Sends warehouse messages as signed HTTP POSTs (Standard Webhooks headers; the message id is the
 * request id, so a retried message is recognisably the same one). Uses the webhook sender, so a
 * WMS endpoint gets the same protections as a partner's: no redirects, a timeout, and no private
 * addresses unless the local runtime allows localhost.
 */
import { signedWebhookHeaders, webhookMessageId } from '../../domain/webhooks/signing';
import { TransientWarehouseError, WarehouseNotConnectedError, WarehouseRefusedMessageError, type WarehouseGateway } from '../../ports/warehouse-gateway';
import type { WebhookSender } from '../../ports/webhook-sender';
import { endpointFor, type WarehouseConnection } from '../../warehouses/warehouse-connection';
import type { WarehouseMessage } from '../../warehouses/warehouse-message';

const timeoutMs = 10_000;

/** 408 and 429 say "later"; every other 4xx says the message is wrong for this system. */
const isRetryableStatus = (status: number) => status >= 500 || status === 408 || status === 429;

export function httpWarehouseGateway({
  connection,
  sender,
  now = () => new Date(),
}: {
  connection: () => Promise<WarehouseConnection>;
  sender: WebhookSender;
  now?: () => Date;
}): WarehouseGateway {
  return {
    async send(message: WarehouseMessage): Promise<void> {
      const settings = await connection();
      const url = endpointFor(settings, message.locationId);
      if (!url) throw new WarehouseNotConnectedError(`no system is connected for location ${message.locationId} (warehouse connection endpoints)`);
      const body = JSON.stringify(message);
      const headers = signedWebhookHeaders({ messageId: webhookMessageId(message.requestId), sentAt: now(), body, secrets: [settings.signingSecret] });
      const response = await sender.send({ url, headers: { ...headers }, body, timeoutMs });
      if (response.kind === 'no-response') throw new TransientWarehouseError(`${url}: ${response.error}`);
      if (response.status >= 200 && response.status < 300) return;
      const answer = `${url} answered ${response.status}: ${response.bodyExcerpt.slice(0, 300)}`;
      if (isRetryableStatus(response.status)) throw new TransientWarehouseError(answer);
      throw new WarehouseRefusedMessageError(answer);
    },
  };
}
