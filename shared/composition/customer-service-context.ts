/**
 * Composition root of the customer-service functions: the lifecycle's adapters (orders, payments,
 * events) and the appeasement limits per role, read once (OMS_APPEASEMENT_LIMITS).
 */
import { jsonSetting, loadConfig } from '../config/load-config';
import { AppeasementLimitsSchema } from '../domain/customer-service/customer-service-rules';
import type { OrderCareDependencies } from '../use-cases/customer-service/order-care';
import { lifecycle } from './lifecycle-context';

export { authenticateApiKey } from './channel-authentication';

const config = loadConfig({
  OMS_APPEASEMENT_LIMITS: jsonSetting(AppeasementLimitsSchema.prefault({})),
});

export const orderCare: OrderCareDependencies = { ...lifecycle, appeasementLimits: config.OMS_APPEASEMENT_LIMITS };
