import { lifecycle } from '../../shared/composition/lifecycle-context';
import { OrderStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { completeOrder } from '../../shared/use-cases/lifecycle/closing-steps';

export const handler = stepHandler(OrderStepInputSchema, (input) => completeOrder(input, lifecycle));
