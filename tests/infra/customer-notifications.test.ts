/**
 * The customer notification function as CDK deploys it from the real definitions: its rule, what it
 * may send as whom, and the settings it gets, with the deployment's notification context set.
 */
import { customerServiceFunctions } from '../../infra/definitions/customer-service';
import type { Template } from 'aws-cdk-lib/assertions';
import type { CfnGlobalTable } from 'aws-cdk-lib/aws-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OmsApp } from '../../infra/aws/app';
import { customerNotificationRule, sendCustomerNotificationFunction } from '../../infra/definitions/event-bus';
import { notificationContextKeys } from '../../infra/definitions/notifications';
import { actionsOf, logicalIdOf, omsNagFindings, resourcesOf, statementsOfRole, synthesizeApp, type PolicyStatement } from './test-app';

let oms: OmsApp;
let stateless: Template;
let nagFindings: readonly string[];

beforeAll(() => {
  // Prepare + Act: the deployed app with a stage's notification settings, synthesized once.
  ({ oms, stateless, nagFindings } = synthesizeApp(undefined, {
    [notificationContextKeys.fromAddress]: 'orders@shop.example',
    [notificationContextKeys.configurationSetName]: 'oms-transactional',
    [notificationContextKeys.trackingUrlTemplate]: 'https://track.shop.example/{trackingNumber}',
    [notificationContextKeys.channelLocales]: '{"shop-de":"de"}',
  }));
});

const omsFunction = () => {
  const built = oms.stateless.functions.get(sendCustomerNotificationFunction.name);
  if (!built) throw new Error(`No function ${sendCustomerNotificationFunction.name} in the stateless stack`);
  return built;
};
const statements = () => statementsOfRole(stateless, logicalIdOf(omsFunction().role));
const statementsFor = (action: string) => statements().filter((statement) => actionsOf(statement).includes(action));
const sesIdentityArn = (kind: string, name: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ses:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, `:${kind}/${name}`]],
});

describe('customer notification function', () => {
  it('is the target of the notification rule on the OMS bus, with its retry policy', () => {
    // Act
    const rule = oms.stateless.eventRules.get(customerNotificationRule.name);
    const properties = stateless.toJSON().Resources[logicalIdOf(rule!)].Properties;

    // Assess
    expect(properties.EventPattern).toEqual(customerNotificationRule.eventPattern);
    expect(properties.Targets).toHaveLength(1);
    expect(properties.Targets[0]).toMatchObject({
      Arn: { 'Fn::GetAtt': [logicalIdOf(omsFunction().function), 'Arn'] },
      RetryPolicy: { MaximumRetryAttempts: 30, MaximumEventAgeInSeconds: 86_400 },
    });
  });

  it('may send email only as the configured sender: its address and domain identities and its configuration set', () => {
    // Act
    const [sendEmail, ...others] = statementsFor('ses:SendEmail');

    // Assess
    expect(others).toEqual([]);
    expect(sendEmail).toMatchObject({ Effect: 'Allow', Condition: { StringEquals: { 'ses:FromAddress': 'orders@shop.example' } } });
    expect(actionsOf(sendEmail as PolicyStatement)).toEqual(['ses:SendEmail']);
    expect(resourcesOf(sendEmail as PolicyStatement)).toEqual([
      sesIdentityArn('identity', 'orders@shop.example'),
      sesIdentityArn('identity', 'shop.example'),
      sesIdentityArn('configuration-set', 'oms-transactional'),
    ]);
    expect(statements().flatMap(actionsOf).filter((action) => action.startsWith('ses:'))).toEqual(['ses:SendEmail']);
  });

  it('may publish SMS to phone numbers ("*", which has no ARN) but is denied every SNS topic and endpoint', () => {
    // Act
    const publish = statementsFor('sns:Publish');

    // Assess
    expect(publish.map((statement) => ({ effect: statement.Effect, actions: actionsOf(statement), resources: resourcesOf(statement) }))).toEqual([
      { effect: 'Allow', actions: ['sns:Publish'], resources: ['*'] },
      { effect: 'Deny', actions: ['sns:Publish'], resources: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:*:*:*']] }] },
    ]);
    expect(statements().flatMap(actionsOf).filter((action) => action.startsWith('sns:'))).toEqual(['sns:Publish', 'sns:Publish']);
  });

  it('uses the orders table for its records and gets the SES and SNS sender with the deployment’s settings', () => {
    // Prepare
    const ordersTableId = logicalIdOf(oms.stateful.tables.orders.node.defaultChild as CfnGlobalTable);

    // Act
    const environment = stateless.toJSON().Resources[logicalIdOf(omsFunction().function)].Properties.Environment.Variables;

    // Assess
    expect(environment).toMatchObject({
      NOTIFICATION_SENDER: 'ses-sns',
      NOTIFICATION_FROM_ADDRESS: 'orders@shop.example',
      NOTIFICATION_SES_CONFIGURATION_SET: 'oms-transactional',
      NOTIFICATION_TRACKING_URL_TEMPLATE: 'https://track.shop.example/{trackingNumber}',
      NOTIFICATION_CHANNEL_LOCALES: '{"shop-de":"de"}',
    });
    expect(environment).not.toHaveProperty('NOTIFICATION_SMS_SENDER_ID');
    expect(JSON.stringify(environment.ORDERS_TABLE_NAME)).toContain(ordersTableId);
    expect(Object.keys(environment).filter((name) => name.endsWith('_TABLE_NAME'))).toEqual(['ORDERS_TABLE_NAME']);
  });

  it('gives SES and SNS only to the notification function and customer service\'s resend', () => {
    // Act
    const senders = [...oms.stateless.functions].filter(([, built]) =>
      statementsOfRole(stateless, logicalIdOf(built.role)).some((statement) => actionsOf(statement).some((action) => action.startsWith('ses:') || action.startsWith('sns:'))),
    );

    // Assess
    expect(senders.map(([name]) => name).sort()).toEqual([customerServiceFunctions.resendCustomerNotification.name, sendCustomerNotificationFunction.name].sort());
  });

  it('leaves cdk-nag nothing unacknowledged', () => {
    // Act + Assess
    expect(omsNagFindings(nagFindings)).toEqual([]);
  });
});
