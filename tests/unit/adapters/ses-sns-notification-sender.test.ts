import { MessageRejected, SESv2Client, SendEmailCommand, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { SesSnsNotificationSender, classifySendError } from '../../../shared/adapters/ses-sns/notification-sender';
import { NotificationRejectedError, type EmailMessage, type SmsMessage } from '../../../shared/ports/notification-sender';

const ses = mockClient(SESv2Client);
const sns = mockClient(SNSClient);

afterAll(() => {
  ses.restore();
  sns.restore();
});

beforeEach(() => {
  ses.reset();
  sns.reset();
});

const common = { eventId: 'ord-1:OrderPlaced', orderId: 'ord-1', template: 'order-confirmation', locale: 'de' };
const email: EmailMessage = { ...common, channel: 'email', notificationId: 'ord-1:OrderPlaced#email', to: 'ada@example.com', subject: 'Danke', text: 'Hallo', html: '<p>Hallo</p>' };
const sms: SmsMessage = { ...common, channel: 'sms', notificationId: 'ord-1:OrderPlaced#sms', to: '+4915112345678', text: 'Danke' };

const sender = () =>
  new SesSnsNotificationSender(
    { fromAddress: 'orders@shop.example', configurationSetName: 'oms-transactional', smsSenderId: 'OMSSHOP' },
    new SESv2Client({ region: 'eu-central-1' }),
    new SNSClient({ region: 'eu-central-1' }),
  );

describe('SES and SNS notification sender', () => {
  it('sends the email with SES v2 from the configured sender, text and HTML, tagged with template and order', async () => {
    // Prepare
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-1' });

    // Act
    const sent = await sender().send(email);

    // Assess
    expect(sent).toEqual({ providerMessageId: 'ses-1' });
    expect(ses.commandCalls(SendEmailCommand)[0]?.args[0].input).toEqual({
      FromEmailAddress: 'orders@shop.example',
      Destination: { ToAddresses: ['ada@example.com'] },
      Content: { Simple: { Subject: { Data: 'Danke', Charset: 'UTF-8' }, Body: { Text: { Data: 'Hallo', Charset: 'UTF-8' }, Html: { Data: '<p>Hallo</p>', Charset: 'UTF-8' } } } },
      ConfigurationSetName: 'oms-transactional',
      EmailTags: [
        { Name: 'template', Value: 'order-confirmation' },
        { Name: 'orderId', Value: 'ord-1' },
      ],
    });
  });

  it('sends the SMS as a transactional SNS publish to the phone number', async () => {
    // Prepare
    sns.on(PublishCommand).resolves({ MessageId: 'sns-1' });

    // Act
    const sent = await sender().send(sms);

    // Assess
    expect(sent).toEqual({ providerMessageId: 'sns-1' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+4915112345678',
      Message: 'Danke',
      MessageAttributes: {
        'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
        'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'OMSSHOP' },
      },
    });
  });

  it('reports a refusal as not sent, retryable when throttled, and an error without an answer as it is', async () => {
    // Prepare
    ses
      .on(SendEmailCommand)
      .rejectsOnce(new MessageRejected({ message: 'Email address is not verified.', $metadata: { httpStatusCode: 400 } }))
      .rejectsOnce(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } }));
    const timeout = Object.assign(new Error('Connection timed out after 30000 ms'), { name: 'TimeoutError' });

    // Act
    const refused = await sender().send(email).catch((error: unknown) => error);
    const throttled = await sender().send(email).catch((error: unknown) => error);

    // Assess
    expect(refused).toMatchObject({ name: 'NotificationRejectedError', retryable: false });
    expect(throttled).toMatchObject({ name: 'NotificationRejectedError', retryable: true });
    expect(classifySendError(timeout, 'SES')).toBe(timeout);
    expect(classifySendError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), 'SNS')).toBeInstanceOf(NotificationRejectedError);
  });
});
