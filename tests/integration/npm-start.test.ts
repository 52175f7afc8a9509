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

function startCli(env: Record<string, string> = {}) {
  const child = spawn('node', ['--import', 'tsx', 'infra/local/start.ts', '--in-memory', '--port', '0', '--aws-port', '0'], {
    cwd: repositoryRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = async () => {
    const startedAt = Date.now();
    while (!output.includes('Press Ctrl-C') && Date.now() - startedAt < 15_000 && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return Date.now() - startedAt;
  };
  // The runtime records its DynamoDB Local (Java) process id, so a test can check it is gone afterwards.
  const javaPid = () => Number(readFileSync(`${repositoryRoot}/.data/run/dynamodb-local-${child.pid}.pid`, 'utf8'));
  return { child, exited, ready, javaPid, output: () => output };
}

describe('npm start', () => {
  it('is ready within 10 s, serves orders with the configured demo key, and stops cleanly on SIGTERM', async () => {
    // Prepare
    const apiKey = 'oms_start-test-key-abcdefghijklmnop';
    const cli = startCli({ OMS_DEMO_API_KEY: apiKey });

    // Act: wait for the banner, then use what it printed
    const readyAfterMs = await cli.ready();
    const output = cli.output();
    const url = /API\s+(http:\/\/\S+)/.exec(output)?.[1];
    const printedKey = /API key\s+(\S+)/.exec(output)?.[1];
    const javaPid = cli.javaPid();
    const created = await fetch(`${url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': printedKey ?? '' },
      body: JSON.stringify(placeOrderExample),
    });
    const order = (await created.json()) as { id: string };
    const read = await fetch(`${url}/orders/${order.id}`, { headers: { 'x-api-key': printedKey ?? '' } });
    cli.child.kill('SIGTERM');
    const exitCode = await cli.exited;

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

  it('cleans up the Java process a hard-killed run left behind, on the next start', async () => {
    // Prepare: a run killed with SIGKILL cannot stop DynamoDB Local itself
    const crashed = startCli();
    await crashed.ready();
    const orphanedJavaPid = crashed.javaPid();
    crashed.child.kill('SIGKILL');
    await crashed.exited;
    const orphanAliveAfterCrash = isRunning(orphanedJavaPid);

    // Act
    const next = startCli();
    await next.ready();
    const orphanAliveAfterNextStart = isRunning(orphanedJavaPid);
    next.child.kill('SIGTERM');
    await next.exited;

    // Assess
    expect(orphanAliveAfterCrash).toBe(true);
    expect(orphanAliveAfterNextStart).toBe(false);
  });
});
