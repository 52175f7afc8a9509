import { lifecycle } from '../../shared/composition/lifecycle-context';
import { OrderStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { applyReviewDefault } from '../../shared/use-cases/lifecycle/review-order';

export const handler = stepHandler(OrderStepInputSchema, (input) => applyReviewDefault(input, lifecycle));
