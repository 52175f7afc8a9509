/**
 * Orders that arrive from a commerce platform's webhook (already authenticated as coming from the
 * channel's shop): each is turned into the canonical order and captured like any other order.
 *
 * Capture is once per (channel, platform order id): a platform redelivers a webhook it thinks
 * failed (a timeout, a 5xx), and the redelivery carries the same order, which place-order answers
 * with the order already captured. Every refusal names the platform's own field.
 */
import * as z from 'zod';
import { atSourcePaths, type MappedChannelOrder } from '../channels/channel-order-draft';
import {
  BigCommerceAddressSchema,
  bigCommerceOrderCreatedScope,
  BigCommerceOrderProductSchema,
  BigCommerceOrderSchema,
  type BigCommerceOrder,
  type BigCommerceOrderWebhookBody,
} from '../channels/bigcommerce/bigcommerce-order';
import { mapBigCommerceOrder } from '../channels/bigcommerce/map-bigcommerce-order';
import { mapShopifyOrder } from '../channels/shopify/map-shopify-order';
import { shopifyOrderCreateTopic, type ShopifyOrderWebhook } from '../channels/shopify/shopify-order';
import { shopifyHeaders } from '../channels/shopify/verify-shopify-webhook';
import { mapWooCommerceOrder } from '../channels/woocommerce/map-woocommerce-order';
import { wooCommerceOrderCreatedTopic, type WooCommerceOrderWebhook } from '../channels/woocommerce/woocommerce-order';
import { wooCommerceHeaders } from '../channels/woocommerce/verify-woocommerce-webhook';
import type { FieldError } from '../contracts/problem';
import { BusinessRuleViolation, ConflictError } from '../domain/errors';
import { toFieldErrors } from '../http/request-parsing';
import type { BigCommerceOrderSource } from '../ports/bigcommerce-order-source';
import { placeOrder, type PlaceOrderDependencies, type PlaceOrderResult } from './place-order';

const refuse = (code: string, message: string, errors: FieldError[]) => new BusinessRuleViolation(code, message, errors);

/** A webhook of another topic was sent to an order-creation URL: refused, so the misconfiguration shows. */
function requireTopic(given: string | undefined, expected: string, where: string): void {
  if (given !== undefined && given.trim() !== expected) {
    throw refuse('UNSUPPORTED_WEBHOOK_TOPIC', `This endpoint takes ${expected} webhooks, not ${given}`, [
      { path: where, code: 'UNSUPPORTED_WEBHOOK_TOPIC', message: `only ${expected} is accepted here` },
    ]);
  }
}

/**
 * Captures the mapped order for the channel. A business rule the order breaks (a total that does
 * not add up, a second order under the same platform id with other content) is reported at the
 * platform's fields.
 */
export async function captureChannelOrder(channelId: string, mapped: MappedChannelOrder, deps: PlaceOrderDependencies): Promise<PlaceOrderResult> {
  try {
    return await placeOrder({ channelId, request: mapped.request }, deps);
  } catch (error) {
    if (error instanceof ConflictError) {
      const conflict = new ConflictError(error.code, error.message, atSourcePaths(error.errors, mapped.sources));
      if (error.retryAfterSeconds !== undefined) conflict.retryAfterSeconds = error.retryAfterSeconds;
      throw conflict;
    }
    if (error instanceof BusinessRuleViolation) throw new BusinessRuleViolation(error.code, error.message, atSourcePaths(error.errors, mapped.sources));
    throw error;
  }
}

/** An order webhook that carries the whole order and names its topic in a header (Shopify, WooCommerce). */
export interface ReceiveOrderWebhookCommand<Order> {
  readonly channelId: string;
  readonly order: Order;
  /** The topic header's value (X-Shopify-Topic, X-WC-Webhook-Topic), when sent. */
  readonly topic?: string;
}

/** Receives a platform's order webhooks: one of another topic is refused, naming `topicHeader`; the order is mapped and captured. */
const orderWebhookReceiver =
  <Order>(expectedTopic: string, topicHeader: string, map: (order: Order) => MappedChannelOrder) =>
  async ({ channelId, order, topic }: ReceiveOrderWebhookCommand<Order>, deps: PlaceOrderDependencies): Promise<PlaceOrderResult> => {
    requireTopic(topic, expectedTopic, topicHeader);
    return captureChannelOrder(channelId, map(order), deps);
  };

export type ReceiveShopifyOrderCommand = ReceiveOrderWebhookCommand<ShopifyOrderWebhook>;
export const receiveShopifyOrder = orderWebhookReceiver(shopifyOrderCreateTopic, shopifyHeaders.topic, mapShopifyOrder);

export type ReceiveWooCommerceOrderCommand = ReceiveOrderWebhookCommand<WooCommerceOrderWebhook>;
export const receiveWooCommerceOrder = orderWebhookReceiver(wooCommerceOrderCreatedTopic, wooCommerceHeaders.topic, mapWooCommerceOrder);

export interface ReceiveBigCommerceOrderCommand {
  readonly channelId: string;
  readonly body: BigCommerceOrderWebhookBody;
  /** The connection's store, when configured: a webhook from another store is refused. */
  readonly storeHash?: string;
}

export interface ReceiveBigCommerceOrderDependencies extends PlaceOrderDependencies {
  readonly source: BigCommerceOrderSource;
}

/** A document the store's API answered, checked against what the mapper reads; its problems are named at `path`. */
function fromStore<Schema extends z.ZodType>(schema: Schema, document: unknown, path: string, orderId: string): z.infer<Schema> {
  const parsed = schema.safeParse(document);
  if (parsed.success) return parsed.data;
  throw refuse(
    'CHANNEL_ORDER_NOT_CAPTURABLE',
    `Order ${orderId} as read from the store's API is not a V2 order the OMS can read`,
    toFieldErrors(parsed.error).map((error) => ({ ...error, path: `${path}${error.path === '' || error.path.startsWith('[') ? '' : '.'}${error.path}` })),
  );
}

/**
 * The webhook names an order: read it, with its products and shipping addresses, from the store's
 * API. A full order brings itself, and its products and addresses unless they are V2 links.
 */
export async function receiveBigCommerceOrder(
  { channelId, body, storeHash }: ReceiveBigCommerceOrderCommand,
  deps: ReceiveBigCommerceOrderDependencies,
): Promise<PlaceOrderResult> {
  let order: BigCommerceOrder;
  if (body.form === 'webhook') {
    requireTopic(body.scope, bigCommerceOrderCreatedScope, 'scope');
    if (body.data.type !== 'order') {
      throw refuse('UNSUPPORTED_WEBHOOK_TOPIC', `This endpoint takes orders, not ${body.data.type}`, [
        { path: 'data.type', code: 'UNSUPPORTED_WEBHOOK_TOPIC', message: 'only order is accepted here' },
      ]);
    }
    if (storeHash !== undefined && body.producer && body.producer.trim() !== `stores/${storeHash}`) {
      throw refuse('WRONG_STORE', 'The webhook comes from another store than this channel is connected to', [
        { path: 'producer', code: 'WRONG_STORE', message: `this channel is connected to stores/${storeHash}` },
      ]);
    }
    const orderId = body.data.id;
    const document = await deps.source.getOrder(orderId);
    if (document === undefined) {
      throw refuse('CHANNEL_ORDER_NOT_FOUND', `The store has no order ${orderId}`, [
        { path: 'data.id', code: 'CHANNEL_ORDER_NOT_FOUND', message: `order ${orderId} does not exist in the store` },
      ]);
    }
    order = fromStore(BigCommerceOrderSchema, document, '', orderId);
  } else {
    const { form: _form, ...fullOrder } = body;
    order = fullOrder;
  }
  const [products, shippingAddresses] = await Promise.all([
    Array.isArray(order.products)
      ? order.products
      : deps.source.getOrderProducts(order.id).then((document) => fromStore(z.array(BigCommerceOrderProductSchema), document ?? [], 'products', order.id)),
    Array.isArray(order.shipping_addresses)
      ? order.shipping_addresses
      : deps.source
          .getOrderShippingAddresses(order.id)
          .then((document) => fromStore(z.array(BigCommerceAddressSchema), document ?? [], 'shipping_addresses', order.id)),
  ]);
  return captureChannelOrder(channelId, mapBigCommerceOrder({ order, products, shippingAddresses }), deps);
}
