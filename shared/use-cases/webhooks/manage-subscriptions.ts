/**
 * A channel's webhook subscriptions: create (the signing secret is returned once), read, change,
 * delete, and rotate the secret with an overlap during which deliveries carry both signatures.
 */
import type { WebhookSubscriptionView, WebhookSubscriptionWithSecret } from '../../contracts/webhooks';
import { BusinessRuleViolation, NotFoundError } from '../../domain/errors';
import { checkWebhookUrl } from '../../domain/webhooks/endpoint-url';
import { generateSigningSecret } from '../../domain/webhooks/signing';
import {
  changedSubscription,
  maxSubscriptionsPerChannel,
  rotatedSecrets,
  SubscriptionChangedConcurrentlyError,
  type SubscriptionChange,
  type WebhookSubscription,
} from '../../domain/webhooks/subscription';
import { cancelPendingDeliveries } from './cancel-pending-deliveries';
import type { WebhookDependencies } from './webhook-dependencies';

type Deps<Keys extends keyof WebhookDependencies> = Pick<WebhookDependencies, Keys>;

/** The subscription as the API shows it: never a secret, sealed or not. */
export const subscriptionView = (subscription: WebhookSubscription): WebhookSubscriptionView => ({
  id: subscription.id,
  url: subscription.url,
  eventTypes: [...subscription.eventTypes],
  ...(subscription.description !== undefined && { description: subscription.description }),
  active: subscription.active,
  ...(subscription.disabledReason && { disabledReason: subscription.disabledReason }),
  createdAt: subscription.createdAt,
  updatedAt: subscription.updatedAt,
  ...(subscription.secrets.previous && { previousSecretValidUntil: subscription.secrets.previous.validUntil }),
});

/** The sealed secret is bound to its subscription: moved to another record, it does not open. */
export const secretContext = (subscriptionId: string) => `webhook-subscription:${subscriptionId}`;

export const subscriptionNotFound = (subscriptionId: string) =>
  new NotFoundError('WEBHOOK_SUBSCRIPTION_NOT_FOUND', `No webhook subscription ${subscriptionId} for this channel`);

export async function loadSubscription(channelId: string, subscriptionId: string, deps: Deps<'subscriptions'>): Promise<WebhookSubscription> {
  const subscription = await deps.subscriptions.getSubscription(channelId, subscriptionId);
  if (!subscription) throw subscriptionNotFound(subscriptionId);
  return subscription;
}

export interface CreateSubscriptionCommand {
  readonly channelId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description?: string;
  readonly active: boolean;
}

export async function createSubscription(
  command: CreateSubscriptionCommand,
  deps: Deps<'subscriptions' | 'sealer' | 'settings' | 'now' | 'newId'>,
): Promise<WebhookSubscriptionWithSecret> {
  const url = checkWebhookUrl(command.url, deps.settings);
  // A count read before the write: two concurrent creations can pass it together, which the fan-out's
  // transaction (100 items) absorbs many times over.
  const existing = await deps.subscriptions.listSubscriptions(command.channelId);
  if (existing.length >= maxSubscriptionsPerChannel) {
    throw new BusinessRuleViolation('WEBHOOK_SUBSCRIPTION_LIMIT', `A channel has at most ${maxSubscriptionsPerChannel} webhook subscriptions; delete one first`);
  }
  const id = `whsub_${deps.newId()}`;
  const secret = generateSigningSecret();
  const at = deps.now().toISOString();
  const subscription: WebhookSubscription = {
    id,
    channelId: command.channelId,
    url,
    eventTypes: [...command.eventTypes],
    ...(command.description !== undefined && { description: command.description }),
    active: command.active,
    createdAt: at,
    updatedAt: at,
    version: 1,
    secrets: { current: await deps.sealer.seal(secret, secretContext(id)) },
  };
  await deps.subscriptions.createSubscription(subscription);
  return { ...subscriptionView(subscription), secret };
}

export const listSubscriptions = async (channelId: string, deps: Deps<'subscriptions'>): Promise<WebhookSubscriptionView[]> =>
  (await deps.subscriptions.listSubscriptions(channelId)).map(subscriptionView);

export const getSubscription = async (channelId: string, subscriptionId: string, deps: Deps<'subscriptions'>): Promise<WebhookSubscriptionView> =>
  subscriptionView(await loadSubscription(channelId, subscriptionId, deps));

/**
 * Changes url, event types, description or active. Turning it off cancels its pending deliveries
 * (they can be redriven once it is on again); turning it on again delivers new events only.
 */
export async function updateSubscription(
  { channelId, subscriptionId, change }: { channelId: string; subscriptionId: string; change: SubscriptionChange },
  deps: Deps<'subscriptions' | 'deliveries' | 'settings' | 'now'>,
): Promise<WebhookSubscriptionView> {
  const url = change.url === undefined ? undefined : checkWebhookUrl(change.url, deps.settings);
  const current = await loadSubscription(channelId, subscriptionId, deps);
  const next = changedSubscription(current, { ...change, ...(url !== undefined && { url }) }, deps.now());
  if (!(await deps.subscriptions.replaceSubscription(next, current.version))) throw new SubscriptionChangedConcurrentlyError(subscriptionId);
  if (current.active && !next.active) await cancelPendingDeliveries(subscriptionId, 'SUBSCRIPTION_DISABLED', deps);
  return subscriptionView(next);
}

/** Deletes it and cancels its pending deliveries; its delivery log stays until it expires, but is no longer listed. */
export async function deleteSubscription(channelId: string, subscriptionId: string, deps: Deps<'subscriptions' | 'deliveries' | 'now'>): Promise<void> {
  if (!(await deps.subscriptions.deleteSubscription(channelId, subscriptionId))) throw subscriptionNotFound(subscriptionId);
  await cancelPendingDeliveries(subscriptionId, 'SUBSCRIPTION_DELETED', deps);
}

/**
 * A new secret, returned once. The replaced one keeps signing next to it for the overlap (24 h), so
 * the partner can switch its verifier without dropping a delivery; a secret older than that is
 * dropped at once (only the last two are ever valid).
 */
export async function rotateSubscriptionSecret(
  { channelId, subscriptionId }: { channelId: string; subscriptionId: string },
  deps: Deps<'subscriptions' | 'sealer' | 'now'>,
): Promise<WebhookSubscriptionWithSecret> {
  const current = await loadSubscription(channelId, subscriptionId, deps);
  const now = deps.now();
  const secret = generateSigningSecret();
  const next: WebhookSubscription = {
    ...current,
    secrets: rotatedSecrets(current.secrets, await deps.sealer.seal(secret, secretContext(subscriptionId)), now),
    updatedAt: now.toISOString(),
    version: current.version + 1,
  };
  if (!(await deps.subscriptions.replaceSubscription(next, current.version))) throw new SubscriptionChangedConcurrentlyError(subscriptionId);
  return { ...subscriptionView(next), secret };
}
