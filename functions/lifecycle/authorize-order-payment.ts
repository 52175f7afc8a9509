import { lifecycle } from '../../shared/composition/lifecycle-context';
import { OrderStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { authorizeOrderPayment } from '../../shared/use-cases/lifecycle/intake-steps';

export const handler = stepHandler(OrderStepInputSchema, (input) => authorizeOrderPayment(input, lifecycle));
