/**
 * The notification function's settings, by environment variable: read once at cold start by the
 * composition root, set by CDK on AWS (infra/aws/constructs/oms-function.ts) and by the local runtime.
 */
import * as z from 'zod';

export const notificationEnvVars = {
  /** `ses-sns` sends for real (AWS); `outbox` writes every message to the sandbox outbox (local runtime). */
  sender: 'NOTIFICATION_SENDER',
  fromAddress: 'NOTIFICATION_FROM_ADDRESS',
  configurationSet: 'NOTIFICATION_SES_CONFIGURATION_SET',
  smsSenderId: 'NOTIFICATION_SMS_SENDER_ID',
  trackingUrlTemplate: 'NOTIFICATION_TRACKING_URL_TEMPLATE',
  /** JSON `{"<channelId>": "<locale>"}`: the language of a channel's customers who come without one. */
  channelLocales: 'NOTIFICATION_CHANNEL_LOCALES',
} as const;

export const notificationSenders = ['ses-sns', 'outbox'] as const;
export type NotificationSenderKind = (typeof notificationSenders)[number];

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const channelLocales = z
  .string()
  .optional()
  .transform((text, context) => {
    if (text === undefined || text === '') return {};
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string(), z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 language tag such as de')));

export const notificationConfigShape = {
  [notificationEnvVars.sender]: z.enum(notificationSenders),
  [notificationEnvVars.fromAddress]: z.email().optional(),
  [notificationEnvVars.configurationSet]: optionalText,
  [notificationEnvVars.smsSenderId]: optionalText,
  [notificationEnvVars.trackingUrlTemplate]: z
    .string()
    .refine((template) => /^https:\/\/[^\s]+$/.test(template) && template.includes('{trackingNumber}'), 'must be an https URL with a {trackingNumber} placeholder')
    .optional(),
  [notificationEnvVars.channelLocales]: channelLocales,
};
