/**
 * How a deployment sends customer notifications: the SES sender identity and the optional settings,
 * from CDK context so each stage sets its own (`cdk deploy -c oms:notificationFromAddress=orders@shop.example`).
 * CDK grants a function that declares `notifications: 'send'` exactly this identity and passes the
 * settings in its environment (shared/notifications/notification-config.ts).
 */
export interface NotificationDeployment {
  /** The From address; its address or its domain must be a verified SES identity in the account. */
  readonly fromAddress: string;
  readonly configurationSetName?: string;
  readonly smsSenderId?: string;
  /** The carrier tracking page with `{trackingNumber}` (and optionally `{carrier}`); without it messages carry no link. */
  readonly trackingUrlTemplate?: string;
  /** A language per channel for customers who come without one, e.g. `{"shop-de": "de"}`. */
  readonly channelLocales?: Readonly<Record<string, string>>;
}

export const notificationContextKeys = {
  fromAddress: 'oms:notificationFromAddress',
  configurationSetName: 'oms:notificationConfigurationSet',
  smsSenderId: 'oms:notificationSmsSenderId',
  trackingUrlTemplate: 'oms:trackingUrlTemplate',
  channelLocales: 'oms:notificationChannelLocales',
} as const;

/**
 * Synth works without settings (no account, CI); a deployment that keeps this sender gets every email
 * refused by SES (recorded as FAILED, never retried) until a verified address is configured.
 */
export const placeholderFromAddress = 'notifications@example.com';

/** The deployment's settings from CDK context values (strings; the channel locales as JSON or an object). */
export function notificationDeploymentFrom(context: (key: string) => unknown): NotificationDeployment {
  const text = (key: string) => {
    const value = context(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const locales = context(notificationContextKeys.channelLocales);
  const channelLocales = typeof locales === 'string' ? (JSON.parse(locales) as Record<string, string>) : (locales as Record<string, string> | undefined);
  const configurationSetName = text(notificationContextKeys.configurationSetName);
  const smsSenderId = text(notificationContextKeys.smsSenderId);
  const trackingUrlTemplate = text(notificationContextKeys.trackingUrlTemplate);
  return {
    fromAddress: text(notificationContextKeys.fromAddress) ?? placeholderFromAddress,
    ...(configurationSetName && { configurationSetName }),
    ...(smsSenderId && { smsSenderId }),
    ...(trackingUrlTemplate && { trackingUrlTemplate }),
    ...(channelLocales && { channelLocales }),
  };
}
