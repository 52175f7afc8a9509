/**
 * What people did to an order after it was placed (edits, notes, appeasements, escalations,
 * resent messages): one audited list on the order, each entry with the acting user and the reason.
 */
import * as z from 'zod';
import { MoneySchema } from './money';

export const activityTypes = ['EDITED', 'NOTE', 'APPEASEMENT', 'ESCALATED', 'DE_ESCALATED', 'NOTIFICATION_RESENT'] as const;

export const ActivityEntrySchema = z
  .object({
    at: z.iso.datetime(),
    type: z.enum(activityTypes),
    by: z.string().describe('The acting user (customer-service agent, or the channel for edits it sends)'),
    role: z.string().optional().describe('The role the user acted in, for actions with limits per role'),
    reason: z.string(),
    detail: z.string().optional().describe('What changed, in words'),
    amount: MoneySchema.optional().describe('Money moved by the action (appeasements, the re-authorized difference of an edit)'),
    version: z.int().describe('The order version this action produced'),
  })
  .meta({ id: 'ActivityEntry' });
export type ActivityEntry = z.infer<typeof ActivityEntrySchema>;
