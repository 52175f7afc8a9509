/**
 * Execution records on disk: one JSON file per execution, replaced atomically (temporary file +
 * rename), so a crash leaves either the previous or the new version, never half a file. Writes are
 * coalesced to one per execution per turn of the event loop: a busy execution appends many events.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface ExecutionRecord {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly stateMachineName: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  /** The definition the execution runs (a redrive runs the same one, as on AWS). */
  readonly definition: string;
  readonly input: string;
  /** Epoch milliseconds. */
  readonly startDate: number;
  status: ExecutionStatus;
  output?: string;
  error?: string;
  cause?: string;
  stopDate?: number;
  redriveCount: number;
  redriveDate?: number;
  /** The top-level state the execution last entered, with its input: where a redrive starts. */
  lastState?: { readonly name: string; readonly input: string };
  readonly history: HistoryEvent[];
}

export class ExecutionStore {
  private readonly pending = new Map<string, ExecutionRecord>();
  private scheduled: NodeJS.Immediate | undefined;
  private closed = false;

  constructor(
    private readonly directory: string | undefined,
    /** A file that cannot be read is skipped, one that cannot be written is retried with the next change. */
    private readonly onError: (problem: 'read' | 'write', file: string, error: unknown) => void,
  ) {}

  /** Every stored record; unreadable files are reported and skipped, not fatal. */
  loadAll(): ExecutionRecord[] {
    if (!this.directory || !existsSync(this.directory)) return [];
    const records: ExecutionRecord[] = [];
    for (const machineDirectory of readdirSync(this.directory, { withFileTypes: true })) {
      if (!machineDirectory.isDirectory()) continue;
      const path = join(this.directory, machineDirectory.name);
      for (const file of readdirSync(path)) {
        if (!file.endsWith('.json')) continue;
        try {
          records.push(JSON.parse(readFileSync(join(path, file), 'utf8')) as ExecutionRecord);
        } catch (error) {
          this.onError('read', join(path, file), error);
        }
      }
    }
    return records;
  }

  save(record: ExecutionRecord): void {
    if (!this.directory || this.closed) return;
    this.pending.set(record.executionArn, record);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  flush(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    const records = [...this.pending.values()];
    this.pending.clear();
    for (const record of records) {
      try {
        this.write(record);
      } catch (error) {
        this.onError('write', record.executionArn, error);
      }
    }
  }

  /** Writes what is pending; later saves are ignored (the owner has shut down). */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private write(record: ExecutionRecord): void {
    if (!this.directory) return;
    const machineDirectory = join(this.directory, encodeURIComponent(record.stateMachineName));
    mkdirSync(machineDirectory, { recursive: true });
    const file = join(machineDirectory, `${encodeURIComponent(record.name)}.json`);
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(record));
    renameSync(temporary, file);
  }
}
