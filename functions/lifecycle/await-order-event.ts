import * as z from 'zod';
import { lifecycle } from '../../shared/composition/lifecycle-context';
import { CallbackStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { awaitOrderEvent } from '../../shared/use-cases/lifecycle/closing-steps';

const WaitInputSchema = CallbackStepInputSchema.extend({ kind: z.enum(['risk-review', 'payment-action', 'restock', 'delivery']), shipmentId: z.string().optional() });

export const handler = stepHandler(WaitInputSchema, (input) => awaitOrderEvent(input, lifecycle));
