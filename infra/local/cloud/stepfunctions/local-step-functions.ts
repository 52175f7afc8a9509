/**
 * Local Step Functions: the control plane (executions, names, history, task tokens, redrive,
 * persistence) around aws-local-stepfunctions, which interprets the ASL. Every Task and Wait state
 * runs through this engine's handlers, which is where service integrations, `.waitForTaskToken`,
 * `.sync`, heartbeats, timeouts and the time scale come from. What is and is not covered is listed
 * in README.md next to this file.
 */
import { randomUUID } from 'node:crypto';
import { ExecutionError, type StateMachine } from 'aws-local-stepfunctions';
import { AwsServiceError } from '../aws-json-server';
import { executionArn as buildExecutionArn, invalidNameReason, localRoleArn, parseExecutionArn, parseStateMachineArn, stateMachineArn as buildStateMachineArn, toFunctionArn } from './arns';
import { longestTimerSeconds, prepareDefinition, readReferencePath, taskTokenPlaceholder, type DurationPathsInput, type JsonObject, type PreparedDefinition, type StateInfo, type TaskResource } from './asl';
import { ExecutionStore, type ExecutionRecord, type ExecutionStatus, type HistoryEvent } from './execution-store';
import { createTaskToken, maximumTaskTokenLength, readTaskToken } from './task-token';

export type { ExecutionStatus, HistoryEvent } from './execution-store';

/** An entry of EventBridge PutEvents, as the events:putEvents integration sends it (Detail as a string). */
export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly EventBusName?: string;
  readonly Resources?: readonly string[];
  readonly Time?: string;
  readonly TraceHeader?: string;
}

/** Receives one JSON document per line. */
export interface StepFunctionsLogger {
  debug(line: string): void;
  info(line: string): void;
  warn(line: string): void;
  error(line: string): void;
}

export interface LocalStepFunctionsOptions {
  /**
   * Invokes a Lambda function by ARN with a JSON payload. Resolves with the function's result;
   * rejects with the function's error, whose `name` is the Lambda errorType (Retry/Catch match it).
   */
  readonly invokeFunction: (functionArn: string, payload: unknown) => Promise<unknown>;
  /** Puts events on EventBridge; needed by state machines with events:putEvents tasks. */
  readonly putEvents?: (entries: PutEventsEntry[]) => Promise<unknown>;
  /** Where executions and their history are kept across restarts; in memory only when absent. */
  readonly storageDirectory?: string;
  /**
   * Multiplies every duration the definition states: Wait, Retry intervals (and MaxDelaySeconds),
   * Task TimeoutSeconds and HeartbeatSeconds, and the execution's TimeoutSeconds. 1 is AWS time;
   * 0.01 makes a 5-minute wait take 3 s. The definition is never changed.
   */
  readonly timeScale?: number;
  readonly region?: string;
  /** Default: console. */
  readonly logger?: StepFunctionsLogger;
  /**
   * Validate definitions with asl-validator at registration (default). It costs ~0.1 s per
   * definition; tests with many small inline definitions may turn it off. The engine's own checks
   * (unsupported resources and features) always run.
   */
  readonly validateDefinitions?: boolean;
}

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly input: string;
  readonly inputDetails: { readonly included: boolean };
  readonly output?: string;
  readonly outputDetails?: { readonly included: boolean };
  readonly error?: string;
  readonly cause?: string;
  readonly redriveCount: number;
  readonly redriveDate?: Date;
  readonly redriveStatus: 'REDRIVABLE' | 'NOT_REDRIVABLE';
  readonly redriveStatusReason?: string;
}

export type ExecutionListItem = Pick<ExecutionDescription, 'executionArn' | 'stateMachineArn' | 'name' | 'status' | 'startDate' | 'stopDate'> &
  Partial<Pick<ExecutionDescription, 'redriveCount' | 'redriveDate'>>;

export type HistoryEventOutput = Omit<HistoryEvent, 'timestamp'> & { readonly timestamp: Date };

export interface StateMachineDescription {
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: 'ACTIVE';
  readonly definition: string;
  readonly roleArn: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly creationDate: Date;
  readonly loggingConfiguration: { readonly level: 'OFF'; readonly includeExecutionData: boolean };
  readonly tracingConfiguration: { readonly enabled: boolean };
}

/** An execution that was running when the previous process ended, now FAILED and redrivable. */
export interface StrandedExecution {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly startDate: Date;
  /** The top-level state it was in: where RedriveExecution resumes. */
  readonly lastState?: string;
}

export const interruptedByRestartError = 'States.Runtime';
export const interruptedByRestartCause = 'interrupted by a local runtime restart';

/**
 * An error a Task state fails with: `name` is the ASL error name Retry and Catch match, `message`
 * the cause. The interpreter reads isRetryable/isCatchable, so States.Runtime-style errors opt out.
 */
export class TaskError extends Error {
  constructor(
    error: string,
    cause: string,
    private readonly recoverable = true,
  ) {
    super(cause);
    this.name = error;
  }

  get isRetryable(): boolean {
    return this.recoverable;
  }

  get isCatchable(): boolean {
    return this.recoverable;
  }
}

interface RegisteredMachine {
  readonly arn: string;
  readonly name: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly definition: string;
  readonly creationDate: number;
}

interface TaskAttempt {
  readonly live: LiveExecution;
  readonly state: StateInfo;
  /** Whether the interpreter event that started this attempt has been recorded yet. */
  linked: boolean;
  ended: boolean;
  readonly buffered: { type: string; details: JsonObject | undefined; timestamp: number }[];
  readonly timers: NodeJS.Timeout[];
  token?: string;
  childExecutionArn?: string;
}

interface TokenEntry {
  readonly attempt: TaskAttempt;
  readonly resolve: (output: unknown) => void;
  readonly reject: (error: TaskError) => void;
  heartbeat?: () => void;
  heartbeatTimer?: NodeJS.Timeout;
}

/** One run of an execution (the first, or a redrive) and what it holds while running. */
interface LiveExecution {
  readonly record: ExecutionRecord;
  readonly prepared: PreparedDefinition;
  readonly context: JsonObject;
  /** Wait states' timers. */
  readonly timers: Set<NodeJS.Timeout>;
  /** Ended, or the engine closed: nothing more is recorded for this run. */
  finished: boolean;
  /** A redrive started a newer run of the same execution. */
  superseded: boolean;
  abortInterpreter?: () => void;
  timeoutTimer?: NodeJS.Timeout;
  /** Attempts whose starting interpreter event has not been recorded, per state, oldest first. */
  readonly unlinked: Map<string, TaskAttempt[]>;
  readonly active: Set<TaskAttempt>;
  /** Map/Parallel states whose error a Catch handled: their exit is not a success. */
  readonly caught: Set<string>;
  /** Executions started with `.sync`, stopped when this one is stopped or times out. */
  readonly children: Set<string>;
}

type InterpreterRun = ReturnType<StateMachine['run']>;
type InterpreterEvent = InterpreterRun['eventLogs'] extends AsyncGenerator<infer Event> ? Event : never;

const maximumPayloadBytes = 262_144;
const json = (value: unknown) => JSON.stringify(value ?? null);
const dataDetails = { truncated: false } as const;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const toDate = (epochMilliseconds: number | undefined) => (epochMilliseconds === undefined ? undefined : new Date(epochMilliseconds));
const redrivableStatuses: readonly ExecutionStatus[] = ['FAILED', 'TIMED_OUT', 'ABORTED'];

/** The AWS history details key of an event type: TaskStateEntered → stateEnteredEventDetails. */
function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type.charAt(0).toLowerCase()}${type.slice(1)}EventDetails`;
}

/** Each attempt gets its own token: the placeholder `$$.Task.Token` evaluated to is replaced. */
function withTaskToken(value: unknown, token: string): unknown {
  if (typeof value === 'string') return value.includes(taskTokenPlaceholder) ? value.replaceAll(taskTokenPlaceholder, token) : value;
  if (Array.isArray(value)) return value.map((item) => withTaskToken(item, token));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withTaskToken(item, token)]));
  return value;
}

/** What Lambda reports for a function error: the Node.js runtime's error payload as the cause. */
function lambdaFailure(error: unknown): TaskError {
  const errorType = error instanceof Error ? error.name : 'Error';
  const errorMessage = error instanceof Error ? error.message : String(error);
  const trace = error instanceof Error && error.stack ? error.stack.split('\n') : [];
  return new TaskError(errorType, JSON.stringify({ errorType, errorMessage, trace }));
}

function paginate<T>(items: readonly T[], maxResults: number | undefined, nextToken: string | undefined): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (nextToken !== undefined) {
    try {
      offset = (JSON.parse(Buffer.from(nextToken, 'base64url').toString('utf8')) as { offset: number }).offset;
    } catch {
      throw new AwsServiceError('InvalidToken', `Invalid Token: '${nextToken}'`);
    }
    if (!Number.isInteger(offset) || offset < 0) throw new AwsServiceError('InvalidToken', `Invalid Token: '${nextToken}'`);
  }
  const size = maxResults === undefined || maxResults === 0 ? 100 : maxResults;
  if (!Number.isInteger(size) || size < 0 || size > 1000) throw new AwsServiceError('ValidationException', 'maxResults must be between 0 and 1000');
  const page = items.slice(offset, offset + size);
  const next = offset + size < items.length ? Buffer.from(JSON.stringify({ offset: offset + size })).toString('base64url') : undefined;
  return { page, ...(next && { nextToken: next }) };
}

export class LocalStepFunctions {
  readonly region: string;
  readonly timeScale: number;
  private readonly options: LocalStepFunctionsOptions;
  private readonly logger: StepFunctionsLogger;
  private readonly store: ExecutionStore;
  private readonly machines = new Map<string, RegisteredMachine>();
  private readonly prepared = new Map<string, PreparedDefinition>();
  private readonly records = new Map<string, ExecutionRecord>();
  /** The latest run of each execution that ran in this process. */
  private readonly live = new Map<string, LiveExecution>();
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly waiters = new Map<string, ((description: ExecutionDescription) => void)[]>();
  private readonly stranded: StrandedExecution[] = [];
  private closed = false;

  constructor(options: LocalStepFunctionsOptions) {
    const timeScale = options.timeScale ?? 1;
    if (!(timeScale > 0)) throw new Error('timeScale must be a positive number');
    this.options = options;
    this.timeScale = timeScale;
    this.region = options.region ?? process.env.AWS_REGION ?? 'eu-central-1';
    this.logger = options.logger ?? console;
    this.store = new ExecutionStore(options.storageDirectory, (problem, file, error) => this.log(problem === 'read' ? 'warn' : 'error', problem === 'read' ? 'unreadable execution record skipped' : 'could not write execution record', undefined, { file, error: (error as Error).message }));
    const loaded = this.store.loadAll().sort((a, b) => a.startDate - b.startDate);
    for (const record of loaded) {
      this.records.set(record.executionArn, record);
      if (record.status === 'RUNNING') this.strand(record);
    }
    this.store.flush();
  }

  // ---- State machines ------------------------------------------------------------------------

  /** CreateStateMachine: the same name and definition again is a no-op, another definition an error. */
  registerStateMachine({
    name,
    definition,
    type = 'STANDARD',
  }: {
    name: string;
    definition: JsonObject | string;
    type?: 'STANDARD' | 'EXPRESS';
  }): { stateMachineArn: string; creationDate: Date } {
    const invalid = invalidNameReason(name);
    if (invalid) throw new AwsServiceError('InvalidName', invalid);
    const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
    const arn = buildStateMachineArn(this.region, name);
    const existing = this.machines.get(arn);
    if (existing) {
      if (existing.definition === text && existing.type === type) return { stateMachineArn: arn, creationDate: new Date(existing.creationDate) };
      throw new AwsServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`);
    }
    const prepared = this.prepare(text);
    const usesPutEvents = prepared.handledStates.some((state) => state.resource?.kind === 'integration' && state.resource.service === 'events');
    if (usesPutEvents && !this.options.putEvents) throw new AwsServiceError('InvalidDefinition', `${name} has events:putEvents tasks but no putEvents was given to LocalStepFunctions`);
    const creationDate = Date.now();
    this.machines.set(arn, { arn, name, type, definition: text, creationDate });
    return { stateMachineArn: arn, creationDate: new Date(creationDate) };
  }

  listStateMachines({ maxResults, nextToken }: { maxResults?: number; nextToken?: string } = {}) {
    const { page, nextToken: next } = paginate([...this.machines.values()], maxResults, nextToken);
    return {
      stateMachines: page.map((machine) => ({ stateMachineArn: machine.arn, name: machine.name, type: machine.type, creationDate: new Date(machine.creationDate) })),
      ...(next && { nextToken: next }),
    };
  }

  describeStateMachine({ stateMachineArn }: { stateMachineArn: string }): StateMachineDescription {
    const machine = this.requireMachine(stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: 'ACTIVE',
      definition: machine.definition,
      roleArn: localRoleArn(machine.name),
      type: machine.type,
      creationDate: new Date(machine.creationDate),
      loggingConfiguration: { level: 'OFF', includeExecutionData: false },
      tracingConfiguration: { enabled: false },
    };
  }

  // ---- Executions ----------------------------------------------------------------------------

  startExecution({ stateMachineArn, name, input }: { stateMachineArn: string; name?: string; input?: string }): { executionArn: string; startDate: Date } {
    if (this.closed) throw new AwsServiceError('ServiceUnavailable', 'The local Step Functions engine is shut down', 503);
    const machine = this.requireMachine(stateMachineArn);
    const executionName = name ?? randomUUID();
    const invalid = invalidNameReason(executionName);
    if (invalid) throw new AwsServiceError('InvalidName', invalid);
    const inputText = input ?? '{}';
    if (Buffer.byteLength(inputText) > maximumPayloadBytes) throw new AwsServiceError('InvalidExecutionInput', `Input exceeds ${maximumPayloadBytes} bytes`);
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(inputText);
    } catch (error) {
      throw new AwsServiceError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${(error as Error).message}'`);
    }
    const arn = buildExecutionArn(this.region, machine.name, executionName);
    const existing = this.records.get(arn);
    if (existing) {
      // AWS: a repeated StartExecution with the same name and input returns the same execution.
      if (json(JSON.parse(existing.input)) === json(parsedInput)) return { executionArn: arn, startDate: new Date(existing.startDate) };
      throw new AwsServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`);
    }
    const startDate = Date.now();
    const record: ExecutionRecord = {
      executionArn: arn,
      stateMachineArn: machine.arn,
      stateMachineName: machine.name,
      name: executionName,
      type: machine.type,
      definition: machine.definition,
      input: inputText,
      startDate,
      status: 'RUNNING',
      redriveCount: 0,
      history: [],
    };
    this.records.set(arn, record);
    const live = this.createLive(record);
    this.append(live, 'ExecutionStarted', { input: inputText, inputDetails: dataDetails, roleArn: localRoleArn(machine.name) });
    this.log('info', 'execution started', live);
    // Like AWS, StartExecution answers before the first state runs.
    setImmediate(() => this.launch(live, parsedInput));
    return { executionArn: arn, startDate: new Date(startDate) };
  }

  describeExecution({ executionArn }: { executionArn: string }): ExecutionDescription {
    const record = this.requireExecution(executionArn);
    const redrivable = this.redriveBlocker(record);
    return {
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      status: record.status,
      startDate: new Date(record.startDate),
      ...(record.stopDate !== undefined && { stopDate: new Date(record.stopDate) }),
      input: record.input,
      inputDetails: { included: true },
      ...(record.output !== undefined && { output: record.output, outputDetails: { included: true } }),
      ...(record.error !== undefined && { error: record.error }),
      ...(record.cause !== undefined && { cause: record.cause }),
      redriveCount: record.redriveCount,
      ...(record.redriveDate !== undefined && { redriveDate: new Date(record.redriveDate) }),
      redriveStatus: redrivable ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
      ...(redrivable && { redriveStatusReason: redrivable }),
    };
  }

  /** Newest first, as on AWS. */
  listExecutions({
    stateMachineArn,
    statusFilter,
    redriveFilter,
    maxResults,
    nextToken,
  }: {
    stateMachineArn: string;
    statusFilter?: ExecutionStatus;
    redriveFilter?: 'REDRIVEN' | 'NOT_REDRIVEN';
    maxResults?: number;
    nextToken?: string;
  }): { executions: ExecutionListItem[]; nextToken?: string } {
    const all = [...this.records.values()].filter((record) => record.stateMachineArn === stateMachineArn);
    if (all.length === 0) this.requireMachine(stateMachineArn);
    const matching = all
      .map((record, index) => ({ record, index }))
      .filter(({ record }) => !statusFilter || record.status === statusFilter)
      .filter(({ record }) => !redriveFilter || (redriveFilter === 'REDRIVEN') === record.redriveCount > 0)
      .sort((a, b) => b.record.startDate - a.record.startDate || b.index - a.index)
      .map(({ record }) => record);
    const { page, nextToken: next } = paginate(matching, maxResults, nextToken);
    return {
      executions: page.map((record) => ({
        executionArn: record.executionArn,
        stateMachineArn: record.stateMachineArn,
        name: record.name,
        status: record.status,
        startDate: new Date(record.startDate),
        ...(record.stopDate !== undefined && { stopDate: new Date(record.stopDate) }),
        ...(record.redriveCount > 0 && { redriveCount: record.redriveCount, redriveDate: toDate(record.redriveDate) }),
      })),
      ...(next && { nextToken: next }),
    };
  }

  getExecutionHistory({
    executionArn,
    reverseOrder = false,
    maxResults,
    nextToken,
    includeExecutionData = true,
  }: {
    executionArn: string;
    reverseOrder?: boolean;
    maxResults?: number;
    nextToken?: string;
    includeExecutionData?: boolean;
  }): { events: HistoryEventOutput[]; nextToken?: string } {
    const record = this.requireExecution(executionArn);
    const ordered = reverseOrder ? [...record.history].reverse() : record.history;
    const { page, nextToken: next } = paginate(ordered, maxResults, nextToken);
    const withoutData = (event: HistoryEvent): HistoryEvent => {
      if (includeExecutionData) return event;
      return Object.fromEntries(
        Object.entries(event).map(([key, value]) => [
          key,
          isObject(value) ? Object.fromEntries(Object.entries(value).filter(([field]) => !['input', 'output', 'parameters'].includes(field))) : value,
        ]),
      ) as HistoryEvent;
    };
    return {
      events: page.map((event) => ({ ...withoutData(event), timestamp: new Date(event.timestamp) })),
      ...(next && { nextToken: next }),
    };
  }

  stopExecution({ executionArn, error, cause }: { executionArn: string; error?: string; cause?: string }): { stopDate: Date } {
    const record = this.requireExecution(executionArn);
    const live = this.live.get(executionArn);
    if (record.status === 'RUNNING' && live && !live.finished) this.finish(live, 'ABORTED', { ...(error !== undefined && { error }), ...(cause !== undefined && { cause }) });
    return { stopDate: new Date(record.stopDate ?? Date.now()) };
  }

  /**
   * Re-runs a FAILED, TIMED_OUT or ABORTED execution from the top-level state it was in, with that
   * state's recorded input. A Map or Parallel state runs again as a whole (every iteration/branch).
   */
  redriveExecution({ executionArn }: { executionArn: string }): { redriveDate: Date } {
    if (this.closed) throw new AwsServiceError('ServiceUnavailable', 'The local Step Functions engine is shut down', 503);
    const record = this.requireExecution(executionArn);
    const blocker = this.redriveBlocker(record);
    if (blocker || !record.lastState) throw new AwsServiceError('ExecutionNotRedrivable', blocker ?? 'Execution cannot be redriven');
    const previous = this.live.get(executionArn);
    if (previous) previous.superseded = true;
    record.redriveCount += 1;
    record.redriveDate = Date.now();
    record.status = 'RUNNING';
    for (const field of ['stopDate', 'output', 'error', 'cause'] as const) delete record[field];
    const live = this.createLive(record);
    this.append(live, 'ExecutionRedriven', { redriveCount: record.redriveCount });
    this.log('info', 'execution redriven', live, { state: record.lastState.name, redriveCount: record.redriveCount });
    const { name, input } = record.lastState;
    setImmediate(() => this.launch(live, JSON.parse(input), name));
    return { redriveDate: new Date(record.redriveDate) };
  }

  /** Resolves when the execution has ended (at once if it has). */
  waitForExecution(executionArn: string): Promise<ExecutionDescription> {
    const record = this.requireExecution(executionArn);
    if (record.status !== 'RUNNING') return Promise.resolve(this.describeExecution({ executionArn }));
    return new Promise((resolve) => {
      const waiting = this.waiters.get(executionArn) ?? [];
      waiting.push(resolve);
      this.waiters.set(executionArn, waiting);
    });
  }

  /** Executions found RUNNING when this engine loaded its storage: the previous process died mid-run. */
  strandedExecutions(): readonly StrandedExecution[] {
    return this.stranded;
  }

  // ---- Task tokens ---------------------------------------------------------------------------

  sendTaskSuccess({ taskToken, output }: { taskToken: string; output: string }): Record<string, never> {
    const entry = this.requireToken(taskToken);
    let parsed: unknown;
    try {
      parsed = JSON.parse(output);
    } catch (error) {
      throw new AwsServiceError('InvalidOutput', `Invalid Output: '${(error as Error).message}'`);
    }
    if (Buffer.byteLength(output) > maximumPayloadBytes) throw new AwsServiceError('InvalidOutput', `Output exceeds ${maximumPayloadBytes} bytes`);
    this.releaseToken(taskToken);
    entry.resolve(parsed);
    return {};
  }

  sendTaskFailure({ taskToken, error, cause }: { taskToken: string; error?: string; cause?: string }): Record<string, never> {
    const entry = this.requireToken(taskToken);
    this.releaseToken(taskToken);
    entry.reject(new TaskError(error ?? '', cause ?? ''));
    return {};
  }

  sendTaskHeartbeat({ taskToken }: { taskToken: string }): Record<string, never> {
    this.requireToken(taskToken).heartbeat?.();
    return {};
  }

  /**
   * Stops timers and in-flight work and writes pending records. Running executions stay RUNNING on
   * disk, so the next engine on the same storage reports them as stranded.
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const live of this.live.values()) {
      if (live.finished) continue;
      live.finished = true;
      this.releaseRun(live);
      live.abortInterpreter?.();
    }
    this.store.close();
  }

  // ---- Running -------------------------------------------------------------------------------

  private prepare(definition: string): PreparedDefinition {
    let prepared = this.prepared.get(definition);
    if (!prepared) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(definition);
      } catch (error) {
        throw new AwsServiceError('InvalidDefinition', `Invalid State Machine Definition: '${(error as Error).message}'`);
      }
      if (!isObject(parsed)) throw new AwsServiceError('InvalidDefinition', 'Invalid State Machine Definition: not a JSON object');
      try {
        prepared = prepareDefinition(parsed, this.timeScale, { validateSchema: this.options.validateDefinitions ?? true });
      } catch (error) {
        throw new AwsServiceError('InvalidDefinition', (error as Error).message);
      }
      this.prepared.set(definition, prepared);
    }
    return prepared;
  }

  private createLive(record: ExecutionRecord): LiveExecution {
    const prepared = this.prepare(record.definition);
    const input = JSON.parse(record.input) as unknown;
    const startTime = new Date(record.startDate).toISOString();
    const live: LiveExecution = {
      record,
      prepared,
      // The context object; asl.ts points `$$.Execution.Input`/`StartTime`/`$$.State.Name` at the Local* fields.
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          Input: input,
          StartTime: startTime,
          RoleArn: localRoleArn(record.stateMachineName),
          RedriveCount: record.redriveCount,
          LocalInput: input,
          LocalStartTime: startTime,
        },
        StateMachine: { Id: record.stateMachineArn, Name: record.stateMachineName },
        State: {
          // Read while the state's paths are evaluated, i.e. as the state is entered.
          get EnteredTime() {
            return new Date().toISOString();
          },
        },
        Task: { Token: taskTokenPlaceholder },
        LocalStateNames: prepared.stateNamesById,
      },
      timers: new Set(),
      finished: false,
      superseded: false,
      unlinked: new Map(),
      active: new Set(),
      caught: new Set(),
      children: new Set(),
    };
    this.live.set(record.executionArn, live);
    return live;
  }

  private launch(live: LiveExecution, input: unknown, startAt?: string): void {
    if (live.finished) return;
    const handlers = Object.fromEntries(live.prepared.handledStates.map((state) => [state.name, this.stateHandler(live, state)]));
    const run = live.prepared.interpreter(startAt).run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers as never },
      noThrowOnAbort: true,
      context: live.context as never,
    });
    live.abortInterpreter = run.abort;
    const consumed = (async () => {
      for await (const event of run.eventLogs) this.onInterpreterEvent(live, event);
    })().catch((error: unknown) => this.log('error', 'could not record an interpreter event', live, { error: String(error) }));
    const timeoutSeconds = live.prepared.timeoutSeconds;
    if (timeoutSeconds !== undefined) {
      live.timeoutTimer = setTimeout(
        () => this.finish(live, 'TIMED_OUT', { error: 'States.Timeout', cause: `The execution exceeded its TimeoutSeconds of ${timeoutSeconds}` }),
        Math.min(timeoutSeconds * this.timeScale * 1000, longestTimerSeconds * 1000),
      );
    }
    run.result.then(
      async (output) => {
        await consumed;
        this.finish(live, 'SUCCEEDED', { output: json(output) });
      },
      async (error: unknown) => {
        await consumed;
        const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : (error as Error);
        // The interpreter names a Fail state without Error/Cause "FailStateError"; AWS leaves them empty.
        const isBareFailState = failure.name === 'FailStateError';
        this.finish(live, 'FAILED', {
          ...(!isBareFailState && { error: failure.name }),
          ...(!(isBareFailState && failure.message === 'Execution failed because of a Fail state') && { cause: failure.message }),
        });
      },
    ).catch((error: unknown) => this.log('error', 'could not record the end of the execution', live, { error: String(error) }));
  }

  private finish(live: LiveExecution, status: Exclude<ExecutionStatus, 'RUNNING'>, result: { output?: string; error?: string; cause?: string }): void {
    if (live.finished) return;
    live.finished = true;
    const { record } = live;
    // Attempts whose start the interpreter had not yet reported still happened: keep their events.
    for (const attempts of live.unlinked.values()) for (const attempt of [...attempts]) this.link(attempt);
    this.releaseRun(live);
    if (status === 'ABORTED' || status === 'TIMED_OUT') {
      live.abortInterpreter?.();
      for (const child of live.children) {
        if (this.records.get(child)?.status === 'RUNNING') this.stopExecution({ executionArn: child, error: 'States.Aborted', cause: `Parent execution ${record.executionArn} ended with ${status}` });
      }
    }
    record.status = status;
    record.stopDate = Date.now();
    if (result.output !== undefined) record.output = result.output;
    if (result.error !== undefined) record.error = result.error;
    if (result.cause !== undefined) record.cause = result.cause;
    const terminalEvent = { SUCCEEDED: 'ExecutionSucceeded', FAILED: 'ExecutionFailed', TIMED_OUT: 'ExecutionTimedOut', ABORTED: 'ExecutionAborted' }[status];
    this.push(record, terminalEvent, status === 'SUCCEEDED' ? { output: result.output, outputDetails: dataDetails } : { error: result.error, cause: result.cause });
    this.store.save(record);
    this.store.flush();
    this.log(status === 'SUCCEEDED' ? 'info' : 'warn', `execution ${status.toLowerCase().replace('_', ' ')}`, live, {
      ...(result.error !== undefined && { error: result.error }),
      ...(result.cause !== undefined && { cause: result.cause }),
    });
    const waiting = this.waiters.get(record.executionArn) ?? [];
    this.waiters.delete(record.executionArn);
    const description = this.describeExecution({ executionArn: record.executionArn });
    for (const resolve of waiting) resolve(description);
  }

  /** Stops everything the run holds: its timers, sleeps and the tasks still waiting. */
  private releaseRun(live: LiveExecution): void {
    clearTimeout(live.timeoutTimer);
    for (const timer of live.timers) clearTimeout(timer);
    live.timers.clear();
    for (const attempt of [...live.active]) this.abandonAttempt(attempt);
  }

  private strand(record: ExecutionRecord): void {
    record.status = 'FAILED';
    record.stopDate = Date.now();
    record.error = interruptedByRestartError;
    record.cause = interruptedByRestartCause;
    this.push(record, 'ExecutionFailed', { error: record.error, cause: record.cause });
    this.store.save(record);
    this.stranded.push({
      executionArn: record.executionArn,
      stateMachineArn: record.stateMachineArn,
      name: record.name,
      startDate: new Date(record.startDate),
      ...(record.lastState && { lastState: record.lastState.name }),
    });
    this.log('warn', `execution ${interruptedByRestartCause}; marked FAILED, RedriveExecution resumes it${record.lastState ? ` from ${record.lastState.name}` : ''}`, { record }, {
      ...(record.lastState && { state: record.lastState.name }),
    });
  }

  private redriveBlocker(record: ExecutionRecord): string | undefined {
    if (record.type === 'EXPRESS') return 'Express executions cannot be redriven';
    if (!redrivableStatuses.includes(record.status)) return `Execution is ${record.status} and cannot be redriven`;
    if (!record.lastState) return 'Execution never entered a state';
    return undefined;
  }

  // ---- Interpreter events → history ----------------------------------------------------------

  private onInterpreterEvent(live: LiveExecution, event: InterpreterEvent): void {
    if (live.superseded || this.closed) return;
    const { record, prepared } = live;
    if (event.type === 'StateEntered' && prepared.topLevelStates.has(event.state.name)) {
      record.lastState = { name: event.state.name, input: json(event.state.input) };
      this.store.save(record);
    }
    if (live.finished) return;
    switch (event.type) {
      case 'StateEntered': {
        const state = prepared.states.get(event.state.name);
        if (!state) return;
        this.append(live, `${state.type}StateEntered`, { name: state.name, input: json(event.state.input), inputDetails: dataDetails });
        this.log('debug', 'state entered', live, { state: state.name, type: state.type, ...(event.index !== undefined && { mapIndex: event.index }) });
        if (state.type === 'Map') {
          const length = this.mapLength(live, state, event.state.input);
          this.append(live, 'MapStateStarted', length === undefined ? undefined : { length });
        }
        if (state.type === 'Parallel') this.append(live, 'ParallelStateStarted');
        if (state.type === 'Task') this.linkNext(live, state.name);
        return;
      }
      case 'StateRetried': {
        const state = prepared.states.get(event.state.name);
        this.log('info', 'state retried', live, { state: event.state.name, attempt: event.retry.attempt });
        if (state?.type === 'Task') this.linkNext(live, state.name);
        return;
      }
      case 'StateFailed': {
        const state = prepared.states.get(event.state.name);
        this.log('debug', 'state failed', live, { state: event.state.name, error: event.Error });
        if (state?.type === 'Map' || state?.type === 'Parallel') {
          this.append(live, `${state.type}StateFailed`);
          // Iterations and branches still waiting were aborted by the interpreter: their tokens end too.
          for (const attempt of [...live.active]) if (attempt.linked && state.descendants.includes(attempt.state.name)) this.abandonAttempt(attempt);
        }
        return;
      }
      case 'StateCaught':
        live.caught.add(event.state.name);
        this.log('debug', 'state error caught', live, { state: event.state.name, next: event.catch.catcher.Next });
        return;
      case 'StateExited': {
        const state = prepared.states.get(event.state.name);
        if (!state) return;
        if ((state.type === 'Map' || state.type === 'Parallel') && !live.caught.has(state.name)) this.append(live, `${state.type}StateSucceeded`);
        live.caught.delete(state.name);
        this.append(live, `${state.type}StateExited`, { name: state.name, output: json(event.state.output), outputDetails: dataDetails });
        return;
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed':
        this.append(live, event.type, { name: event.parentState.name, index: event.index });
        return;
      default:
        // Execution start/end come from the engine itself; AWS records no per-branch Parallel events.
        return;
    }
  }

  private mapLength(live: LiveExecution, state: StateInfo, rawInput: unknown): number | undefined {
    const inputPath = state.definition.InputPath;
    const effective = inputPath === null ? { found: true as const, value: {} } : typeof inputPath === 'string' ? readReferencePath(inputPath, rawInput, live.context) : { found: true as const, value: rawInput };
    if (!effective.found) return undefined;
    const itemsPath = typeof state.definition.ItemsPath === 'string' ? state.definition.ItemsPath : '$';
    const items = readReferencePath(itemsPath, effective.value, live.context);
    return items.found && Array.isArray(items.value) ? items.value.length : undefined;
  }

  private append(live: LiveExecution, type: string, details?: JsonObject): void {
    if (live.finished) return;
    this.push(live.record, type, details);
    this.store.save(live.record);
  }

  private push(record: ExecutionRecord, type: string, details?: JsonObject, timestamp = Date.now()): void {
    const id = record.history.length + 1;
    const cleaned = details && Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined));
    record.history.push({ timestamp, type, id, previousEventId: id - 1, ...(cleaned && { [detailsKey(type)]: cleaned }) });
  }

  // ---- Task attempts -------------------------------------------------------------------------

  /**
   * The interpreter calls a state's handler in the same synchronous step in which it reports the
   * state entered (or retried), but its reports reach the engine later. An attempt's events are
   * therefore held until that report is recorded, and attempts of one state pair with its reports
   * in order.
   */
  private linkNext(live: LiveExecution, stateName: string): void {
    const attempt = live.unlinked.get(stateName)?.shift();
    if (attempt) this.link(attempt);
  }

  private link(attempt: TaskAttempt): void {
    if (attempt.linked) return;
    attempt.linked = true;
    const queue = attempt.live.unlinked.get(attempt.state.name);
    if (queue?.includes(attempt)) queue.splice(queue.indexOf(attempt), 1);
    for (const event of attempt.buffered.splice(0)) this.push(attempt.live.record, event.type, event.details, event.timestamp);
    this.store.save(attempt.live.record);
  }

  private attemptEvent(attempt: TaskAttempt, type: string, details?: JsonObject): void {
    if (attempt.linked) this.append(attempt.live, type, details);
    else attempt.buffered.push({ type, details, timestamp: Date.now() });
  }

  private endAttempt(attempt: TaskAttempt, type: string, details: JsonObject): boolean {
    if (attempt.ended) return false;
    this.attemptEvent(attempt, type, details);
    this.abandonAttempt(attempt);
    return true;
  }

  /** Ends an attempt without an event of its own: its token stops working, its timers stop. */
  private abandonAttempt(attempt: TaskAttempt): void {
    attempt.ended = true;
    for (const timer of attempt.timers) clearTimeout(timer);
    if (attempt.token) this.releaseToken(attempt.token);
    attempt.live.active.delete(attempt);
  }

  private stateHandler(live: LiveExecution, state: StateInfo): (input: unknown) => Promise<unknown> {
    if (state.type === 'Wait') return (input) => this.runWait(live, state, input);
    return (handlerInput) => {
      const { parameters: input, timeoutSeconds: timeoutFromPath, heartbeatSeconds: heartbeatFromPath } = state.durationPaths
        ? (handlerInput as DurationPathsInput)
        : { parameters: handlerInput, timeoutSeconds: undefined, heartbeatSeconds: undefined };
      const attempt: TaskAttempt = { live, state, linked: false, ended: false, buffered: [], timers: [] };
      live.active.add(attempt);
      const queue = live.unlinked.get(state.name) ?? [];
      queue.push(attempt);
      live.unlinked.set(state.name, queue);
      // Everything up to setAttemptTimeout must stay synchronous: see PreparedDefinition.
      let timeoutSeconds: number | undefined;
      let heartbeatSeconds: number | undefined;
      try {
        timeoutSeconds = this.durationOf(state, 'TimeoutSeconds', timeoutFromPath);
        heartbeatSeconds = this.durationOf(state, 'HeartbeatSeconds', heartbeatFromPath);
      } catch (error) {
        live.prepared.setAttemptTimeout(state.name, longestTimerSeconds);
        this.endAttempt(attempt, state.resource?.kind === 'lambda-function' ? 'LambdaFunctionFailed' : 'TaskFailed', { error: (error as TaskError).name, cause: (error as TaskError).message });
        return Promise.reject(error as Error);
      }
      const effectiveTimeout = live.prepared.setAttemptTimeout(state.name, timeoutSeconds === undefined ? longestTimerSeconds : timeoutSeconds * this.timeScale);
      if (timeoutSeconds !== undefined) {
        // Scheduled before the interpreter's own timer with the same delay, so it fires first: the
        // attempt is recorded as timed out and its token ends before the interpreter moves on.
        attempt.timers.push(setTimeout(() => this.timeOutAttempt(attempt), effectiveTimeout * 1000));
      }
      const token = createTaskToken(live.record.executionArn, state.name);
      return this.performTask(attempt, state.resource as TaskResource, withTaskToken(input, token), token, { timeoutSeconds, heartbeatSeconds });
    };
  }

  /** TimeoutSeconds/HeartbeatSeconds, or the value the interpreter read at their *Path from the state input. */
  private durationOf(state: StateInfo, field: 'TimeoutSeconds' | 'HeartbeatSeconds', fromPath: unknown): number | undefined {
    const fixed = state.definition[field];
    if (typeof fixed === 'number') return fixed;
    const path = state.definition[`${field}Path`];
    if (typeof path !== 'string') return undefined;
    if (typeof fromPath !== 'number' || !Number.isInteger(fromPath) || fromPath < 1) {
      throw new TaskError('States.Runtime', `${field}Path '${path}' does not point to a positive integer`, false);
    }
    return fromPath;
  }

  private async performTask(attempt: TaskAttempt, resource: TaskResource, input: unknown, token: string, limits: { timeoutSeconds?: number; heartbeatSeconds?: number }): Promise<unknown> {
    const { live } = attempt;
    const limitDetails = {
      ...(limits.timeoutSeconds !== undefined && { timeoutInSeconds: limits.timeoutSeconds }),
      ...(limits.heartbeatSeconds !== undefined && resource.kind === 'integration' && resource.pattern === 'wait-for-task-token' && { heartbeatInSeconds: limits.heartbeatSeconds }),
    };
    if (resource.kind === 'lambda-function') {
      this.attemptEvent(attempt, 'LambdaFunctionScheduled', { resource: resource.functionArn, input: json(input), inputDetails: dataDetails, ...limitDetails });
      this.attemptEvent(attempt, 'LambdaFunctionStarted');
      try {
        const output = await this.invokeLambda(toFunctionArn(resource.functionArn, this.region), input);
        this.endAttempt(attempt, 'LambdaFunctionSucceeded', { output: json(output), outputDetails: dataDetails });
        return output;
      } catch (error) {
        const failure = error instanceof TaskError ? error : lambdaFailure(error);
        this.endAttempt(attempt, 'LambdaFunctionFailed', { error: failure.name, cause: failure.message });
        throw failure;
      }
    }
    const common = { resourceType: resource.service, resource: resource.historyResource };
    this.attemptEvent(attempt, 'TaskScheduled', { ...common, region: this.region, parameters: json(input), ...limitDetails });
    this.attemptEvent(attempt, 'TaskStarted', common);
    this.log('debug', 'task started', live, { state: attempt.state.name, resource: `${resource.service}:${resource.historyResource}` });
    try {
      const callback = resource.pattern === 'wait-for-task-token' ? this.awaitToken(attempt, token, limits.heartbeatSeconds) : undefined;
      // The callback may fail before the call returns; it is awaited (and its error thrown) below.
      callback?.catch(() => undefined);
      const response = await this.callIntegration(attempt, resource, input);
      let output = response;
      if (callback) {
        this.attemptEvent(attempt, 'TaskSubmitted', { ...common, output: json(response), outputDetails: dataDetails });
        output = await callback;
      } else if (resource.pattern === 'sync' || resource.pattern === 'sync:2') {
        this.attemptEvent(attempt, 'TaskSubmitted', { ...common, output: json(response), outputDetails: dataDetails });
        output = await this.awaitChild(attempt.childExecutionArn as string, resource.pattern);
      }
      this.endAttempt(attempt, 'TaskSucceeded', { ...common, output: json(output), outputDetails: dataDetails });
      return output;
    } catch (error) {
      const failure = error instanceof TaskError ? error : new TaskError('States.TaskFailed', (error as Error).message ?? String(error));
      if (this.endAttempt(attempt, 'TaskFailed', { ...common, error: failure.name || undefined, cause: failure.message || undefined })) {
        this.log('debug', 'task failed', live, { state: attempt.state.name, error: failure.name });
      }
      throw failure;
    }
  }

  private timeOutAttempt(attempt: TaskAttempt): void {
    const resource = attempt.state.resource as TaskResource;
    const type = resource.kind === 'lambda-function' ? 'LambdaFunctionTimedOut' : 'TaskTimedOut';
    const common = resource.kind === 'integration' ? { resourceType: resource.service, resource: resource.historyResource } : {};
    // The interpreter's own timer, due right after this one, fails the state with States.Timeout.
    if (this.endAttempt(attempt, type, { ...common, error: 'States.Timeout' })) {
      this.log('warn', 'task timed out', attempt.live, { state: attempt.state.name });
      // Deferred past the timers phase: stopping the child now would fail the task with the child's
      // error before the interpreter's timer reports States.Timeout.
      setImmediate(() => this.stopChildOf(attempt, 'the task timed out'));
    }
  }

  private awaitToken(attempt: TaskAttempt, token: string, heartbeatSeconds: number | undefined): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const entry: TokenEntry = { attempt, resolve, reject };
      if (heartbeatSeconds !== undefined) {
        entry.heartbeat = () => {
          clearTimeout(entry.heartbeatTimer);
          entry.heartbeatTimer = setTimeout(() => {
            const resource = attempt.state.resource as Extract<TaskResource, { kind: 'integration' }>;
            if (this.endAttempt(attempt, 'TaskTimedOut', { resourceType: resource.service, resource: resource.historyResource, error: 'States.HeartbeatTimeout' })) {
              this.log('warn', 'task heartbeat timed out', attempt.live, { state: attempt.state.name });
              reject(new TaskError('States.HeartbeatTimeout', ''));
            }
          }, Math.min(heartbeatSeconds * this.timeScale * 1000, longestTimerSeconds * 1000));
        };
        entry.heartbeat();
      }
      attempt.token = token;
      this.tokens.set(token, entry);
    });
  }

  private releaseToken(token: string): void {
    const entry = this.tokens.get(token);
    if (!entry) return;
    clearTimeout(entry.heartbeatTimer);
    this.tokens.delete(token);
  }

  private requireToken(taskToken: unknown): TokenEntry {
    if (typeof taskToken !== 'string' || taskToken.length === 0 || taskToken.length > maximumTaskTokenLength) throw new AwsServiceError('InvalidToken', 'Invalid Token');
    const entry = this.tokens.get(taskToken);
    if (entry) return entry;
    const decoded = readTaskToken(taskToken);
    if (!decoded) throw new AwsServiceError('InvalidToken', `Invalid Token: '${taskToken}'`);
    // AWS answers TaskTimedOut for a token whose task has ended, however it ended.
    if (this.records.has(decoded.executionArn)) throw new AwsServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    throw new AwsServiceError('TaskDoesNotExist', 'Task Does Not Exist');
  }

  private runWait(live: LiveExecution, state: StateInfo, input: unknown): Promise<unknown> {
    const wait = state.definition;
    let seconds: number;
    const readPath = (field: 'SecondsPath' | 'TimestampPath') => {
      const read = readReferencePath(String(wait[field]), input, live.context);
      if (!read.found) throw new TaskError('States.Runtime', `${field} '${String(wait[field])}' does not point to a value`, false);
      return read.value;
    };
    const untilTimestamp = (timestamp: unknown, field: string) => {
      const at = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
      if (Number.isNaN(at)) throw new TaskError('States.Runtime', `${field} is not an RFC 3339 timestamp`, false);
      return Math.max(0, (at - Date.now()) / 1000);
    };
    try {
      if (typeof wait.Seconds === 'number') seconds = wait.Seconds;
      else if (wait.Timestamp !== undefined) seconds = untilTimestamp(wait.Timestamp, 'Timestamp');
      else if (wait.SecondsPath !== undefined) {
        const value = readPath('SecondsPath');
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw new TaskError('States.Runtime', 'SecondsPath does not point to a non-negative integer', false);
        seconds = value;
      } else seconds = untilTimestamp(readPath('TimestampPath'), 'TimestampPath');
    } catch (error) {
      return Promise.reject(error as Error);
    }
    // When the execution ends first, the timer is cleared and the promise never settles: nothing listens anymore.
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        live.timers.delete(timer);
        resolve(input);
      }, Math.min(seconds * this.timeScale * 1000, longestTimerSeconds * 1000));
      live.timers.add(timer);
    });
  }

  // ---- Service integrations ------------------------------------------------------------------

  private async invokeLambda(functionArn: string, payload: unknown): Promise<unknown> {
    try {
      // Lambda passes JSON both ways; the round trip drops what JSON cannot carry, as on AWS.
      return JSON.parse(json(await this.options.invokeFunction(functionArn, JSON.parse(json(payload))))) as unknown;
    } catch (error) {
      throw lambdaFailure(error);
    }
  }

  private async callIntegration(attempt: TaskAttempt, resource: Extract<TaskResource, { kind: 'integration' }>, input: unknown): Promise<unknown> {
    const parameters = isObject(input) ? input : {};
    switch (resource.action) {
      case 'invoke': {
        if (typeof parameters.FunctionName !== 'string') throw new TaskError('Lambda.InvalidParameterValueException', 'FunctionName is required');
        const functionArn = toFunctionArn(parameters.FunctionName, this.region);
        const metadata = { SdkHttpMetadata: { HttpHeaders: { 'Content-Type': 'application/json' }, HttpStatusCode: 200 }, SdkResponseMetadata: { RequestId: randomUUID() } };
        if (parameters.InvocationType === 'Event') {
          this.invokeLambda(functionArn, parameters.Payload ?? {}).catch((error: unknown) =>
            this.log('warn', 'asynchronous Lambda invocation failed', attempt.live, { state: attempt.state.name, error: (error as Error).name }),
          );
          return { Payload: '', StatusCode: 202, ...metadata };
        }
        const payload = await this.invokeLambda(functionArn, parameters.Payload ?? {});
        return { ExecutedVersion: '$LATEST', Payload: payload, ...metadata, StatusCode: 200 };
      }
      case 'putEvents': {
        const putEvents = this.options.putEvents;
        if (!putEvents) throw new TaskError('States.Runtime', 'No putEvents was given to LocalStepFunctions', false);
        if (!Array.isArray(parameters.Entries)) throw new TaskError('EventBridge.ValidationException', 'Entries is required');
        // Step Functions serialises a JSON Detail for PutEvents, which takes it as a string.
        const entries = parameters.Entries.map((entry: JsonObject) => ({ ...entry, ...(entry.Detail !== undefined && typeof entry.Detail !== 'string' && { Detail: JSON.stringify(entry.Detail) }) })) as PutEventsEntry[];
        let result: unknown;
        try {
          result = await putEvents(entries);
        } catch (error) {
          throw new TaskError(`EventBridge.${(error as Error).name || 'EventBridgeException'}`, (error as Error).message ?? String(error));
        }
        const response =
          isObject(result) && Array.isArray(result.Entries)
            ? { Entries: result.Entries, FailedEntryCount: typeof result.FailedEntryCount === 'number' ? result.FailedEntryCount : 0 }
            : { Entries: entries.map(() => ({ EventId: randomUUID() })), FailedEntryCount: 0 };
        if (response.FailedEntryCount > 0) throw new TaskError('EventBridge.FailedEntry', JSON.stringify(response));
        return response;
      }
      case 'startExecution': {
        if (typeof parameters.StateMachineArn !== 'string') throw new TaskError('StepFunctions.InvalidArnException', 'StateMachineArn is required');
        const childInput = parameters.Input === undefined ? '{}' : typeof parameters.Input === 'string' ? parameters.Input : JSON.stringify(parameters.Input);
        try {
          const started = this.startExecution({
            stateMachineArn: parameters.StateMachineArn,
            input: childInput,
            ...(typeof parameters.Name === 'string' && { name: parameters.Name }),
          });
          if (resource.pattern === 'sync' || resource.pattern === 'sync:2') {
            attempt.childExecutionArn = started.executionArn;
            attempt.live.children.add(started.executionArn);
          }
          return { ExecutionArn: started.executionArn, StartDate: started.startDate.getTime() };
        } catch (error) {
          if (error instanceof AwsServiceError) throw new TaskError(`StepFunctions.${error.type.endsWith('Exception') ? error.type : `${error.type}Exception`}`, error.message);
          throw error;
        }
      }
    }
  }

  /** `.sync` answers with DescribeExecution's fields (Output a string); `.sync:2` with Input/Output as JSON. */
  private async awaitChild(childExecutionArn: string, pattern: 'sync' | 'sync:2'): Promise<unknown> {
    const child = await this.waitForExecution(childExecutionArn);
    const asJson = (text: string) => (pattern === 'sync:2' ? (JSON.parse(text) as unknown) : text);
    const output = {
      ExecutionArn: child.executionArn,
      Input: asJson(child.input),
      InputDetails: { Included: true },
      Name: child.name,
      ...(child.output !== undefined && { Output: asJson(child.output), OutputDetails: { Included: true } }),
      ...(child.error !== undefined && { Error: child.error }),
      ...(child.cause !== undefined && { Cause: child.cause }),
      RedriveCount: child.redriveCount,
      RedriveStatus: child.redriveStatus,
      StartDate: child.startDate.getTime(),
      StateMachineArn: child.stateMachineArn,
      Status: child.status,
      StopDate: child.stopDate?.getTime(),
    };
    if (child.status !== 'SUCCEEDED') throw new TaskError('States.TaskFailed', JSON.stringify(output));
    return output;
  }

  private stopChildOf(attempt: TaskAttempt, reason: string): void {
    const child = attempt.childExecutionArn;
    if (child && this.records.get(child)?.status === 'RUNNING') this.stopExecution({ executionArn: child, error: 'States.Aborted', cause: `Parent task ${attempt.state.name}: ${reason}` });
  }

  // ---- Lookups and logs ----------------------------------------------------------------------

  private requireMachine(stateMachineArn: unknown): RegisteredMachine {
    if (typeof stateMachineArn !== 'string' || !parseStateMachineArn(stateMachineArn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${String(stateMachineArn)}'`);
    const machine = this.machines.get(stateMachineArn);
    if (!machine) throw new AwsServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
    return machine;
  }

  private requireExecution(executionArn: unknown): ExecutionRecord {
    if (typeof executionArn !== 'string' || !parseExecutionArn(executionArn)) throw new AwsServiceError('InvalidArn', `Invalid Arn: '${String(executionArn)}'`);
    const record = this.records.get(executionArn);
    if (!record) throw new AwsServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  private log(level: keyof StepFunctionsLogger, message: string, live?: { record: ExecutionRecord }, fields: JsonObject = {}): void {
    const record = live?.record;
    this.logger[level](
      JSON.stringify({
        timestamp: new Date().toISOString(),
        level: level.toUpperCase(),
        service: 'local-stepfunctions',
        message,
        ...(record && { stateMachine: record.stateMachineName, executionName: record.name, executionArn: record.executionArn }),
        ...fields,
      }),
    );
  }
}
