import * as z from 'zod';
import { idempotentOperation } from '../../shared/adapters/idempotency/powertools-idempotency';
import { orders, authenticateApiKey, newOrderId } from '../../shared/composition/order-context';
import { loadConfig, tableNameSetting } from '../../shared/config/load-config';
import { orderEtag, orderLimits, PlaceOrderRequestSchema, serverOwnedOrderFields } from '../../shared/contracts/order';
import { apiHandler } from '../../shared/http/api-handler';
import { parseOrThrow } from '../../shared/http/request-parsing';
import { placeOrder, type PlaceOrderCommand } from '../../shared/use-cases/place-order';

const config = loadConfig({ IDEMPOTENCY_TABLE_NAME: tableNameSetting });

const place = (command: PlaceOrderCommand) => placeOrder(command, { orders, newOrderId, now: () => new Date() });
const placeOnce = idempotentOperation('place-order', place, { tableName: config.IDEMPOTENCY_TABLE_NAME });

const IdempotencyKeyHeaderSchema = z.strictObject({
  'idempotency-key': z.string().min(1).max(255).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional(),
});

export const handler = apiHandler(
  {
    authenticate: authenticateApiKey,
    requiredScope: 'orders',
    body: { schema: PlaceOrderRequestSchema, maxBytes: orderLimits.maxBodyBytes, readOnlyFields: serverOwnedOrderFields },
  },
  async ({ body, channel, headers, lambdaContext }) => {
    const { 'idempotency-key': idempotencyKey } = parseOrThrow(
      IdempotencyKeyHeaderSchema,
      { 'idempotency-key': headers['idempotency-key'] },
      'headers',
    );
    const command = { channelId: channel.channelId, request: body };
    const { order, created } = idempotencyKey
      ? await placeOnce(command, { scope: channel.channelId, key: idempotencyKey, lambdaContext })
      : await place(command);
    return { status: created ? 201 : 200, body: order, headers: { location: `/orders/${order.id}`, etag: orderEtag(order) } };
  },
);
