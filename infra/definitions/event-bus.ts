/**
 * The domain event bus, its rules and their targets, declared once: CDK creates the rules, and the
 * local runtime routes events with the same patterns to the same handlers.
 */
import { BackInStock } from '../../shared/events/catalog/stock-events';
import { ShipmentStatusChanged } from '../../shared/events/catalog/order-events';
import { ReturnRequested } from '../../shared/events/catalog/return-events';
import { customerNotificationEvents, notifiedShipmentStatuses } from '../../shared/notifications/customer-notifications';
import type { FunctionDefinition } from './api';
import { warehouseFulfilmentRule } from './warehouses';
import { webhookFanOutRule, webhookRetryRule } from './webhooks';
import { analyticsRule } from './analytics';

export const eventBusName = 'oms-events';

/** An EventBridge event pattern (JSON), as documented by AWS. */
export type EventPattern = Readonly<Record<string, unknown>>;

export interface RetryPolicy {
  /** 0..185, as on AWS. */
  readonly maximumRetryAttempts: number;
  /** 60..86400 seconds, as on AWS. */
  readonly maximumEventAgeSeconds: number;
}

export interface InputTransformer {
  readonly inputPathsMap: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

interface TargetCommon {
  /** Unique within the rule. */
  readonly id: string;
  readonly retryPolicy?: RetryPolicy;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformer;
}

export type RuleTarget =
  | (TargetCommon & { readonly kind: 'function'; readonly function: FunctionDefinition })
  | (TargetCommon & { readonly kind: 'state-machine'; readonly stateMachineName: string })
  /** An API destination: an HTTPS endpoint of a partner or integration. */
  | (TargetCommon & { readonly kind: 'api-destination'; readonly endpointUrl: string; readonly httpMethod: 'POST' | 'PUT' });

/** Runs the targets every `rateMinutes` minutes (a whole number, at least 1) instead of on matching events. */
export interface RuleSchedule {
  readonly rateMinutes: number;
}

interface RuleCommon {
  readonly name: string;
  readonly description: string;
  readonly targets: readonly RuleTarget[];
}

/** A rule of the domain bus: its targets get the events that match the pattern. */
export interface EventPatternRule extends RuleCommon {
  readonly eventPattern: EventPattern;
  readonly schedule?: undefined;
}

/**
 * A scheduled rule: its targets get an AWS "Scheduled Event" at each tick. EventBridge runs schedules
 * only on the account's default bus, so CDK puts it there; the local runtime runs it on a timer.
 */
export interface ScheduledRule extends RuleCommon {
  readonly schedule: RuleSchedule;
  readonly eventPattern?: undefined;
}

export type RuleDefinition = EventPatternRule | ScheduledRule;

/** The EventBridge schedule expression of a schedule, e.g. `rate(5 minutes)`; AWS wants the singular for 1. */
export function scheduleExpression({ rateMinutes }: RuleSchedule): string {
  if (!Number.isInteger(rateMinutes) || rateMinutes < 1) throw new Error(`A schedule's rateMinutes must be a whole number of at least 1, got ${rateMinutes}`);
  return `rate(${rateMinutes} ${rateMinutes === 1 ? 'minute' : 'minutes'})`;
}

/** Gives back the units of reservations whose expiry passed without a consume or release. */
export const releaseExpiredReservationsFunction = {
  name: 'release-expired-reservations',
  entry: 'functions/inventory/release-expired-reservations.ts',
  tables: { inventory: 'readWrite' },
  // A run stops after 1,000 lines; a minute is ample for that even when every one contends.
  timeoutSeconds: 60,
} as const satisfies FunctionDefinition;

export const reservationExpiryRule: ScheduledRule = {
  name: 'release-expired-reservations',
  description: 'Every minute: reservations held past their expiry give their units back',
  schedule: { rateMinutes: 1 },
  targets: [
    {
      id: 'sweeper',
      kind: 'function',
      function: releaseExpiredReservationsFunction,
      // A missed tick is not worth retrying: the next one, a minute later, does the same work.
      retryPolicy: { maximumRetryAttempts: 0, maximumEventAgeSeconds: 60 },
    },
  ],
};

/** Resumes the order-lifecycle executions that wait for a SKU to come back in stock. */
export const resumeBackorderedOrdersFunction = {
  name: 'resume-backordered-orders',
  entry: 'functions/orders/resume-backordered-orders.ts',
  // Restock waits live in the orders table and are removed once answered.
  tables: { orders: 'readWrite' },
  stateMachines: { 'order-lifecycle': ['callback'] },
} as const satisfies FunctionDefinition;

export const backInStockRule: EventPatternRule = {
  name: 'resume-backordered-orders',
  description: 'BackInStock: backordered orders waiting for the SKU try to allocate again',
  eventPattern: { source: [BackInStock.source], 'detail-type': [BackInStock.detailType] },
  targets: [
    {
      id: 'resume-backordered',
      kind: 'function',
      function: resumeBackorderedOrdersFunction,
      // Resuming is safe to repeat (answered tokens are stale and skipped); an hour covers a Lambda outage.
      retryPolicy: { maximumRetryAttempts: 10, maximumEventAgeSeconds: 3600 },
    },
  ],
};

/** Writes to the customer (email, and SMS when a phone is known) about the order events they care about. */
export const sendCustomerNotificationFunction = {
  name: 'send-customer-notification',
  entry: 'functions/notifications/send-customer-notification.ts',
  // Notification records (the dedup claims) and, locally, the sandbox outbox live in the orders table.
  tables: { orders: 'readWrite' },
  notifications: 'send',
  // SES and SNS answer within a second or two; a claim outlives this timeout (claimLeaseMs) by far.
  timeoutSeconds: 30,
} as const satisfies FunctionDefinition;

const notifiedDetailTypes = (source: string) =>
  customerNotificationEvents.filter(({ definition }) => definition.source === source).map(({ definition }) => definition.detailType);

export const customerNotificationRule: EventPatternRule = {
  name: 'send-customer-notifications',
  description: 'Order and return events the customer hears about: confirmation, payment problems, shipping, delivery, pickup, cancellation, failure, returns',
  eventPattern: {
    // Shipment status changes only for the statuses the customer is told about: in-transit scans never invoke the function.
    $or: [
      { source: [ShipmentStatusChanged.source], 'detail-type': notifiedDetailTypes(ShipmentStatusChanged.source).filter((detailType) => detailType !== ShipmentStatusChanged.detailType) },
      { source: [ShipmentStatusChanged.source], 'detail-type': [ShipmentStatusChanged.detailType], detail: { data: { to: [...notifiedShipmentStatuses] } } },
      { source: [ReturnRequested.source], 'detail-type': notifiedDetailTypes(ReturnRequested.source) },
    ],
  },
  targets: [
    {
      id: 'notify-customer',
      kind: 'function',
      function: sendCustomerNotificationFunction,
      // A message still matters hours later; one older than a day is dropped (the use case drops stale events too).
      retryPolicy: { maximumRetryAttempts: 30, maximumEventAgeSeconds: 86_400 },
    },
  ],
};

export const eventRules: readonly RuleDefinition[] = [
  reservationExpiryRule,
  backInStockRule,
  customerNotificationRule,
  warehouseFulfilmentRule,
  webhookFanOutRule,
  webhookRetryRule,
  analyticsRule,
];
