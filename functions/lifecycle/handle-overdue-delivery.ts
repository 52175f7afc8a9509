import { lifecycle } from '../../shared/composition/lifecycle-context';
import { ShipmentStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { handleOverdueDelivery } from '../../shared/use-cases/lifecycle/closing-steps';

export const handler = stepHandler(ShipmentStepInputSchema, (input) => handleOverdueDelivery(input, lifecycle));
