import { lifecycle } from '../../shared/composition/lifecycle-context';
import { OrderStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { sourceRemainingLines } from '../../shared/use-cases/lifecycle/fulfilment-steps';

export const handler = stepHandler(OrderStepInputSchema, (input) => sourceRemainingLines(input, lifecycle));
