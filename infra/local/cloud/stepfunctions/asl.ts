/**
 * Turns a state machine's ASL into what aws-local-stepfunctions runs. The interpreter knows no
 * service integrations, no task tokens, no heartbeats and no time scale, so the engine runs every
 * Task (and Wait) state through its own handler and gives the interpreter a copy of the definition
 * adjusted for that. The definition clients see (DescribeStateMachine) is never changed.
 */
import { StateMachine } from 'aws-local-stepfunctions';

export type JsonObject = Record<string, unknown>;

export type TaskPattern = 'request-response' | 'sync' | 'sync:2' | 'wait-for-task-token';

export type TaskResource =
  /** A Lambda ARN as the resource: the state input is the payload, the result is the output. */
  | { readonly kind: 'lambda-function'; readonly functionArn: string }
  /** An optimised integration (`arn:aws:states:::<service>:<action>[.<pattern>]`). */
  | {
      readonly kind: 'integration';
      readonly service: 'lambda' | 'events' | 'states';
      readonly action: 'invoke' | 'putEvents' | 'startExecution';
      readonly pattern: TaskPattern;
      /** As the execution history names it: `invoke.waitForTaskToken`, `startExecution.sync:2`. */
      readonly historyResource: string;
    };

export interface StateInfo {
  readonly name: string;
  /** The type in the definition; Wait states run as Tasks in the interpreter. */
  readonly type: string;
  readonly topLevel: boolean;
  readonly definition: JsonObject;
  readonly resource?: TaskResource;
  /** The id under which the state's name is found in the context object (see prepareDefinition). */
  readonly contextId: string;
  /** For Map and Parallel states: every state nested inside, at any depth. */
  readonly descendants: string[];
  /**
   * TimeoutSecondsPath and HeartbeatSecondsPath read the state input, but a handler only sees the
   * Parameters result. For such tasks the interpreter's Parameters carry both (see DurationPaths).
   */
  readonly durationPaths: boolean;
}

/** What the handler of a task with duration paths receives instead of the bare Parameters result. */
export interface DurationPathsInput {
  readonly parameters: unknown;
  readonly timeoutSeconds?: unknown;
  readonly heartbeatSeconds?: unknown;
}

/** A Node.js timer cannot wait longer than 2^31-1 ms; the longest wait the interpreter is given. */
export const longestTimerSeconds = 2_147_483;

/** What `$$.Task.Token` yields while Parameters are evaluated; each attempt replaces it with a fresh token. */
export const taskTokenPlaceholder = '__local-stepfunctions-task-token__';

const integrations: Record<string, readonly TaskPattern[]> = {
  'lambda:invoke': ['request-response', 'wait-for-task-token'],
  'events:putEvents': ['request-response', 'wait-for-task-token'],
  'states:startExecution': ['request-response', 'sync', 'sync:2', 'wait-for-task-token'],
};

export function parseTaskResource(resource: string): TaskResource | undefined {
  if (/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[^:]+(:[^:]+)?$/.test(resource)) return { kind: 'lambda-function', functionArn: resource };
  const match = /^arn:aws[\w-]*:states:[\w-]*:\d*:(\w+):(\w+)(?:\.(sync:2|sync|waitForTaskToken))?$/.exec(resource);
  if (!match) return undefined;
  const [, service = '', action = '', suffix] = match;
  const pattern: TaskPattern = suffix === undefined ? 'request-response' : suffix === 'waitForTaskToken' ? 'wait-for-task-token' : (suffix as TaskPattern);
  if (!integrations[`${service}:${action}`]?.includes(pattern)) return undefined;
  return {
    kind: 'integration',
    service: service as 'lambda' | 'events' | 'states',
    action: action as 'invoke' | 'putEvents' | 'startExecution',
    pattern,
    historyResource: suffix ? `${action}.${suffix}` : action,
  };
}

/**
 * Reads a reference path (`$.a.b[0]`, `$$.Execution.Id`, `$['a b']`): the simple JSONPath subset ASL
 * allows in *Path fields such as SecondsPath or HeartbeatSecondsPath.
 */
export function readReferencePath(path: string, input: unknown, context: unknown): { found: true; value: unknown } | { found: false } {
  let value: unknown;
  let rest: string;
  if (path.startsWith('$$')) [value, rest] = [context, path.slice(2)];
  else if (path.startsWith('$')) [value, rest] = [input, path.slice(1)];
  else return { found: false };
  while (rest.length > 0) {
    const step = /^\.([^.[\]]+)|^\[(\d+)\]|^\['([^']*)'\]|^\["([^"]*)"\]/.exec(rest);
    if (!step) return { found: false };
    rest = rest.slice(step[0].length);
    if (step[2] !== undefined) {
      if (!Array.isArray(value)) return { found: false };
      value = value[Number(step[2])];
    } else {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return { found: false };
      const key = (step[1] ?? step[3] ?? step[4]) as string;
      if (!Object.hasOwn(value, key)) return { found: false };
      value = (value as JsonObject)[key];
    }
    if (value === undefined) return { found: false };
  }
  return { found: true, value };
}

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

const isPathKey = (key: string) => key === 'Variable' || (key.endsWith('Path') && key !== 'ResultPath');

/**
 * The interpreter rebuilds `$$.Execution.Input` and `StartTime` for every Map iteration and Parallel
 * branch (as the iteration's input and start), and knows no `$$.State.Name`. Paths are pointed at
 * fields the engine fills in per execution instead, so they mean what they mean on AWS.
 */
function rewriteContextPaths(path: string, contextId: string): string {
  return path
    .replace(/\$\$\.Execution\.Input(?![\w$])/g, () => '$$.Execution.LocalInput')
    .replace(/\$\$\.Execution\.StartTime(?![\w$])/g, () => '$$.Execution.LocalStartTime')
    .replace(/\$\$\.State\.Name(?![\w$])/g, () => `$$.LocalStateNames.${contextId}`);
}

function rewriteTemplate(node: unknown, contextId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteTemplate(item, contextId));
  if (!isObject(node)) return node;
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [
      key,
      key.endsWith('.$') && typeof value === 'string' ? rewriteContextPaths(value, contextId) : rewriteTemplate(value, contextId),
    ]),
  );
}

function rewriteChoiceRule(rule: unknown, contextId: string): unknown {
  if (!isObject(rule)) return rule;
  return Object.fromEntries(
    Object.entries(rule).map(([key, value]) => {
      if (typeof value === 'string' && isPathKey(key)) return [key, rewriteContextPaths(value, contextId)];
      if (key === 'And' || key === 'Or') return [key, Array.isArray(value) ? value.map((nested) => rewriteChoiceRule(nested, contextId)) : value];
      if (key === 'Not') return [key, rewriteChoiceRule(value, contextId)];
      return [key, value];
    }),
  );
}

const subMachineKeys = new Set(['ItemProcessor', 'Iterator', 'Branches']);
const templateKeys = new Set(['Parameters', 'ItemSelector', 'ResultSelector']);

function rewriteStateFields(state: JsonObject, contextId: string): void {
  for (const [key, value] of Object.entries(state)) {
    if (subMachineKeys.has(key)) continue;
    if (typeof value === 'string' && isPathKey(key)) state[key] = rewriteContextPaths(value, contextId);
    else if (templateKeys.has(key)) state[key] = rewriteTemplate(value, contextId);
    else if (key === 'Choices' && Array.isArray(value)) state[key] = value.map((rule) => rewriteChoiceRule(rule, contextId));
  }
}

/** Scaled intervals keep the backoff shape: interval × rate^attempt × scale, capped at MaxDelay × scale. */
function scaleRetriers(state: JsonObject, timeScale: number): void {
  if (!Array.isArray(state.Retry)) return;
  state.Retry = state.Retry.map((retrier: JsonObject) => ({
    ...retrier,
    IntervalSeconds: (typeof retrier.IntervalSeconds === 'number' ? retrier.IntervalSeconds : 1) * timeScale,
    ...(typeof retrier.MaxDelaySeconds === 'number' && { MaxDelaySeconds: retrier.MaxDelaySeconds * timeScale }),
  }));
}

const unsupportedMapFields = ['ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label'];

export interface PreparedDefinition {
  /** The definition as registered, parsed. */
  readonly definition: JsonObject;
  readonly states: ReadonlyMap<string, StateInfo>;
  readonly topLevelStates: ReadonlySet<string>;
  /** Task and Wait states: the ones the engine runs itself. */
  readonly handledStates: readonly StateInfo[];
  /** The execution timeout in the definition, unscaled. */
  readonly timeoutSeconds: number | undefined;
  /** Context-object id → state name, for `$$.State.Name`. */
  readonly stateNamesById: Readonly<Record<string, string>>;
  /**
   * Sets the timeout the interpreter applies to the Task attempt that is starting. The interpreter
   * reads a Task's TimeoutSeconds right after calling its handler, in the same synchronous step, so
   * the handler sets it (scaled, or from TimeoutSecondsPath) just before it returns. Returns the
   * value the interpreter will use, so the engine's own timer for the attempt matches it exactly.
   */
  setAttemptTimeout(stateName: string, seconds: number): number;
  /** The interpreter, starting at StartAt or (for a redrive) at the given top-level state. */
  interpreter(startAt?: string): StateMachine;
}

/** Definitions that passed validation: asl-validator compiles its schemas on every call (~0.1 s). */
const validDefinitions = new Set<string>();

/** The interpreter's own validation (asl-validator): structure, paths, ARNs, reachability. */
function validate(definition: JsonObject): void {
  const key = JSON.stringify(definition);
  if (validDefinitions.has(key)) return;
  // A clone: asl-validator writes defaults (QueryLanguage) into what it checks.
  new StateMachine(structuredClone(definition) as never, { validationOptions: { checkArn: true, checkPaths: true } });
  validDefinitions.add(key);
}

/**
 * Validates the definition and prepares the interpreter's copy. Throws on anything the local engine
 * cannot run faithfully, so it fails when the state machine is registered, not mid-execution.
 */
export function prepareDefinition(definition: JsonObject, timeScale: number, { validateSchema = true }: { validateSchema?: boolean } = {}): PreparedDefinition {
  if (validateSchema) validate(definition);
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata') problems.push('JSONata (QueryLanguage) is not supported locally; use JSONPath');

  const copy = structuredClone(definition);
  const states = new Map<string, StateInfo>();
  const attemptTimeouts = new Map<string, number>();

  const visit = (machine: JsonObject, machineCopy: JsonObject, topLevel: boolean, ancestors: readonly string[]) => {
    const machineStates = (machine.States ?? {}) as Record<string, JsonObject>;
    const copyStates = (machineCopy.States ?? {}) as Record<string, JsonObject>;
    for (const [name, state] of Object.entries(machineStates)) {
      const stateCopy = copyStates[name] as JsonObject;
      const type = String(state.Type);
      if (states.has(name)) problems.push(`state name "${name}" is used more than once (AWS requires unique names across the whole state machine)`);
      if (state.QueryLanguage === 'JSONata') problems.push(`${name}: JSONata is not supported locally`);
      for (const field of ['Assign', 'Arguments', 'Output']) if (field in state) problems.push(`${name}: ${field} (variables / JSONata) is not supported locally`);
      let resource: TaskResource | undefined;
      if (type === 'Task') {
        resource = parseTaskResource(String(state.Resource));
        if (!resource) problems.push(`${name}: resource ${String(state.Resource)} is not supported locally`);
      }
      const durationPaths = type === 'Task' && (typeof state.TimeoutSecondsPath === 'string' || typeof state.HeartbeatSecondsPath === 'string');
      const info: StateInfo = { name, type, topLevel, definition: state, contextId: `s${states.size}`, descendants: [], durationPaths, ...(resource && { resource }) };
      states.set(name, info);
      for (const ancestor of ancestors) states.get(ancestor)?.descendants.push(name);

      rewriteStateFields(stateCopy, info.contextId);
      scaleRetriers(stateCopy, timeScale);
      if (type === 'Task') {
        if (durationPaths) {
          const { Parameters: parameters, TimeoutSecondsPath: timeoutPath, HeartbeatSecondsPath: heartbeatPath } = stateCopy;
          stateCopy.Parameters = {
            ...(parameters === undefined ? { 'parameters.$': '$' } : { parameters }),
            ...(typeof timeoutPath === 'string' && { 'timeoutSeconds.$': timeoutPath }),
            ...(typeof heartbeatPath === 'string' && { 'heartbeatSeconds.$': heartbeatPath }),
          };
        }
        for (const field of ['TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath']) delete stateCopy[field];
        Object.defineProperty(stateCopy, 'TimeoutSeconds', { enumerable: true, get: () => attemptTimeouts.get(name) ?? longestTimerSeconds });
      } else if (type === 'Wait') {
        // A Wait runs as a Task whose handler sleeps the scaled duration and passes its input on.
        for (const field of ['Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath']) delete stateCopy[field];
        Object.assign(stateCopy, { Type: 'Task', Resource: 'arn:aws:states:::local:wait', TimeoutSeconds: longestTimerSeconds });
      } else if (type === 'Map') {
        for (const field of unsupportedMapFields) if (field in state) problems.push(`${name}: ${field} (distributed Map) is not supported locally`);
        const processorKey = 'ItemProcessor' in state ? 'ItemProcessor' : 'Iterator';
        visit(state[processorKey] as JsonObject, stateCopy[processorKey] as JsonObject, false, [...ancestors, name]);
      } else if (type === 'Parallel') {
        const branches = (state.Branches ?? []) as JsonObject[];
        const branchCopies = (stateCopy.Branches ?? []) as JsonObject[];
        branches.forEach((branch, index) => visit(branch, branchCopies[index] as JsonObject, false, [...ancestors, name]));
      }
    }
  };
  visit(definition, copy, true, []);
  if (problems.length > 0) throw new Error(`State machine definition cannot run locally:\n  ${problems.join('\n  ')}`);

  // The engine enforces the execution timeout itself, so it can be scaled and reported as TIMED_OUT.
  delete copy.TimeoutSeconds;
  const interpreters = new Map<string, StateMachine>();
  const topLevelStates = new Set([...states.values()].filter((state) => state.topLevel).map((state) => state.name));
  return {
    definition,
    states,
    topLevelStates,
    handledStates: [...states.values()].filter((state) => state.type === 'Task' || state.type === 'Wait'),
    timeoutSeconds: typeof definition.TimeoutSeconds === 'number' ? definition.TimeoutSeconds : undefined,
    stateNamesById: Object.fromEntries([...states.values()].map((state) => [state.contextId, state.name])),
    // A zero would read as "no timeout" to the interpreter, which then applies its own 60 s default.
    setAttemptTimeout(stateName, seconds) {
      const effective = Math.min(Math.max(seconds, 0.001), longestTimerSeconds);
      attemptTimeouts.set(stateName, effective);
      return effective;
    },
    interpreter(startAt = String(copy.StartAt)) {
      let interpreter = interpreters.get(startAt);
      if (!interpreter) {
        interpreter = new StateMachine({ ...copy, StartAt: startAt } as never, { validationOptions: { noValidate: true } });
        interpreters.set(startAt, interpreter);
      }
      return interpreter;
    },
  };
}
