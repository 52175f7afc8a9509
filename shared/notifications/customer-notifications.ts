/**
 * Which order events the customer hears about, and what they are told: one template per event (or
 * per shipment status), in the customer's language. Internal steps (allocation, holds for review,
 * captures, fulfilment requests, in-transit scans) and the completion that follows a delivery are
 * not told: a customer message must be news to the customer.
 */
import type * as z from 'zod';
import type { Money } from '../contracts/money';
import type { ShipmentStatus } from '../contracts/fulfilment';
import type { EventDefinition } from '../events/define-event';
import {
  OrderCancelled,
  OrderFailed,
  OrderPlaced,
  OrderRejected,
  PaymentActionRequired,
  PaymentDeclined,
  ShipmentShipped,
  ShipmentStatusChanged,
  type OrderSnapshot,
} from '../events/catalog/order-events';
import { ReturnExpired, ReturnLabelIssued, ReturnReceived, ReturnRefunded, ReturnRequested } from '../events/catalog/return-events';
import { de } from './locales/de';
import { en } from './locales/en';
import { renderTemplate, resolveLocale, type LocaleTexts, type RenderedMessage, type SupportedLocale, type TemplateId, type TemplateParams } from './message-templates';

export interface NotificationSettings {
  /**
   * The carrier tracking page, with `{trackingNumber}` (and optionally `{carrier}`) placeholders.
   * Without it messages give the tracking number but no link.
   */
  readonly trackingUrlTemplate?: string;
  /** A language per channel (BCP 47), for customers the channel sent without a locale. */
  readonly channelLocales: Readonly<Record<string, string>>;
}

export interface CustomerNotification {
  readonly template: TemplateId;
  readonly locale: SupportedLocale;
  readonly order: OrderSnapshot;
  readonly message: RenderedMessage;
}

const texts: Readonly<Record<SupportedLocale, LocaleTexts>> = { en, de };

interface Decision {
  readonly template: TemplateId;
  readonly order: OrderSnapshot;
  readonly params?: TemplateParams;
  /** Money placeholders, written as the customer's locale writes money. */
  readonly amounts?: Readonly<Record<string, Money>>;
}

export interface NotifiableEvent {
  readonly definition: EventDefinition;
  /** What to tell the customer about this event, or nothing. */
  decide(data: unknown, settings: NotificationSettings): Decision | undefined;
}

/** Ties a decision to its event; the data is parsed by the event's own schema, so `decide` gets it typed. */
const notifiable = <Data extends z.ZodType>(definition: EventDefinition<Data>, decide: (data: z.output<Data>, settings: NotificationSettings) => Decision | undefined): NotifiableEvent => ({
  definition,
  decide: (data, settings) => decide(definition.data.parse(data), settings),
});

export function trackingUrlOf(settings: NotificationSettings, trackingNumber: string | undefined, carrier?: string): string | undefined {
  if (!settings.trackingUrlTemplate || !trackingNumber) return undefined;
  if (settings.trackingUrlTemplate.includes('{carrier}') && !carrier) return undefined;
  return settings.trackingUrlTemplate
    .replace(/\{trackingNumber\}/g, encodeURIComponent(trackingNumber))
    .replace(/\{carrier\}/g, encodeURIComponent(carrier ?? ''));
}

/** Shipment statuses after shipping that the customer is told about; the others are internal or no news. */
export const notifiedShipmentStatuses = ['OUT_FOR_DELIVERY', 'DELIVERED', 'READY_FOR_PICKUP', 'PICKUP_EXPIRED'] as const satisfies readonly ShipmentStatus[];

const statusTemplates: Readonly<Record<(typeof notifiedShipmentStatuses)[number], TemplateId>> = {
  OUT_FOR_DELIVERY: 'out-for-delivery',
  DELIVERED: 'delivered',
  READY_FOR_PICKUP: 'ready-for-pickup',
  PICKUP_EXPIRED: 'pickup-expired',
};

const isNotifiedStatus = (status: ShipmentStatus): status is (typeof notifiedShipmentStatuses)[number] => (notifiedShipmentStatuses as readonly ShipmentStatus[]).includes(status);

export const customerNotificationEvents: readonly NotifiableEvent[] = [
  notifiable(OrderPlaced, (data) => ({ template: 'order-confirmation', order: data.order })),
  notifiable(OrderRejected, (data) => ({ template: 'order-not-accepted', order: data.order })),
  notifiable(PaymentDeclined, (data) => ({ template: 'payment-declined', order: data.order })),
  notifiable(PaymentActionRequired, (data) => ({ template: 'payment-action-required', order: data.order, params: { actionUrl: data.actionUrl } })),
  notifiable(ShipmentShipped, (data, settings) => {
    // A pickup in store is "shipped" by being made ready on the shelf: that is what the customer needs to hear.
    if (data.status === 'READY_FOR_PICKUP') return { template: 'ready-for-pickup', order: data.order };
    if (data.status !== 'SHIPPED') return undefined;
    return {
      template: 'shipment-shipped',
      order: data.order,
      params: { carrier: data.carrier, trackingNumber: data.trackingNumber, trackingUrl: trackingUrlOf(settings, data.trackingNumber, data.carrier) },
    };
  }),
  notifiable(ShipmentStatusChanged, (data, settings) =>
    isNotifiedStatus(data.to)
      ? { template: statusTemplates[data.to], order: data.order, params: { trackingNumber: data.trackingNumber, trackingUrl: trackingUrlOf(settings, data.trackingNumber) } }
      : undefined,
  ),
  notifiable(OrderCancelled, (data) => ({
    // Lines cancelled while the rest goes on is a different message from a cancelled order.
    template: data.lineIds && data.lineIds.length > 0 && data.order.status !== 'CANCELLED' ? 'order-partially-cancelled' : 'order-cancelled',
    order: data.order,
  })),
  notifiable(OrderFailed, (data) => ({ template: 'order-failed', order: data.order })),
  notifiable(ReturnRequested, (data) => ({ template: 'return-requested', order: data.order, params: { returnId: data.returnId, deadline: data.expiresAt.slice(0, 10) } })),
  notifiable(ReturnLabelIssued, (data) => ({ template: 'return-label', order: data.order, params: { returnId: data.returnId, labelUrl: data.labelUrl, trackingNumber: data.trackingNumber } })),
  notifiable(ReturnReceived, (data) => ({ template: 'return-received', order: data.order, params: { returnId: data.returnId } })),
  // A return that refunds nothing (an exchange) is news only through its replacement order.
  notifiable(ReturnRefunded, (data) =>
    data.amount.amount > 0
      ? { template: data.refundMethod === 'STORE_CREDIT' ? 'return-credited' : 'return-refunded', order: data.order, params: { returnId: data.returnId }, amounts: { amount: data.amount } }
      : undefined,
  ),
  notifiable(ReturnExpired, (data) => ({ template: 'return-expired', order: data.order, params: { returnId: data.returnId } })),
];

/** Minor units in the currency's own precision (JPY 0, EUR 2, KWD 3), written as the locale writes money. */
export function formatMoney(money: Money, locale: SupportedLocale): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  return format.format(money.amount / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

export const notifiableEventOf = (source: string, detailType: string): NotifiableEvent | undefined =>
  customerNotificationEvents.find(({ definition }) => definition.source === source && definition.detailType === detailType);

/** The message for an event of `definition` with `data`, in the customer's language, or undefined when the customer is not told. */
export function renderCustomerNotification(definition: EventDefinition, data: unknown, settings: NotificationSettings): CustomerNotification | undefined {
  const decision = notifiableEventOf(definition.source, definition.detailType)?.decide(data, settings);
  if (!decision) return undefined;
  const { order } = decision;
  const locale = resolveLocale(order.customer.locale, settings.channelLocales[order.channelId]);
  const params: TemplateParams = {
    name: order.customer.name,
    orderRef: order.channelOrderRef,
    total: formatMoney(order.grandTotal, locale),
    ...decision.params,
    ...Object.fromEntries(Object.entries(decision.amounts ?? {}).map(([key, amount]) => [key, formatMoney(amount, locale)])),
  };
  return { template: decision.template, locale, order, message: renderTemplate(texts[locale], locale, decision.template, params) };
}
