import { lifecycle } from '../../shared/composition/lifecycle-context';
import { ShipmentStepInputSchema, stepHandler } from '../../shared/handlers/step-handler';
import { requestFulfilment } from '../../shared/use-cases/lifecycle/fulfilment-steps';
import * as z from 'zod';

export const handler = stepHandler(ShipmentStepInputSchema.extend({ taskToken: z.string().min(1) }), (input) => requestFulfilment(input, lifecycle));
