/**
 * How long an order may stay in one open status without any change before ops should look at it:
 * one service level per status that is not terminal. Read once from configuration
 * (`OMS_OPS_SERVICE_LEVELS`, JSON, e.g. `{"PLACED": 600}`), validated at cold start like the
 * lifecycle policies; a status the configuration leaves out keeps its default.
 */
import * as z from 'zod';
import type { Order, OrderStatus } from '../../contracts/order';
import { terminalOrderStatuses } from '../lifecycle/status-transitions';

const seconds = z.int().min(1).max(365 * 24 * 3600);
const minutes = 60;
const hours = 3600;
const days = 24 * hours;

/**
 * The defaults follow what each status waits for: intake and payment run in seconds, so a quarter of
 * an hour or an hour without progress is a fault; a warehouse has its fulfilment deadline (three days
 * by default) and a parcel its transit; a held order waits for its review (a day by default) and a
 * backorder for its restock (two weeks). A DELIVERED order completes at once.
 */
export const ServiceLevelsSchema = z.strictObject({
  PLACED: seconds.default(15 * minutes),
  ON_HOLD: seconds.default(1 * days),
  BACKORDERED: seconds.default(14 * days),
  ALLOCATED: seconds.default(1 * hours),
  PAYMENT_ACTION_REQUIRED: seconds.default(1 * hours),
  PAYMENT_AUTHORIZED: seconds.default(1 * hours),
  IN_FULFILMENT: seconds.default(48 * hours),
  PARTIALLY_SHIPPED: seconds.default(7 * days),
  SHIPPED: seconds.default(7 * days),
  DELIVERED: seconds.default(1 * hours),
});
export type ServiceLevels = z.output<typeof ServiceLevelsSchema>;
export type OpenOrderStatus = keyof ServiceLevels;

export const defaultServiceLevels: ServiceLevels = ServiceLevelsSchema.parse({});

/** The statuses an order can still leave, in lifecycle order: exactly those with a service level. */
export const openOrderStatuses = Object.keys(ServiceLevelsSchema.shape) as [OpenOrderStatus, ...OpenOrderStatus[]];

export const isOpenOrderStatus = (status: OrderStatus): status is OpenOrderStatus => !terminalOrderStatuses.includes(status);

/** When an order idle since `since` in `status` breaks its service level. */
export const slaDeadline = (status: OpenOrderStatus, since: string, levels: ServiceLevels): string =>
  new Date(Date.parse(since) + levels[status] * 1000).toISOString();

/** The last moment an order may have changed and still be idle past its service level at `now`. */
export const idleBefore = (status: OpenOrderStatus, now: Date, levels: ServiceLevels): string => new Date(now.getTime() - levels[status] * 1000).toISOString();

/** How far past its service level an order idle since `since` is at `now`; zero or less when it is not stuck. */
export const overdueSeconds = (status: OpenOrderStatus, since: string, now: Date, levels: ServiceLevels): number =>
  Math.floor((now.getTime() - Date.parse(since)) / 1000) - levels[status];

/**
 * When the order entered its current status: a status's service level counts from there. Only a
 * status change moves it, so an order's other writes (shipments, payments) leave its ops-queue
 * index entry alone, which keeps that index from being rewritten on every step of the lifecycle.
 */
export const statusEnteredAt = (order: Pick<Order, 'status' | 'statusHistory' | 'updatedAt'>): string =>
  order.statusHistory.findLast((change) => change.status === order.status)?.at ?? order.updatedAt;
