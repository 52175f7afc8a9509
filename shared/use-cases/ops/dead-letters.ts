/**
 * Dead letters of every integration, and their redrive:
 * - integration: an event a rule's target (a function) could not take after EventBridge's and
 *   Lambda's retries. Redrive puts the event back on the bus as it was (same detail, so the same
 *   event id): the target that failed gets it again, and every other rule's target drops it as a
 *   duplicate, exactly as with an archive replay. Then it leaves the dead letters.
 * - webhook: a partner webhook delivery that ran out of its retry window. Redrive is the webhook
 *   area's own (a fresh window, attempted by the sweeper within a minute); ops may redrive any
 *   channel's.
 * The integration dead letters are a queue, which cannot be paged: a list shows as many as the queue
 * hands out (up to `limit`), then the webhook dead letters, which can.
 */
import * as z from 'zod';
import type { DeadLetter, DeadLettersQuery, RedriveDeadLettersRequest, RedriveDeadLettersResult } from '../../contracts/ops';
import { maxRedrivenPerCall } from '../../contracts/ops';
import { DomainError } from '../../domain/errors';
import { decodeCursor, encodeCursor } from '../../domain/cursor';
import { integrationDeadLetterId, parseDeadLetterId, webhookDeadLetterId, type RedriveFailure } from '../../domain/ops/dead-letters';
import type { WebhookDelivery } from '../../domain/webhooks/delivery';
import type { IntegrationDeadLetter, LeasedDeadLetter } from '../../ports/integration-dead-letters';
import type { DeadLetteredDeliveryRef } from '../../ports/webhook-dead-letter-index';
import { redriveDelivery } from '../webhooks/delivery-log';
import type { OpsDeps } from './ops-dependencies';

/** A listing hides what it reads from other readers only this long. */
const listingLeaseSeconds = 20;
/** A redrive holds what it reads while it puts events back; longer than the function may run. */
const redriveLeaseSeconds = 60;
/** How many integration dead letters a redrive by id reads at most looking for them. */
const maxScannedPerRedrive = 500;

const WebhookCursorSchema = z.strictObject({
  webhooksAfter: z.strictObject({ subscriptionId: z.string().min(1), deliveryId: z.string().min(1), deadLetteredAt: z.iso.datetime() }).nullable(),
});

type ListDeps = OpsDeps<'integrationDeadLetters' | 'webhookDeadLetters' | 'deliveries'>;
type RedriveDeps = OpsDeps<'integrationDeadLetters' | 'bus' | 'webhookDeadLetters' | 'subscriptions' | 'deliveries' | 'now'>;

const integrationView = (letter: IntegrationDeadLetter): DeadLetter => ({
  id: integrationDeadLetterId(letter.id),
  source: 'integration',
  target: letter.target,
  detailType: letter.detailType,
  ...(letter.orderId !== undefined && { orderId: letter.orderId }),
  failedAt: letter.failedAt,
  error: letter.error,
});

/** The order a delivery's event is about, from the payload it sends. */
async function orderOfDelivery(delivery: WebhookDelivery, deps: OpsDeps<'deliveries'>): Promise<string | undefined> {
  const body = await deps.deliveries.eventPayload(delivery.eventId);
  try {
    const orderId = (JSON.parse(body ?? '{}') as { correlation?: { orderId?: unknown } }).correlation?.orderId;
    return typeof orderId === 'string' ? orderId : undefined;
  } catch {
    return undefined;
  }
}

const webhookError = (delivery: WebhookDelivery) =>
  delivery.lastAttempt?.error ?? (delivery.lastAttempt?.responseStatus !== undefined ? `HTTP ${delivery.lastAttempt.responseStatus}` : 'no attempt succeeded in the retry window');

async function webhookView(delivery: WebhookDelivery, deps: OpsDeps<'deliveries'>): Promise<DeadLetter> {
  const orderId = await orderOfDelivery(delivery, deps);
  return {
    id: webhookDeadLetterId({ subscriptionId: delivery.subscriptionId, deliveryId: delivery.id }),
    source: 'webhook',
    target: delivery.subscriptionId,
    detailType: delivery.eventType,
    ...(orderId !== undefined && { orderId }),
    channelId: delivery.channelId,
    failedAt: delivery.deadLetteredAt ?? delivery.updatedAt,
    error: webhookError(delivery),
  };
}

/** Up to `limit` integration dead letters, leased in rounds and then released at once for other readers. */
async function peekIntegration(limit: number, deps: OpsDeps<'integrationDeadLetters'>): Promise<IntegrationDeadLetter[]> {
  const leased: LeasedDeadLetter[] = [];
  try {
    while (leased.length < limit) {
      const round = await deps.integrationDeadLetters.lease(limit - leased.length, listingLeaseSeconds);
      if (round.length === 0) break;
      leased.push(...round);
    }
  } finally {
    await deps.integrationDeadLetters.release(leased);
  }
  return leased;
}

/** Webhook dead letters from `after` on; a delivery redriven since the index was read is left out. */
async function webhookPage(after: DeadLetteredDeliveryRef | undefined, limit: number, deps: ListDeps) {
  const page = await deps.webhookDeadLetters.deadLetters({ limit, ...(after && { after }) });
  const deliveries = await Promise.all(page.deliveries.map((ref) => deps.deliveries.getDelivery(ref)));
  const items = await Promise.all(deliveries.flatMap((delivery) => (delivery?.status === 'DEAD_LETTERED' ? [webhookView(delivery, deps)] : [])));
  return { items, last: page.deliveries.at(-1), more: page.more };
}

export async function listDeadLetters({ source, limit, cursor }: DeadLettersQuery, deps: ListDeps): Promise<{ items: DeadLetter[]; nextCursor?: string }> {
  // A cursor only ever continues the webhook dead letters: the queue was shown on the first page.
  const position = cursor === undefined ? undefined : decodeCursor(cursor, WebhookCursorSchema);
  const items: DeadLetter[] = [];
  if (!position && source !== 'webhook') items.push(...(await peekIntegration(limit, deps)).map(integrationView));
  if (source === 'integration') return { items };

  const room = limit - items.length;
  const after = position?.webhooksAfter ?? undefined;
  if (room === 0) {
    // The page is full of integration letters: a cursor only if webhook letters are waiting.
    const next = await deps.webhookDeadLetters.deadLetters({ limit: 1 });
    return { items, ...(next.deliveries.length > 0 && { nextCursor: encodeCursor({ webhooksAfter: null }) }) };
  }
  const page = await webhookPage(after, room, deps);
  items.push(...page.items);
  return { items, ...(page.more && page.last && { nextCursor: encodeCursor({ webhooksAfter: page.last }) }) };
}

const failure = (id: string, error: unknown): RedriveFailure =>
  error instanceof DomainError ? { id, code: error.code, message: error.message } : { id, code: 'REDRIVE_FAILED', message: error instanceof Error ? error.message : String(error) };

/**
 * Puts integration dead letters back on the bus and removes them: the named ones (looked for among the
 * first 500 the queue hands out), or any, up to 100. A letter whose event cannot be put on the bus
 * again (an AWS scheduled tick: the next tick does the same work) stays.
 */
async function redriveIntegration(messageIds: readonly string[] | undefined, deps: RedriveDeps): Promise<RedriveDeadLettersResult> {
  const wanted = messageIds && new Set(messageIds);
  const redriven: string[] = [];
  const failed: RedriveFailure[] = [];
  const passedOver: LeasedDeadLetter[] = [];
  let scanned = 0;
  let more = false;
  try {
    // Without ids, a round past the cap tells whether any letter is left.
    while (scanned < maxScannedPerRedrive && (wanted ? wanted.size > 0 : !more)) {
      const round = await deps.integrationDeadLetters.lease(10, redriveLeaseSeconds);
      if (round.length === 0) break;
      scanned += round.length;
      for (const letter of round) {
        const id = integrationDeadLetterId(letter.id);
        if ((wanted && !wanted.has(letter.id)) || (!wanted && redriven.length >= maxRedrivenPerCall)) {
          passedOver.push(letter);
          more ||= !wanted;
          continue;
        }
        wanted?.delete(letter.id);
        if (!letter.event) {
          failed.push({ id, code: 'NOT_REPUBLISHABLE', message: `${letter.detailType} is EventBridge's own event (a schedule's tick) and cannot be put on the bus; the next tick does the same work` });
          passedOver.push(letter);
          continue;
        }
        try {
          await deps.bus.send([letter.event]);
          await deps.integrationDeadLetters.acknowledge([letter]);
          redriven.push(id);
        } catch (error) {
          failed.push(failure(id, error));
          passedOver.push(letter);
        }
      }
    }
  } finally {
    await deps.integrationDeadLetters.release(passedOver);
  }
  return { redriven, notFound: [...(wanted ?? [])].map(integrationDeadLetterId), failed, more: more || (!wanted && scanned >= maxScannedPerRedrive) };
}

/** Redrives webhook deliveries through the webhook area's own redrive, each in its own channel. */
async function redriveWebhooks(refs: readonly { subscriptionId: string; deliveryId: string }[], deps: RedriveDeps) {
  const result: Pick<RedriveDeadLettersResult, 'redriven' | 'notFound' | 'failed'> = { redriven: [], notFound: [], failed: [] };
  for (const ref of refs) {
    const id = webhookDeadLetterId(ref);
    const delivery = await deps.deliveries.getDelivery(ref);
    if (!delivery) {
      result.notFound.push(id);
      continue;
    }
    try {
      await redriveDelivery({ channelId: delivery.channelId, subscriptionId: ref.subscriptionId, deliveryId: ref.deliveryId }, deps);
      result.redriven.push(id);
    } catch (error) {
      result.failed.push(failure(id, error));
    }
  }
  return result;
}

export async function redriveDeadLetters({ ids, source }: RedriveDeadLettersRequest, deps: RedriveDeps): Promise<RedriveDeadLettersResult> {
  const refs = (ids ?? []).map((id) => parseDeadLetterId(id)).filter((ref) => ref !== undefined);
  const named = ids !== undefined;
  const integration: RedriveDeadLettersResult =
    (named && refs.some((ref) => ref.source === 'integration')) || (!named && source !== 'webhook')
      ? await redriveIntegration(named ? refs.flatMap((ref) => (ref.source === 'integration' ? [ref.messageId] : [])) : undefined, deps)
      : { redriven: [], notFound: [], failed: [], more: false };

  let webhookRefs: readonly { subscriptionId: string; deliveryId: string }[] = refs.flatMap((ref) => (ref.source === 'webhook' ? [ref] : []));
  let webhooksLeft = false;
  if (!named && source !== 'integration') {
    const page = await deps.webhookDeadLetters.deadLetters({ limit: maxRedrivenPerCall });
    webhookRefs = page.deliveries;
    webhooksLeft = page.more;
  }
  const webhooks = await redriveWebhooks(webhookRefs, deps);
  return {
    redriven: [...integration.redriven, ...webhooks.redriven],
    notFound: [...integration.notFound, ...webhooks.notFound],
    failed: [...integration.failed, ...webhooks.failed],
    more: integration.more || webhooksLeft,
  };
}
