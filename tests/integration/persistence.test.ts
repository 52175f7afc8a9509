import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../infra/local/dynamodb-local';
import { startLocalRuntime } from '../../infra/local/runtime';
import { placeOrderExample } from '../../shared/contracts/order';

const dataDirectory = mkdtempSync(join(tmpdir(), 'oms-persist-'));
afterAll(() => rmSync(dataDirectory, { recursive: true, force: true }));

describe('local runtime with persistent data (the default)', () => {
  it('keeps orders and the generated demo API key across a restart', async () => {
    // Prepare: a first run, with data on disk and no configured key
    // The handlers' SDK clients outlive a restart in this process, so DynamoDB Local and the AWS
    // endpoint (which stream consumers publish through) keep their ports.
    const dynamoDbPort = await findFreePort();
    const awsPort = await findFreePort();
    const previousKey = process.env.OMS_DEMO_API_KEY;
    delete process.env.OMS_DEMO_API_KEY;
    const first = await startLocalRuntime({ dataDirectory, dynamoDbPort, port: 0, awsPort });
    const created = await fetch(`${first.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': first.demoApiKey },
      body: JSON.stringify(placeOrderExample),
    });
    const order = (await created.json()) as { id: string };
    await first.stop();

    // Act: start again on the same data
    const second = await startLocalRuntime({ dataDirectory, dynamoDbPort, port: 0, awsPort });
    const read = await fetch(`${second.url}/orders/${order.id}`, { headers: { 'x-api-key': second.demoApiKey } });
    await second.stop();
    if (previousKey !== undefined) process.env.OMS_DEMO_API_KEY = previousKey;

    // Assess
    expect(created.status).toBe(201);
    expect(second.demoApiKey).toBe(first.demoApiKey);
    expect(read.status).toBe(200);
  });
});
