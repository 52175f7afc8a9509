/**
 * Customer messages on AWS: email with SES (API v2 SendEmail) and SMS with SNS (Publish to a phone
 * number, transactional).
 *
 * The SDK's own retries are off (one attempt per call): a retry after a timeout can send a message
 * the first attempt already sent, and the use case decides about retries itself. What the adapter
 * reports is whether the provider answered: an answer (an error status) means the message was not
 * taken, so it is NotificationRejectedError; no answer after the request went out leaves it open
 * and the original error is thrown.
 */
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { NotificationRejectedError, type CustomerMessage, type EmailMessage, type NotificationSender, type SentMessage, type SmsMessage } from '../../ports/notification-sender';

export interface SesSnsSettings {
  /** The verified SES identity's address the email comes from, e.g. `orders@shop.example`. */
  readonly fromAddress: string;
  /** An SES configuration set (event publishing, dedicated IPs), when the account uses one. */
  readonly configurationSetName?: string;
  /** Alphanumeric SMS sender id, where the destination country supports one. */
  readonly smsSenderId?: string;
}

/** Errors raised before a request reached the provider: nothing can have been sent. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);
const notSentNames = new Set(['CredentialsProviderError']);

/** SES and SNS refusals that a later attempt may get past: throttling, quotas, a paused account, an outage. */
const retryableNames = new Set(['TooManyRequestsException', 'LimitExceededException', 'SendingPausedException', 'ThrottledException', 'KMSThrottlingException']);

interface SdkError {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/** What an SDK error says about the message: rejected (retryable or not), or unknown (rethrown as is). */
export function classifySendError(error: unknown, provider: string): unknown {
  const sdkError = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  const status = sdkError.$metadata?.httpStatusCode;
  const description = `${provider} did not take the message: ${sdkError.name ?? 'Error'}: ${sdkError.message ?? String(error)}`;
  if (status !== undefined) {
    const retryable = status === 429 || status >= 500 || retryableNames.has(sdkError.name ?? '');
    return new NotificationRejectedError(description, retryable);
  }
  if (notSentCodes.has(sdkError.code ?? '') || notSentNames.has(sdkError.name ?? '')) return new NotificationRejectedError(description, true);
  return error;
}

/** SES tag values allow letters, digits, `_`, `-`, `.`, `@`; anything else becomes `_`. */
const tagValue = (value: string) => value.replace(/[^A-Za-z0-9_.@-]/g, '_').slice(0, 256);

export class SesSnsNotificationSender implements NotificationSender {
  constructor(
    private readonly settings: SesSnsSettings,
    private readonly ses: SESv2Client = new SESv2Client({ maxAttempts: 1 }),
    private readonly sns: SNSClient = new SNSClient({ maxAttempts: 1 }),
  ) {}

  async send(message: CustomerMessage): Promise<SentMessage> {
    return message.channel === 'email' ? this.sendEmail(message) : this.sendSms(message);
  }

  private async sendEmail(message: EmailMessage): Promise<SentMessage> {
    const charset = 'UTF-8';
    try {
      const { MessageId } = await this.ses.send(
        new SendEmailCommand({
          FromEmailAddress: this.settings.fromAddress,
          Destination: { ToAddresses: [message.to] },
          Content: {
            Simple: {
              Subject: { Data: message.subject, Charset: charset },
              Body: { Text: { Data: message.text, Charset: charset }, Html: { Data: message.html, Charset: charset } },
            },
          },
          ...(this.settings.configurationSetName && { ConfigurationSetName: this.settings.configurationSetName }),
          EmailTags: [
            { Name: 'template', Value: tagValue(message.template) },
            { Name: 'orderId', Value: tagValue(message.orderId) },
          ],
        }),
      );
      return { providerMessageId: MessageId ?? 'ses:unknown' };
    } catch (error) {
      throw classifySendError(error, 'SES');
    }
  }

  private async sendSms(message: SmsMessage): Promise<SentMessage> {
    try {
      const { MessageId } = await this.sns.send(
        new PublishCommand({
          PhoneNumber: message.to,
          Message: message.text,
          MessageAttributes: {
            // Transactional: delivered with priority and not blocked by a marketing opt-out window.
            'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
            ...(this.settings.smsSenderId && { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: this.settings.smsSenderId } }),
          },
        }),
      );
      return { providerMessageId: MessageId ?? 'sns:unknown' };
    } catch (error) {
      throw classifySendError(error, 'SNS');
    }
  }
}
