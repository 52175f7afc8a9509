import * as z from 'zod';
import { lifecycle } from '../../shared/composition/lifecycle-context';
import { OrderStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { compensateOrder } from '../../shared/use-cases/lifecycle/closing-steps';

const CompensationInputSchema = OrderStepInputSchema.extend({
  outcome: z.enum(['CANCELLED', 'FAILED']),
  error: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});

export const handler = stepHandler(CompensationInputSchema, (input) => compensateOrder(input, lifecycle));
