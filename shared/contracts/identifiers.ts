import * as z from 'zod';

/** An order line's id as the OMS issues it (`<orderId>-<n>`), wherever a request names a line. */
export const LineIdSchema = z.string().min(1).max(100);
