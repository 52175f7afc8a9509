import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeOrderExample } from '../../shared/contracts/order';
import { repositoryRoot } from '../../infra/local/runtime';

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start', () => {
  it('is ready within 10 s, serves orders with the configured demo key, and stops cleanly on SIGTERM', async () => {
    // Prepare
    const apiKey = 'oms_start-test-key-abcdefghijklmnop';
    const child = spawn('node', ['--import', 'tsx', 'infra/local/start.ts', '--in-memory', '--port', '0'], {
      cwd: repositoryRoot,
      env: { ...process.env, OMS_DEMO_API_KEY: apiKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const startedAt = Date.now();

    // Act: wait for the banner
    while (!output.includes('Press Ctrl-C') && Date.now() - startedAt < 15_000 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readyAfterMs = Date.now() - startedAt;
    const url = /API\s+(http:\/\/\S+)/.exec(output)?.[1];
    const printedKey = /API key\s+(\S+)/.exec(output)?.[1];
    // The runtime records its DynamoDB Local (Java) process id, so we can check it is gone afterwards.
    const javaPid = Number(readFileSync(`${repositoryRoot}/.data/run/dynamodb-local-${child.pid}.pid`, 'utf8'));
    const created = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': printedKey ?? '' },
      body: JSON.stringify(placeOrderExample),
    });
    const order = (await created.json()) as { id: string };
    const read = await fetch(`${url}/orders/${order.id}`, { headers: { 'x-api-key': printedKey ?? '' } });
    child.kill('SIGTERM');
    const exitCode = await exited;

    // Assess
    expect(readyAfterMs, output).toBeLessThan(10_000);
    expect(printedKey).toBe(apiKey);
    expect(output).toContain('/openapi.json');
    expect(javaPid).toBeGreaterThan(0);
    expect(isRunning(javaPid)).toBe(false);
    expect(created.status).toBe(201);
    expect(read.status).toBe(200);
    expect(exitCode).toBe(0);
  });
});
