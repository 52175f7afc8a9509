/**
 * Dead letters as ops sees them: the events an integration rule's target could not take, and the
 * partner webhook deliveries that ran out of retries, under one id scheme that says which is which.
 */
export const deadLetterSources = ['integration', 'webhook'] as const;
export type DeadLetterSource = (typeof deadLetterSources)[number];

export type DeadLetterRef =
  | { readonly source: 'integration'; readonly messageId: string }
  | { readonly source: 'webhook'; readonly subscriptionId: string; readonly deliveryId: string };

/** `integration:<queue message id>` or `webhook:<subscription id>:<delivery id>`. */
export const deadLetterIdPattern = /^(integration:[A-Za-z0-9_.-]{1,128}|webhook:[A-Za-z0-9_.-]{1,64}:[A-Za-z0-9_.-]{1,64})$/;

export const integrationDeadLetterId = (messageId: string) => `integration:${messageId}`;
export const webhookDeadLetterId = (ref: { subscriptionId: string; deliveryId: string }) => `webhook:${ref.subscriptionId}:${ref.deliveryId}`;

/** What an id names; undefined for an id of neither shape. */
export function parseDeadLetterId(id: string): DeadLetterRef | undefined {
  if (!deadLetterIdPattern.test(id)) return undefined;
  const [source, first = '', second = ''] = id.split(':');
  return source === 'integration' ? { source, messageId: first } : { source: 'webhook', subscriptionId: first, deliveryId: second };
}

/** Why a dead letter was not redriven, per letter: the others of the same request still are. */
export interface RedriveFailure {
  readonly id: string;
  readonly code: string;
  readonly message: string;
}
