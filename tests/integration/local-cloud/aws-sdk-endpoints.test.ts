import { DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, ListRulesCommand, PutEventsCommand, TestEventPatternCommand } from '@aws-sdk/client-eventbridge';
import { ListExecutionsCommand, ListStateMachinesCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { eventBusName } from '../../../infra/definitions/event-bus';

const clientConfig = (endpoint: string) => ({
  endpoint,
  region: 'eu-central-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

describe('the running local runtime answers the unmodified AWS SDK v3 clients', () => {
  it('Step Functions: lists the registered state machines', async () => {
    const sfn = new SFNClient(clientConfig(inject('awsEndpoint')));
    const { stateMachines } = await sfn.send(new ListStateMachinesCommand({}));
    expect(Array.isArray(stateMachines)).toBe(true);
    const missing = sfn.send(new ListExecutionsCommand({ stateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:nope' }));
    await expect(missing).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    sfn.destroy();
  });

  it('EventBridge: accepts events on the domain bus and tests patterns with the rules matcher', async () => {
    const events = new EventBridgeClient(clientConfig(inject('awsEndpoint')));
    const put = await events.send(
      new PutEventsCommand({ Entries: [{ EventBusName: eventBusName, Source: 'oms.test', DetailType: 'Ping', Detail: '{"n":1}' }] }),
    );
    const matched = await events.send(
      new TestEventPatternCommand({
        EventPattern: JSON.stringify({ source: [{ prefix: 'oms.' }], detail: { n: [{ numeric: ['>', 0] }] } }),
        Event: JSON.stringify({
          id: '1', 'detail-type': 'Ping', source: 'oms.test', account: '000000000000', time: '2026-11-23T00:00:00Z',
          region: 'eu-central-1', resources: [], detail: { n: 1 },
        }),
      }),
    );
    const { Rules } = await events.send(new ListRulesCommand({ EventBusName: eventBusName }));
    events.destroy();

    expect(put.FailedEntryCount).toBe(0);
    expect(put.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(matched.Result).toBe(true);
    expect(Array.isArray(Rules)).toBe(true);
  });

  it('DynamoDB Streams: the orders table has a stream', async () => {
    const streams = new DynamoDBStreamsClient(clientConfig(inject('dynamoDbEndpoint')));
    const { Streams } = await streams.send(new ListStreamsCommand({ TableName: inject('ordersTableName') }));
    streams.destroy();
    expect(Streams?.length).toBeGreaterThan(0);
  });
});
