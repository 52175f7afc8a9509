/**
 * Composition root of the order lifecycle's functions: configuration read once at cold start, and
 * the production adapters behind every port the lifecycle's use cases take.
 */
import * as z from 'zod';
import { dynamoDbDocumentClient } from '../adapters/dynamodb/document-client';
import { DynamoDbInventoryRepository } from '../adapters/dynamodb/inventory-repository';
import { DynamoDbLifecycleWaits } from '../adapters/dynamodb/lifecycle-waits';
import { DynamoDbOrderRepository } from '../adapters/dynamodb/order-repository';
import { DynamoDbPartnerEventLog } from '../adapters/dynamodb/partner-event-log';
import { DynamoDbSandboxPaymentStore } from '../adapters/dynamodb/sandbox-payment-store';
import { eventBridgeTransport } from '../adapters/eventbridge/eventbridge-transport';
import { SandboxCarrier } from '../adapters/sandbox/sandbox-carrier';
import { SandboxPaymentProvider } from '../adapters/sandbox/sandbox-payment-provider';
import { stepFunctionsOrderWorkflow } from '../adapters/stepfunctions/step-functions-order-workflow';
import { ConfigError, jsonSetting, loadConfig, tableNameSetting } from '../config/load-config';
import type { OrderWorkflow } from '../ports/order-workflow';
import { LifecyclePoliciesSchema } from '../domain/lifecycle/lifecycle-policy';
import { RiskRulesSchema } from '../domain/risk';
import { eventPublisher } from '../events/event-publisher';
import type { LifecycleDependencies } from '../use-cases/lifecycle/lifecycle-dependencies';
import { inventoryAllocation } from '../use-cases/inventory-allocation';

const config = loadConfig({
  ORDERS_TABLE_NAME: tableNameSetting,
  INVENTORY_TABLE_NAME: tableNameSetting,
  EVENT_BUS_NAME: z.string().min(1, 'must name the EventBridge bus'),
  // Set only for functions granted the state machine (CDK sets it with the grant); the others never call it.
  ORDER_LIFECYCLE_STATE_MACHINE_ARN: z.string().startsWith('arn:', 'must be the order-lifecycle state machine ARN').optional(),
  OMS_LIFECYCLE_POLICIES: jsonSetting(LifecyclePoliciesSchema.prefault({})),
  OMS_RISK_RULES: jsonSetting(RiskRulesSchema.prefault({})),
  // Failure modes of the sandbox carrier: the first N label bookings of each shipment fail as an
  // outage would (the step retries), and labels to or from these postal codes are refused.
  OMS_SANDBOX_CARRIER_FAIL_FIRST_LABEL_ATTEMPTS: z.coerce.number().int().min(0).max(10).default(0),
  OMS_SANDBOX_CARRIER_REJECT_POSTAL_CODES: z
    .string()
    .default('')
    .transform((list) => list.split(',').map((code) => code.trim()).filter((code) => code !== '')),
});

/** What a function not granted the lifecycle state machine gets: a clear error instead of an AccessDenied. */
const ungranted = (): never => {
  throw new ConfigError('ORDER_LIFECYCLE_STATE_MACHINE_ARN is not set: this function is not granted the order-lifecycle state machine (see infra/definitions/lifecycle.ts)');
};
const ungrantedWorkflow: OrderWorkflow = { start: ungranted, succeed: ungranted, fail: ungranted, heartbeat: ungranted, history: ungranted };

const documentClient = dynamoDbDocumentClient();
const inventory = new DynamoDbInventoryRepository(documentClient, config.INVENTORY_TABLE_NAME);
const now = () => new Date();

export const lifecycle: LifecycleDependencies = {
  orders: new DynamoDbOrderRepository(documentClient, config.ORDERS_TABLE_NAME),
  inventory,
  allocation: inventoryAllocation({ inventory, now }),
  // The sandbox provider stands in for a PSP on both targets until a real one is configured; its
  // records live in the orders table so every function sees the same authorizations.
  payments: new SandboxPaymentProvider({ store: new DynamoDbSandboxPaymentStore(documentClient, config.ORDERS_TABLE_NAME) }),
  carrier: new SandboxCarrier({
    failFirstLabelAttempts: config.OMS_SANDBOX_CARRIER_FAIL_FIRST_LABEL_ATTEMPTS,
    rejectPostalCodes: config.OMS_SANDBOX_CARRIER_REJECT_POSTAL_CODES,
  }),
  waits: new DynamoDbLifecycleWaits(documentClient, config.ORDERS_TABLE_NAME),
  workflow: config.ORDER_LIFECYCLE_STATE_MACHINE_ARN ? stepFunctionsOrderWorkflow(config.ORDER_LIFECYCLE_STATE_MACHINE_ARN) : ungrantedWorkflow,
  events: eventPublisher(eventBridgeTransport(config.EVENT_BUS_NAME)),
  policies: config.OMS_LIFECYCLE_POLICIES,
  riskRules: config.OMS_RISK_RULES,
  now,
};

export const partnerEvents = new DynamoDbPartnerEventLog(documentClient, config.ORDERS_TABLE_NAME);
