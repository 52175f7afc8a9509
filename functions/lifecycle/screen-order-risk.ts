import { lifecycle } from '../../shared/composition/lifecycle-context';
import { OrderStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { screenOrderRisk } from '../../shared/use-cases/lifecycle/intake-steps';

export const handler = stepHandler(OrderStepInputSchema, (input) => screenOrderRisk(input, lifecycle));
