/** The sourcing engine: pure, no I/O. The caller loads locations, stock and promise dates. */
export { planSourcing } from './plan-sourcing';
export { InvalidSourcingRequest } from './errors';
export { greatCircleDistanceKm } from '../great-circle-distance';
export {
  defaultSourcingPolicy,
  shipmentKinds,
  shortfallPolicies,
  type CostModel,
  type PlannedLine,
  type PlannedShipment,
  type PromiseDates,
  type ShipmentKind,
  type ShortfallLine,
  type ShortfallPolicy,
  type SourcingDestination,
  type SourcingLine,
  type SourcingLocation,
  type SourcingOutcome,
  type SourcingPlan,
  type SourcingPolicy,
  type SourcingRequest,
  type StockAvailability,
} from './types';
