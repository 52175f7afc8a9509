import * as z from 'zod';

/** RFC 9457 problem details, with a machine-readable `code` and the offending fields. */
export const FieldErrorSchema = z
  .object({
    path: z.string().describe('JSON path of the field, e.g. lines[0].quantity; empty for the whole body'),
    code: z.string().describe('Machine-readable reason, e.g. too_small, unrecognized_key, CURRENCY_MISMATCH'),
    message: z.string(),
  })
  .meta({ id: 'FieldError' });
export type FieldError = z.infer<typeof FieldErrorSchema>;

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI identifying the problem type'),
    title: z.string(),
    status: z.int(),
    detail: z.string().optional(),
    code: z.string().describe('Stable machine-readable error code'),
    instance: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof ProblemSchema>;
