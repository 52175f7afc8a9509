import * as z from 'zod';
import { returns } from '../../shared/composition/return-context';
import { stepHandler } from '../../shared/handlers/step-handler';
import { ReturnStepInputSchema } from '../../shared/use-cases/returns/return-dependencies';
import { awaitReturnReceipt } from '../../shared/use-cases/returns/return-steps';

const WaitInputSchema = ReturnStepInputSchema.extend({ taskToken: z.string().min(1) });

/** Keeps the task token the receiving location's report answers (POST /integrations/returns/receipts). */
export const handler = stepHandler(WaitInputSchema, (input) => awaitReturnReceipt(input, returns));
