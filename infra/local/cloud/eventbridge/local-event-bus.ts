/**
 * The local EventBridge bus: PutEvents with the service's limits and per-entry errors, the rules
 * of `infra/definitions/event-bus.ts` matched with the same pattern semantics, scheduled rules on a
 * timer, and delivery to each target with its input shaping, retry policy and a dead-letter record,
 * so the OMS behaves locally as it does on AWS without changing its definitions. It also keeps the
 * last events put on the bus, so a developer or a test can see what was published.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FunctionDefinition } from '../../../definitions/api';
import {
  eventBusName as omsEventBusName,
  scheduleExpression,
  type EventPatternRule,
  type RetryPolicy,
  type RuleDefinition,
  type RuleTarget,
  type ScheduledRule,
} from '../../../definitions/event-bus';
import { AwsServiceError } from '../aws-json-server';
import { compileEventPattern, type CompiledEventPattern, InvalidEventPatternError } from './event-pattern';
import { parseJsonPath, readJsonPath, renderInputTemplate, validateInputPathsMap } from './input-transform';

export interface TargetInvokers {
  /** Invokes the function's handler with the target input; a rejection is a failed delivery. */
  invokeFunction(fn: FunctionDefinition, event: unknown): Promise<void>;
  /** Starts an execution with the target input (JSON text); a rejection is a failed delivery. */
  startExecution(stateMachineName: string, input: string): Promise<void>;
  /** Used for api-destination targets; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface LocalEventBusOptions {
  readonly rules: readonly RuleDefinition[];
  readonly invokers: TargetInvokers;
  /** The custom bus the rules live on; default `oms-events`. The `default` bus exists too, without rules. */
  readonly eventBusName?: string;
  readonly region?: string;
  readonly accountId?: string;
  /**
   * Multiplies retry backoff and the maximum event age, so a local run or a test can go through a
   * retry policy in milliseconds without changing the definitions; 1 is real time.
   */
  readonly timeScale?: number;
  /** Dead-letter records are appended here as JSON lines and reloaded at construction. */
  readonly deadLetterFile?: string;
  /** Receives each dead letter with the rule's and target's ARNs, as the rule's dead-letter queue would. */
  readonly onDeadLetter?: (record: DeadLetterRecord, arns: { readonly ruleArn: string; readonly targetArn: string }) => void;
  /** One structured entry per delivery failure and per dead letter; default: a JSON line on stderr. */
  readonly log?: (entry: Record<string, unknown>) => void;
  /** Source of backoff jitter, in [0, 1). */
  readonly random?: () => number;
  /** EventBridge gives an API destination 5 seconds to answer. */
  readonly apiDestinationTimeoutMs?: number;
  /** How many of the latest events put on the bus `recentEvents` keeps; default 5,000. */
  readonly recentEventsLimit?: number;
}

/** An event put on the bus, as the recent-events log keeps it. */
export interface RecentEvent {
  readonly id: string;
  /** When the bus took the event, to the millisecond (the event's own `time` is to the second). */
  readonly time: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Record<string, unknown>;
}

export interface RecentEventsQuery {
  readonly detailType?: string;
  readonly source?: string;
  /** Only events the bus took at or after this instant. */
  readonly since?: Date;
}

/** A PutEvents request entry, as the API (and the SDK's PutEventsRequestEntry) spells it. */
export interface PutEventsEntry {
  readonly Source?: string;
  readonly DetailType?: string;
  readonly Detail?: string;
  readonly Resources?: readonly string[];
  /** A Date, epoch seconds (the JSON protocol's timestamp) or an ISO 8601 string. */
  readonly Time?: Date | number | string;
  readonly EventBusName?: string;
  readonly TraceHeader?: string;
}

export type PutEventsResultEntry = { readonly EventId: string } | { readonly ErrorCode: string; readonly ErrorMessage: string };

export interface PutEventsResult {
  readonly FailedEntryCount: number;
  readonly Entries: readonly PutEventsResultEntry[];
}

/** The event as EventBridge delivers it to targets. */
export interface EventBridgeEvent {
  readonly version: '0';
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: Record<string, unknown>;
}

export type DeadLetterReason = 'retry-attempts-exhausted' | 'maximum-event-age-exceeded' | 'not-retryable';

/** What EventBridge would send to the target's dead-letter queue, with why delivery stopped. */
export interface DeadLetterRecord {
  readonly ruleName: string;
  readonly targetId: string;
  readonly event: EventBridgeEvent;
  readonly error: string;
  readonly reason: DeadLetterReason;
  readonly attempts: number;
  readonly failedAt: string;
}

/** AWS's defaults for a target without a retry policy. */
export const defaultRetryPolicy: RetryPolicy = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

export const maxEntriesPerPutEvents = 10;
export const maxPutEventsBytes = 256 * 1024;

/**
 * AWS does not publish its backoff schedule; this one is exponential from 1 s, capped at 5 min,
 * with jitter, which spreads 185 attempts over several hours as the default policy implies.
 */
const backoffBaseMs = 1_000;
const backoffCapMs = 300_000;

/** A failed delivery; `retryable: false` sends the event to the dead-letter record at once. */
class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** HTTP answers of an API destination that EventBridge retries; any other non-2xx is final. */
const isRetryableStatus = (status: number) => status === 401 || status === 407 || status === 409 || status === 429 || status >= 500;

const utf8Bytes = (text: string | undefined) => (text ? Buffer.byteLength(text, 'utf8') : 0);

/** The entry size as the EventBridge user guide computes it ("Calculating PutEvents event entry size"). */
export function putEventsEntrySize(entry: PutEventsEntry): number {
  let size = entry.Time !== undefined && entry.Time !== null ? 14 : 0;
  size += utf8Bytes(entry.Source) + utf8Bytes(entry.DetailType) + utf8Bytes(entry.Detail);
  for (const resource of entry.Resources ?? []) size += utf8Bytes(resource);
  return size;
}

const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

function parseTime(time: Date | number | string): Date | undefined {
  const date = time instanceof Date ? time : typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function invalidArgument(parameter: string, reason: string): PutEventsResultEntry {
  return { ErrorCode: 'InvalidArgument', ErrorMessage: `Parameter ${parameter} is not valid. Reason: ${reason}` };
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const ruleArn = (region: string, accountId: string, busName: string, ruleName: string) =>
  busName === 'default' ? `arn:aws:events:${region}:${accountId}:rule/${ruleName}` : `arn:aws:events:${region}:${accountId}:rule/${busName}/${ruleName}`;

export const eventBusArn = (region: string, accountId: string, busName: string) => `arn:aws:events:${region}:${accountId}:event-bus/${busName}`;

interface CompiledRule {
  readonly rule: EventPatternRule;
  readonly pattern: CompiledEventPattern;
}

/** The event EventBridge sends the targets of a scheduled rule at each tick. */
const scheduledEvent = (ruleArn: string, accountId: string, region: string, at: Date): EventBridgeEvent => ({
  version: '0',
  id: randomUUID(),
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: accountId,
  time: isoSeconds(at),
  region,
  resources: [ruleArn],
  detail: {},
});

interface TargetInput {
  /** What a function receives: the parsed JSON, or the text when the input is not JSON. */
  readonly value: unknown;
  readonly text: string;
}

export class LocalEventBus {
  readonly eventBusName: string;
  readonly region: string;
  readonly accountId: string;
  readonly rules: readonly RuleDefinition[];
  readonly createdAt = new Date();

  private readonly compiled: readonly CompiledRule[];
  private readonly invokers: TargetInvokers;
  private readonly timeScale: number;
  private readonly log: (entry: Record<string, unknown>) => void;
  private readonly random: () => number;
  private readonly apiDestinationTimeoutMs: number;
  private readonly deadLetterFile: string | undefined;
  private readonly onDeadLetter: LocalEventBusOptions['onDeadLetter'];
  private readonly deadLetterRecords: DeadLetterRecord[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();
  private readonly scheduleTimers: NodeJS.Timeout[] = [];
  /** Scheduled deliveries still running, by rule and target. */
  private readonly scheduledInFlight = new Set<string>();
  private readonly recentEventsLimit: number;
  /** A ring: the oldest event is overwritten once the log is full. */
  private readonly recent: RecentEvent[] = [];
  private readonly listeners: ((event: RecentEvent) => void)[] = [];
  private recentNext = 0;
  private writes: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(options: LocalEventBusOptions) {
    this.eventBusName = options.eventBusName ?? omsEventBusName;
    this.region = options.region ?? process.env.AWS_REGION ?? 'eu-central-1';
    this.accountId = options.accountId ?? '000000000000';
    this.rules = options.rules;
    this.invokers = options.invokers;
    this.timeScale = options.timeScale ?? 1;
    if (!(this.timeScale > 0) || !Number.isFinite(this.timeScale)) throw new Error(`timeScale must be a positive number, got ${this.timeScale}`);
    this.log = options.log ?? ((entry) => console.error(JSON.stringify(entry)));
    this.random = options.random ?? Math.random;
    this.apiDestinationTimeoutMs = options.apiDestinationTimeoutMs ?? 5_000;
    this.compiled = options.rules.flatMap((rule) => {
      const pattern = this.compileRule(rule);
      return rule.schedule ? [] : [{ rule, pattern: pattern as CompiledEventPattern }];
    });
    this.recentEventsLimit = options.recentEventsLimit ?? 5_000;
    this.deadLetterFile = options.deadLetterFile;
    this.onDeadLetter = options.onDeadLetter;
    if (this.deadLetterFile) this.loadDeadLetters(this.deadLetterFile);
  }

  /** Accepts up to 10 entries; valid ones get an EventId and are routed after this returns. */
  putEvents(entries: readonly PutEventsEntry[] | undefined): PutEventsResult {
    if (!Array.isArray(entries)) {
      throw new AwsServiceError('ValidationException', "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
    }
    if (entries.length < 1 || entries.length > maxEntriesPerPutEvents) {
      const constraint = entries.length < 1 ? 'greater than or equal to 1' : `less than or equal to ${maxEntriesPerPutEvents}`;
      throw new AwsServiceError('ValidationException', `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length ${constraint}`);
    }
    const totalSize = entries.reduce((sum, entry) => sum + putEventsEntrySize(entry), 0);
    if (totalSize > maxPutEventsBytes) {
      throw new AwsServiceError('ValidationException', `Total size of the entries in the request is over the limit (${totalSize} bytes; at most ${maxPutEventsBytes}).`);
    }
    // Checked for all entries before any is accepted, so a typo in a bus name never half-publishes.
    const buses = entries.map((entry) => {
      const bus = this.resolveBusName(entry.EventBusName);
      if (!bus) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${entry.EventBusName} does not exist.`);
      return bus;
    });

    const ingestedAt = new Date();
    const results = entries.map((entry, index): PutEventsResultEntry => {
      const checked = this.toEvent(entry, ingestedAt);
      if ('ErrorCode' in checked) return checked;
      if (buses[index] === this.eventBusName) {
        this.remember(checked, ingestedAt);
        this.route(checked, ingestedAt);
      }
      return { EventId: checked.id };
    });
    return { FailedEntryCount: results.filter((result) => 'ErrorCode' in result).length, Entries: results };
  }

  /** The bus's name for a name or ARN, when it is this bus or `default`; undefined for an unknown bus. */
  resolveBusName(nameOrArn: string | undefined): string | undefined {
    const name = !nameOrArn ? 'default' : nameOrArn.startsWith('arn:') ? nameOrArn.split(':event-bus/')[1] : nameOrArn;
    return name === this.eventBusName || name === 'default' ? name : undefined;
  }

  /** A scheduled rule lives on the default bus, as on AWS (EventBridge runs schedules only there). */
  ruleArn(ruleName: string): string {
    const scheduled = this.rules.some((rule) => rule.name === ruleName && rule.schedule);
    return ruleArn(this.region, this.accountId, scheduled ? 'default' : this.eventBusName, ruleName);
  }

  /**
   * Starts the scheduled rules: each tick (the rule's rate, times the time scale) sends its targets
   * an AWS "Scheduled Event". Unlike AWS, a tick is skipped for a target whose previous tick is still
   * being delivered, so a slow laptop (or a time scale of 0.01) does not pile up runs of the same job.
   */
  startSchedules(): void {
    if (this.closed || this.scheduleTimers.length > 0) return;
    for (const rule of this.rules) {
      if (!rule.schedule) continue;
      const periodMs = rule.schedule.rateMinutes * 60_000 * this.timeScale;
      const timer = setInterval(() => this.tick(rule), periodMs);
      // The runtime's servers keep the process alive; a schedule alone must not.
      timer.unref();
      this.scheduleTimers.push(timer);
    }
  }

  /** The latest events put on this bus (oldest first), narrowed by detail-type, source and time. */
  recentEvents(query: RecentEventsQuery = {}): RecentEvent[] {
    const ordered = [...this.recent.slice(this.recentNext), ...this.recent.slice(0, this.recentNext)];
    const since = query.since?.getTime();
    return ordered.filter(
      (event) =>
        (query.detailType === undefined || event.detailType === query.detailType) &&
        (query.source === undefined || event.source === query.source) &&
        (since === undefined || Date.parse(event.time) >= since),
    );
  }

  /** The ARN a target has on AWS, for ListTargetsByRule. */
  targetArn(rule: RuleDefinition, target: RuleTarget): string {
    switch (target.kind) {
      case 'function':
        return `arn:aws:lambda:${this.region}:${this.accountId}:function:oms-local-${target.function.name}`;
      case 'state-machine':
        return `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${target.stateMachineName}`;
      case 'api-destination':
        return `arn:aws:events:${this.region}:${this.accountId}:api-destination/${rule.name}-${target.id}`;
    }
  }

  deadLetters(): readonly DeadLetterRecord[] {
    return [...this.deadLetterRecords];
  }

  /** Resolves once no delivery is pending (including retries waiting out their backoff) and dead letters are written. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    await this.writes;
  }

  drain(): Promise<void> {
    return this.idle();
  }

  /** Abandons retries that are waiting, as a stopped process would, and accepts no more deliveries. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.scheduleTimers.splice(0)) clearInterval(timer);
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    await this.idle();
  }

  /** Checks the rule as EventBridge would; a pattern rule's compiled pattern, nothing for a scheduled rule. */
  private compileRule(rule: RuleDefinition): CompiledEventPattern | undefined {
    const seen = new Set<string>();
    for (const target of rule.targets) {
      if (seen.has(target.id)) throw new Error(`Rule ${rule.name}: target id ${target.id} is used twice`);
      seen.add(target.id);
      if (target.inputPath && target.inputTransformer) throw new Error(`Rule ${rule.name}, target ${target.id}: InputPath and InputTransformer are mutually exclusive`);
      if (target.inputPath) parseJsonPath(target.inputPath);
      if (target.inputTransformer) validateInputPathsMap(target.inputTransformer.inputPathsMap);
      const policy = target.retryPolicy;
      if (policy && (policy.maximumRetryAttempts < 0 || policy.maximumRetryAttempts > 185 || policy.maximumEventAgeSeconds < 60 || policy.maximumEventAgeSeconds > 86_400)) {
        throw new Error(`Rule ${rule.name}, target ${target.id}: retry policy out of AWS's ranges (0..185 attempts, 60..86400 s)`);
      }
    }
    if (rule.schedule) {
      try {
        scheduleExpression(rule.schedule);
      } catch (error) {
        throw new Error(`Rule ${rule.name}: ${errorMessage(error)}`, { cause: error });
      }
      return undefined;
    }
    try {
      return compileEventPattern(rule.eventPattern);
    } catch (error) {
      if (error instanceof InvalidEventPatternError) throw new InvalidEventPatternError(`rule ${rule.name}: ${error.reason}`, error.path);
      throw error;
    }
  }

  private toEvent(entry: PutEventsEntry, ingestedAt: Date): EventBridgeEvent | Extract<PutEventsResultEntry, { ErrorCode: string }> {
    const failure = (result: PutEventsResultEntry) => result as Extract<PutEventsResultEntry, { ErrorCode: string }>;
    if (!entry.Source) return failure(invalidArgument('Source', 'Source is a required argument.'));
    if (!entry.DetailType) return failure(invalidArgument('DetailType', 'DetailType is a required argument.'));
    if (!entry.Detail) return failure(invalidArgument('Detail', 'Detail is a required argument.'));
    let detail: unknown;
    try {
      detail = JSON.parse(entry.Detail);
    } catch {
      detail = undefined;
    }
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return failure({ ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' });
    if (entry.Resources !== undefined && (!Array.isArray(entry.Resources) || entry.Resources.some((resource) => typeof resource !== 'string'))) {
      return failure(invalidArgument('Resources', 'Resources must be a list of strings.'));
    }
    const time = entry.Time === undefined || entry.Time === null ? ingestedAt : parseTime(entry.Time);
    if (!time) return failure(invalidArgument('Time', 'Time is not a valid timestamp.'));
    return {
      version: '0',
      id: randomUUID(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: this.accountId,
      time: isoSeconds(time),
      region: this.region,
      resources: [...(entry.Resources ?? [])],
      detail: detail as Record<string, unknown>,
    };
  }

  /**
   * Calls `listener` with every event put on the bus, after it is taken. Local-only observers (the
   * sandbox partners) use it; deployed consumers are rules, so parity with AWS is unaffected.
   */
  onEvent(listener: (event: RecentEvent) => void): void {
    this.listeners.push(listener);
  }

  private remember(event: EventBridgeEvent, ingestedAt: Date): void {
    const entry: RecentEvent = { id: event.id, time: ingestedAt.toISOString(), source: event.source, detailType: event['detail-type'], detail: event.detail };
    for (const listener of this.listeners) listener(entry);
    if (this.recent.length < this.recentEventsLimit) {
      this.recent.push(entry);
      return;
    }
    this.recent[this.recentNext] = entry;
    this.recentNext = (this.recentNext + 1) % this.recentEventsLimit;
  }

  private tick(rule: ScheduledRule): void {
    if (this.closed) return;
    const now = new Date();
    const event = scheduledEvent(this.ruleArn(rule.name), this.accountId, this.region, now);
    for (const target of rule.targets) {
      const key = `${rule.name}/${target.id}`;
      if (this.scheduledInFlight.has(key)) continue;
      this.scheduledInFlight.add(key);
      this.track(rule, target, event, now, () => this.scheduledInFlight.delete(key));
    }
  }

  /** Delivers in the background; `idle()` waits for it. */
  private track(rule: RuleDefinition, target: RuleTarget, event: EventBridgeEvent, ingestedAt: Date, done: () => void = () => undefined): void {
    // setImmediate: PutEvents answers before any target runs, as on AWS.
    const delivery = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.deliver(rule, target, event, ingestedAt))
      .catch((error: unknown) => this.log({ level: 'ERROR', message: 'EventBridge delivery crashed', rule: rule.name, target: target.id, eventId: event.id, error: errorMessage(error) }));
    this.pending.add(delivery);
    void delivery.finally(() => {
      this.pending.delete(delivery);
      done();
    });
  }

  private route(event: EventBridgeEvent, ingestedAt: Date): void {
    if (this.closed) return;
    for (const { rule, pattern } of this.compiled) {
      if (!pattern.matches(event)) continue;
      for (const target of rule.targets) this.track(rule, target, event, ingestedAt);
    }
  }

  private renderInput(rule: RuleDefinition, target: RuleTarget, event: EventBridgeEvent, ingestedAt: Date): TargetInput {
    if (target.inputTransformer) {
      const text = renderInputTemplate(target.inputTransformer.inputTemplate, target.inputTransformer.inputPathsMap, event as unknown as Record<string, unknown>, {
        ruleArn: this.ruleArn(rule.name),
        ruleName: rule.name,
        ingestionTime: ingestedAt.toISOString(),
      });
      try {
        return { value: JSON.parse(text) as unknown, text };
      } catch {
        return { value: text, text };
      }
    }
    const selected: unknown = target.inputPath ? readJsonPath(event, target.inputPath) : event;
    const text = JSON.stringify(selected ?? null);
    // Each target gets its own copy, so a handler that mutates its event cannot affect the others.
    return { value: JSON.parse(text) as unknown, text };
  }

  private async invoke(target: RuleTarget, input: TargetInput): Promise<void> {
    switch (target.kind) {
      case 'function':
        return this.invokers.invokeFunction(target.function, structuredClone(input.value));
      case 'state-machine':
        return this.invokers.startExecution(target.stateMachineName, input.text);
      case 'api-destination': {
        const fetchImpl = this.invokers.fetch ?? fetch;
        let response: Response;
        try {
          response = await fetchImpl(target.endpointUrl, {
            method: target.httpMethod,
            headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'Amazon/EventBridge/ApiDestinations' },
            body: input.text,
            redirect: 'manual',
            signal: AbortSignal.timeout(this.apiDestinationTimeoutMs),
          });
        } catch (error) {
          // Timeouts and connection failures are retried, like any transient failure.
          throw new DeliveryError(`${target.httpMethod} ${target.endpointUrl} failed: ${errorMessage(error)}`, true);
        }
        // The answer's body is not used; discarding it frees the connection. A broken body changes nothing.
        await response.body?.cancel().catch(() => undefined);
        if (response.status >= 200 && response.status < 300) return;
        throw new DeliveryError(`${target.httpMethod} ${target.endpointUrl} answered ${response.status}`, isRetryableStatus(response.status));
      }
    }
  }

  private backoffMs(attempt: number): number {
    const ceiling = Math.min(backoffCapMs, backoffBaseMs * 2 ** (attempt - 1));
    return (ceiling / 2 + (this.random() * ceiling) / 2) * this.timeScale;
  }

  private async deliver(rule: RuleDefinition, target: RuleTarget, event: EventBridgeEvent, ingestedAt: Date): Promise<void> {
    if (this.closed) return;
    const policy = target.retryPolicy ?? defaultRetryPolicy;
    const maxAttempts = policy.maximumRetryAttempts + 1;
    const maxAgeMs = policy.maximumEventAgeSeconds * 1000 * this.timeScale;
    let input: TargetInput;
    try {
      input = this.renderInput(rule, target, event, ingestedAt);
    } catch (error) {
      this.deadLetter(rule, target, event, errorMessage(error), 'not-retryable', 0);
      return;
    }
    for (let attempt = 1; ; attempt++) {
      let failure: unknown;
      try {
        await this.invoke(target, input);
        return;
      } catch (error) {
        failure = error;
      }
      const retryable = !(failure instanceof DeliveryError) || failure.retryable;
      const delay = this.backoffMs(attempt);
      const ageAfterDelay = Date.now() - ingestedAt.getTime() + delay;
      const reason: DeadLetterReason | undefined = !retryable
        ? 'not-retryable'
        : attempt >= maxAttempts
          ? 'retry-attempts-exhausted'
          : ageAfterDelay > maxAgeMs
            ? 'maximum-event-age-exceeded'
            : undefined;
      this.log({
        level: 'ERROR',
        message: 'EventBridge target delivery failed',
        rule: rule.name,
        target: target.id,
        eventId: event.id,
        attempt,
        willRetry: reason === undefined,
        error: errorMessage(failure),
      });
      if (reason) {
        this.deadLetter(rule, target, event, errorMessage(failure), reason, attempt);
        return;
      }
      await this.sleep(delay);
      if (this.closed) return;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  private deadLetter(rule: RuleDefinition, target: RuleTarget, event: EventBridgeEvent, error: string, reason: DeadLetterReason, attempts: number): void {
    const record: DeadLetterRecord = { ruleName: rule.name, targetId: target.id, event, error, reason, attempts, failedAt: new Date().toISOString() };
    this.deadLetterRecords.push(record);
    this.log({ level: 'ERROR', message: 'EventBridge gave up on a delivery; dead-letter record kept', rule: rule.name, target: target.id, eventId: event.id, reason, attempts, error });
    this.onDeadLetter?.(record, { ruleArn: this.ruleArn(rule.name), targetArn: this.targetArn(rule, target) });
    const file = this.deadLetterFile;
    if (!file) return;
    this.writes = this.writes
      .then(() => appendFile(file, `${JSON.stringify(record)}\n`, 'utf8'))
      .catch((writeError: unknown) => this.log({ level: 'ERROR', message: 'Could not write the dead-letter record', file, eventId: event.id, error: errorMessage(writeError) }));
  }

  private loadDeadLetters(file: string): void {
    mkdirSync(dirname(file), { recursive: true });
    if (!existsSync(file)) return;
    const lines = readFileSync(file, 'utf8').split('\n');
    for (const [index, line] of lines.entries()) {
      if (!line.trim()) continue;
      try {
        this.deadLetterRecords.push(JSON.parse(line) as DeadLetterRecord);
      } catch {
        // A line cut short by a hard kill must not cost the records after it.
        this.log({ level: 'WARN', message: 'Skipped an unreadable dead-letter line', file, line: index + 1 });
      }
    }
  }
}
