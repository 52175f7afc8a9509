/** The dead-lettered webhook deliveries of every channel and subscription, oldest first. */
import type { DeliveryRef } from './webhook-store';

export interface DeadLetteredDeliveryRef extends DeliveryRef {
  readonly deadLetteredAt: string;
}

export interface WebhookDeadLetterIndex {
  deadLetters(range: { readonly after?: DeadLetteredDeliveryRef; readonly limit: number }): Promise<{ readonly deliveries: readonly DeadLetteredDeliveryRef[]; readonly more: boolean }>;
}
