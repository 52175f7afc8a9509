/**
 * The EventBridge API (awsJson1_1, `AWSEvents.*`) over the local bus, for the AWS SDK and the AWS
 * CLI pointed at the local endpoint: publishing, testing patterns with the very matcher the bus
 * routes with, and reading the rules and targets that `infra/definitions/event-bus.ts` declares.
 * Rules are read-only here: they come from the definitions, as CDK deploys them.
 */
import { scheduleExpression, type RuleDefinition, type RuleTarget } from '../../../definitions/event-bus';
import { AwsServiceError, type AwsJsonService } from '../aws-json-server';
import { compileEventPattern, type CompiledEventPattern, InvalidEventPatternError } from './event-pattern';
import { eventBusArn, type LocalEventBus, type PutEventsEntry } from './local-event-bus';

/** TestEventPattern refuses an event without these, as the API reference says. */
const requiredEventFields = ['id', 'account', 'source', 'time', 'region', 'resources', 'detail-type'];

function optionalString(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('ValidationException', `1 validation error detected: Value at '${name}' failed to satisfy constraint: Member must be a string`);
  return value;
}

function requiredString(input: Record<string, unknown>, name: string): string {
  const value = optionalString(input, name);
  if (!value) throw new AwsServiceError('ValidationException', `1 validation error detected: Value null at '${name}' failed to satisfy constraint: Member must not be null`);
  return value;
}

/** Limit/NextToken paging; the token is the opaque offset of the next page. */
function page<T>(items: readonly T[], input: Record<string, unknown>): { items: T[]; NextToken?: string } {
  const limit = input.Limit === undefined || input.Limit === null ? 100 : Number(input.Limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new AwsServiceError('ValidationException', "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
  }
  const token = optionalString(input, 'NextToken');
  const offset = token === undefined ? 0 : Number(Buffer.from(token, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw new AwsServiceError('ValidationException', 'The NextToken is not valid.');
  const next = offset + limit;
  return { items: items.slice(offset, next), ...(next < items.length && { NextToken: Buffer.from(String(next), 'utf8').toString('base64url') }) };
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AwsServiceError('InvalidEventPatternException', `${what} is not valid. Reason: it is not valid JSON`);
  }
}

export function eventBridgeService(bus: LocalEventBus): AwsJsonService {
  const busNamed = (input: Record<string, unknown>, parameter: string): string => {
    const requested = optionalString(input, parameter);
    const name = bus.resolveBusName(requested);
    if (!name) throw new AwsServiceError('ResourceNotFoundException', `Event bus ${requested} does not exist.`);
    return name;
  };
  // Scheduled rules live on the default bus, as EventBridge runs schedules only there.
  const rulesOn = (busName: string): readonly RuleDefinition[] =>
    bus.rules.filter((rule) => (rule.schedule ? busName === 'default' : busName === bus.eventBusName));
  const ruleNamed = (input: Record<string, unknown>, parameter: string): RuleDefinition => {
    const busName = busNamed(input, 'EventBusName');
    const name = requiredString(input, parameter);
    const rule = rulesOn(busName).find((candidate) => candidate.name === name);
    if (!rule) throw new AwsServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${busName}.`);
    return rule;
  };
  const ruleOutput = (rule: RuleDefinition) => ({
    Name: rule.name,
    Arn: bus.ruleArn(rule.name),
    ...(rule.schedule ? { ScheduleExpression: scheduleExpression(rule.schedule) } : { EventPattern: JSON.stringify(rule.eventPattern) }),
    State: 'ENABLED',
    Description: rule.description,
    EventBusName: rule.schedule ? 'default' : bus.eventBusName,
  });
  const targetOutput = (rule: RuleDefinition, target: RuleTarget) => ({
    Id: target.id,
    Arn: bus.targetArn(rule, target),
    ...(target.inputPath && { InputPath: target.inputPath }),
    ...(target.inputTransformer && {
      InputTransformer: { InputPathsMap: { ...target.inputTransformer.inputPathsMap }, InputTemplate: target.inputTransformer.inputTemplate },
    }),
    ...(target.retryPolicy && {
      RetryPolicy: { MaximumRetryAttempts: target.retryPolicy.maximumRetryAttempts, MaximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeSeconds },
    }),
  });

  return {
    targetPrefix: 'AWSEvents',
    contentType: 'application/x-amz-json-1.1',
    operations: {
      PutEvents: async (input) => bus.putEvents(input.Entries as PutEventsEntry[] | undefined),

      TestEventPattern: async (input) => {
        const pattern = parseJson(requiredString(input, 'EventPattern'), 'Event pattern');
        let compiled: CompiledEventPattern;
        try {
          compiled = compileEventPattern(pattern);
        } catch (error) {
          if (error instanceof InvalidEventPatternError) throw new AwsServiceError('InvalidEventPatternException', error.message);
          throw error;
        }
        const event = parseJson(requiredString(input, 'Event'), 'Event');
        if (typeof event !== 'object' || event === null || Array.isArray(event)) {
          throw new AwsServiceError('InvalidEventPatternException', 'Event is not valid. Reason: it must be a JSON object');
        }
        const missing = requiredEventFields.filter((field) => !Object.hasOwn(event, field));
        if (missing.length > 0) throw new AwsServiceError('InvalidEventPatternException', `Event is not valid. Reason: missing required fields ${missing.join(', ')}`);
        return { Result: compiled.matches(event) };
      },

      ListRules: async (input) => {
        const prefix = optionalString(input, 'NamePrefix') ?? '';
        const rules = rulesOn(busNamed(input, 'EventBusName')).filter((rule) => rule.name.startsWith(prefix));
        const { items, ...next } = page(rules, input);
        return { Rules: items.map(ruleOutput), ...next };
      },

      DescribeRule: async (input) => ({ ...ruleOutput(ruleNamed(input, 'Name')), CreatedBy: bus.accountId }),

      ListTargetsByRule: async (input) => {
        const rule = ruleNamed(input, 'Rule');
        const { items, ...next } = page(rule.targets, input);
        return { Targets: items.map((target) => targetOutput(rule, target)), ...next };
      },

      DescribeEventBus: async (input) => {
        const name = busNamed(input, 'Name');
        const created = bus.createdAt.getTime() / 1000;
        return { Name: name, Arn: eventBusArn(bus.region, bus.accountId, name), CreationTime: created, LastModifiedTime: created };
      },
    },
  };
}
