/**
 * Order contracts: the one source of truth for the order API's request and response shapes.
 * Types, runtime validation and the OpenAPI document are all derived from these schemas.
 */
import * as z from 'zod';
import { CoordinatesSchema } from './inventory';
import { CancellationSchema, MoneySummarySchema, PaymentActionSchema, PaymentEntrySchema, RiskVerdictSchema, ShipmentSchema } from './fulfilment';
import { CurrencyCodeSchema, MoneySchema } from './money';
import { demoCatalog, demoLocations } from './demo-catalog';
import { ActivityEntrySchema } from './order-activity';
import { ReturnSchema } from './returns';

const identifier = (what: string, max = 64) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9][A-Za-z0-9._:#/-]*$/, `${what} may contain letters, digits and . _ : # / -`);

export const orderStatuses = [
  'PLACED',
  'ON_HOLD',
  'REJECTED',
  'BACKORDERED',
  'ALLOCATED',
  'PAYMENT_ACTION_REQUIRED',
  'PAYMENT_AUTHORIZED',
  'PAYMENT_DECLINED',
  'IN_FULFILMENT',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'DELIVERED',
  'COMPLETED',
  'CANCELLED',
  'FAILED',
] as const;
export const OrderStatusSchema = z.enum(orderStatuses);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const deliveryMethods = ['HOME_DELIVERY', 'EXPRESS_DELIVERY', 'CLICK_AND_COLLECT', 'SHIP_TO_STORE'] as const;
export const DeliveryMethodSchema = z
  .enum(deliveryMethods)
  .describe('HOME_DELIVERY and EXPRESS_DELIVERY need a shippingAddress; CLICK_AND_COLLECT and SHIP_TO_STORE need a pickupStoreId');
export type DeliveryMethod = z.infer<typeof DeliveryMethodSchema>;
export const storeDeliveryMethods: readonly DeliveryMethod[] = ['CLICK_AND_COLLECT', 'SHIP_TO_STORE'];

export const AddressSchema = z
  .strictObject({
    name: z.string().min(1).max(200),
    line1: z.string().min(1).max(200),
    line2: z.string().max(200).optional(),
    city: z.string().min(1).max(100),
    region: z.string().max(100).optional(),
    postalCode: z.string().min(1).max(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'country must be an ISO 3166-1 alpha-2 code such as DE'),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'phone must be in E.164 format such as +4930123456')
      .optional(),
    coordinates: CoordinatesSchema.optional().describe(
      'Where the address is (e.g. from the storefront’s address autocomplete); sourcing measures distances to it. Without it, the country’s centre is used.',
    ),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof AddressSchema>;

export const CustomerSchema = z
  .strictObject({
    id: identifier('customer id'),
    email: z.email().max(254),
    name: z.string().min(1).max(200).optional(),
    phone: z
      .string()
      .regex(/^\+[1-9][0-9]{6,14}$/, 'phone must be in E.164 format such as +4930123456')
      .optional(),
    locale: z
      .string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'locale must be a BCP 47 language tag such as de or de-AT')
      .max(35)
      .optional()
      .describe('The language the customer is written to in (BCP 47); notifications fall back to the channel’s, then English'),
  })
  .meta({ id: 'Customer' });

export const PaymentInputSchema = z
  .strictObject({
    reference: z.string().min(1).max(128).describe('The payment provider reference (e.g. a PaymentIntent id)'),
    method: z.enum(['CARD', 'WALLET', 'BANK_TRANSFER', 'GIFT_CARD', 'CASH_ON_DELIVERY', 'OTHER']).optional(),
    provider: z.string().min(1).max(64).optional(),
  })
  .meta({ id: 'PaymentInput' });

/** Upper bounds that keep one order inside one DynamoDB item (400 KB) and one request small. */
export const orderLimits = {
  maxLines: 200,
  maxQuantityPerLine: 9_999,
  maxBodyBytes: 256 * 1024,
  maxMetadataEntries: 20,
} as const;

export const OrderLineInputSchema = z
  .strictObject({
    lineRef: identifier('lineRef').optional().describe("The channel's own line id, echoed back"),
    sku: identifier('sku'),
    quantity: z.int().min(1).max(orderLimits.maxQuantityPerLine),
    unitPrice: MoneySchema,
    discount: MoneySchema.optional().describe('Total discount on this line (not per unit)'),
  })
  .meta({ id: 'OrderLineInput' });

const metadataSchema = z
  .record(z.string().min(1).max(40), z.string().max(500))
  .refine((value) => Object.keys(value).length <= orderLimits.maxMetadataEntries, {
    message: `metadata holds at most ${orderLimits.maxMetadataEntries} entries`,
  });

const exampleStore = demoLocations.find((location) => location.capabilities.pickup) as { id: string };
const [firstSku, secondSku] = demoCatalog.skus;

export const placeOrderExample = {
  channelOrderRef: 'WEB-100234',
  customer: { id: 'cust-42', email: 'ada@example.com', name: 'Ada Lovelace' },
  currency: 'EUR',
  lines: [
    { lineRef: '1', sku: firstSku.sku, quantity: 2, unitPrice: { amount: firstSku.priceMinor, currency: 'EUR' } },
    {
      lineRef: '2',
      sku: secondSku.sku,
      quantity: 1,
      unitPrice: { amount: secondSku.priceMinor, currency: 'EUR' },
      discount: { amount: 500, currency: 'EUR' },
    },
  ],
  deliveryMethod: 'HOME_DELIVERY',
  shippingAddress: {
    name: 'Ada Lovelace',
    line1: 'Unter den Linden 1',
    city: 'Berlin',
    postalCode: '10117',
    country: 'DE',
  },
  shippingPrice: { amount: 495, currency: 'EUR' },
  taxTotal: { amount: 1254, currency: 'EUR' },
  payment: { reference: 'pi_3PqDemo0001', method: 'CARD', provider: 'sandbox' },
  expectedTotal: {
    amount: 2 * firstSku.priceMinor + secondSku.priceMinor - 500 + 495 + 1254,
    currency: 'EUR',
  },
} as const;

export const clickAndCollectExample = {
  channelOrderRef: 'WEB-100235',
  customer: { id: 'cust-7', email: 'grace@example.com' },
  currency: 'EUR',
  lines: [{ sku: secondSku.sku, quantity: 1, unitPrice: { amount: secondSku.priceMinor, currency: 'EUR' } }],
  deliveryMethod: 'CLICK_AND_COLLECT',
  pickupStoreId: exampleStore.id,
  payment: { reference: 'pi_3PqDemo0002' },
} as const;

export const PlaceOrderRequestSchema = z
  .strictObject({
    channelId: identifier('channelId')
      .optional()
      .describe('Optional: when present it must be the channel of the API key'),
    channelOrderRef: identifier('channelOrderRef', 100).describe(
      "The channel's own order number; unique per channel, a second order with the same reference is deduplicated",
    ),
    customer: CustomerSchema,
    currency: CurrencyCodeSchema,
    lines: z.array(OrderLineInputSchema).min(1).max(orderLimits.maxLines),
    deliveryMethod: DeliveryMethodSchema,
    shippingAddress: AddressSchema.optional(),
    pickupStoreId: identifier('pickupStoreId').optional(),
    billingAddress: AddressSchema.optional(),
    shippingPrice: MoneySchema.optional().describe('Shipping charged to the customer, as priced by the channel'),
    taxTotal: MoneySchema.optional().describe('Tax charged to the customer, as computed by the channel'),
    payment: PaymentInputSchema,
    expectedTotal: MoneySchema.optional().describe(
      'The grand total the channel showed the customer; the OMS computes the total itself and rejects the order when they differ',
    ),
    notes: z.string().max(1000).optional(),
    metadata: metadataSchema.optional(),
  })
  .meta({ id: 'PlaceOrderRequest', examples: [placeOrderExample, clickAndCollectExample] });
export type PlaceOrderRequest = z.infer<typeof PlaceOrderRequestSchema>;

/** Fields the OMS owns. A client that sends one is told so, instead of having it silently ignored. */
export const serverOwnedOrderFields = [
  'id',
  'orderId',
  'status',
  'statusHistory',
  'version',
  'totals',
  'subtotal',
  'grandTotal',
  'discountTotal',
  'placedAt',
  'createdAt',
  'updatedAt',
  'lineId',
  'lineTotal',
] as const;

export const OrderLineSchema = z
  .object({
    lineId: z.string(),
    lineRef: z.string().optional(),
    sku: z.string(),
    quantity: z.int(),
    unitPrice: MoneySchema,
    discount: MoneySchema,
    lineTotal: MoneySchema.describe('quantity × unitPrice − discount'),
    cancelledQuantity: z.int().min(0).optional().describe('Units cancelled (by request, or because no location could supply them)'),
  })
  .meta({ id: 'OrderLine' });

export const OrderTotalsSchema = z
  .object({
    subtotal: MoneySchema,
    discountTotal: MoneySchema,
    shippingTotal: MoneySchema,
    taxTotal: MoneySchema,
    grandTotal: MoneySchema,
  })
  .meta({ id: 'OrderTotals' });

export const ActorSchema = z
  .object({
    type: z.enum(['channel', 'system', 'user']),
    id: z.string(),
  })
  .meta({ id: 'Actor' });
export type Actor = z.infer<typeof ActorSchema>;

export const StatusChangeSchema = z
  .object({
    status: OrderStatusSchema,
    at: z.iso.datetime(),
    by: ActorSchema,
    reason: z.string().optional(),
  })
  .meta({ id: 'StatusChange' });
export type StatusChange = z.infer<typeof StatusChangeSchema>;

/** Set by customer service when an order needs a person's attention; the ops escalation list shows these. */
export const EscalationSchema = z
  .object({
    by: z.string().describe('The acting user who escalated'),
    reason: z.string(),
    at: z.iso.datetime(),
  })
  .meta({ id: 'Escalation' });
export type Escalation = z.infer<typeof EscalationSchema>;

export const OrderSchema = z
  .object({
    id: z.string(),
    channelId: z.string(),
    channelOrderRef: z.string(),
    status: OrderStatusSchema,
    version: z.int().describe('Incremented on every change; used for optimistic locking'),
    customer: CustomerSchema,
    currency: CurrencyCodeSchema,
    lines: z.array(OrderLineSchema),
    deliveryMethod: DeliveryMethodSchema,
    shippingAddress: AddressSchema.optional(),
    pickupStoreId: z.string().optional(),
    billingAddress: AddressSchema.optional(),
    payment: PaymentInputSchema,
    totals: OrderTotalsSchema,
    notes: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    placedAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    statusHistory: z.array(StatusChangeSchema).describe('Append-only: what changed, when, and by whom'),
    shipments: z.array(ShipmentSchema).optional().describe('One per source location, as allocation planned them'),
    payments: z.array(PaymentEntrySchema).optional().describe('Every authorization, capture, refund and void, in order'),
    money: MoneySummarySchema.optional(),
    risk: RiskVerdictSchema.optional(),
    paymentAction: PaymentActionSchema.optional().describe('Set while the customer must authenticate the payment'),
    cancellation: CancellationSchema.optional(),
    returns: z.array(ReturnSchema).optional().describe('Returns (RMAs) of this order, oldest first'),
    escalation: EscalationSchema.optional().describe('Present while the order is escalated to ops'),
    activity: z.array(ActivityEntrySchema).optional().describe('Edits and customer-service actions, oldest first, each with who acted and why'),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof OrderSchema>;

export const ListOrdersQuerySchema = z.strictObject({
  status: OrderStatusSchema.optional(),
  customerId: identifier('customerId').optional(),
  placedFrom: z.iso.datetime({ offset: true }).optional().describe('Inclusive lower bound on placedAt'),
  placedTo: z.iso.datetime({ offset: true }).optional().describe('Exclusive upper bound on placedAt'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional().describe('nextCursor from the previous page'),
});
export type ListOrdersQuery = z.infer<typeof ListOrdersQuerySchema>;

export const OrderPageSchema = z
  .object({
    items: z.array(OrderSchema),
    nextCursor: z.string().optional().describe('Absent on the last page'),
  })
  .meta({ id: 'OrderPage' });
export type OrderPage = z.infer<typeof OrderPageSchema>;

/** The order's version as an HTTP entity tag, for conditional requests (If-Match) on later edits. */
export const orderEtag = (order: Pick<Order, 'version'>) => `"${order.version}"`;

export const OrderIdPathSchema = z.strictObject({ id: z.string().min(1).max(64) });
