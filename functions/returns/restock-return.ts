import { returns } from '../../shared/composition/return-context';
import { stepHandler } from '../../shared/handlers/step-handler';
import { ReturnStepInputSchema } from '../../shared/use-cases/returns/return-dependencies';
import { restockReturn } from '../../shared/use-cases/returns/return-steps';

export const handler = stepHandler(ReturnStepInputSchema, (input) => restockReturn(input, returns));
