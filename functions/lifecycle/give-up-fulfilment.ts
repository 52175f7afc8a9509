import { lifecycle } from '../../shared/composition/lifecycle-context';
import { ShipmentStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { giveUpFulfilment } from '../../shared/use-cases/lifecycle/fulfilment-steps';

export const handler = stepHandler(ShipmentStepInputSchema, (input) => giveUpFulfilment(input, lifecycle));
