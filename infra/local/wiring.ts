/**
 * What the local runtime actually serves, read from the running pieces (not from the definition
 * lists), so the parity check compares the CDK template with reality.
 */
import { DescribeTableCommand, DescribeTimeToLiveCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { RouteDefinition } from '../definitions/api';
import { scheduleExpression, type RuleTarget } from '../definitions/event-bus';
import type { SubstitutionTarget } from '../definitions/state-machines';
import type { TableName } from '../definitions/tables';
import type { LocalCloud } from './cloud/local-cloud';

export interface LocalWiring {
  readonly routes: readonly { readonly routeKey: string; readonly functionName: string }[];
  readonly tables: readonly {
    readonly id: TableName;
    readonly keySchema: Record<string, string>;
    readonly globalSecondaryIndexes: Record<string, Record<string, string>>;
    readonly streamViewType?: string;
    readonly timeToLiveAttribute?: string;
  }[];
  readonly stateMachines: readonly {
    readonly name: string;
    readonly definitionFile: string;
    readonly type: string;
    readonly substitutions: Record<string, string>;
  }[];
  readonly eventRules: readonly {
    readonly name: string;
    /** `default` for a scheduled rule: EventBridge runs schedules only on the default bus. */
    readonly bus: 'domain' | 'default';
    /** A pattern rule's pattern, or a scheduled rule's schedule expression. */
    readonly eventPattern?: unknown;
    readonly schedule?: string;
    readonly targets: readonly { readonly id: string; readonly kind: RuleTarget['kind']; readonly to: string }[];
  }[];
  readonly streamConsumers: readonly {
    readonly name: string;
    readonly table: TableName;
    readonly functionName: string;
    readonly batchSize: number;
    readonly startingPosition: string;
    readonly maximumRetryAttempts: number;
    readonly reportBatchItemFailures: boolean;
    readonly bisectBatchOnFunctionError: boolean;
    /** Each filter pattern as canonical JSON, sorted. */
    readonly filterPatterns: readonly string[];
  }[];
}

const keyMap = (schema: { AttributeName?: string; KeyType?: string }[] | undefined) =>
  Object.fromEntries((schema ?? []).map((key) => [key.KeyType as string, key.AttributeName as string]));

/** What a substitution resolves to, named the same way on both targets. */
export const describeSubstitution = (target: SubstitutionTarget): string =>
  target.kind === 'function' ? `function:${target.function.name}` : target.kind === 'state-machine' ? `state-machine:${target.name}` : 'event-bus';

export const describeRuleTarget = (target: RuleTarget): string =>
  target.kind === 'function' ? `function:${target.function.name}` : target.kind === 'state-machine' ? `state-machine:${target.stateMachineName}` : `api-destination:${target.endpointUrl}`;

export async function describeLocalWiring({
  routes,
  dynamoDb,
  tableNames,
  cloud,
}: {
  routes: readonly RouteDefinition[];
  dynamoDb: DynamoDBClient;
  tableNames: Readonly<Record<TableName, string>>;
  cloud: LocalCloud;
}): Promise<LocalWiring> {
  const tables = await Promise.all(
    (Object.entries(tableNames) as [TableName, string][]).map(async ([id, TableName]) => {
      const { Table } = await dynamoDb.send(new DescribeTableCommand({ TableName }));
      const { TimeToLiveDescription } = await dynamoDb.send(new DescribeTimeToLiveCommand({ TableName }));
      return {
        id,
        keySchema: keyMap(Table?.KeySchema),
        globalSecondaryIndexes: Object.fromEntries((Table?.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName as string, { ...keyMap(index.KeySchema), projection: describeProjection(index.Projection) }])),
        ...(Table?.StreamSpecification?.StreamEnabled && { streamViewType: Table.StreamSpecification.StreamViewType as string }),
        ...(TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED' && { timeToLiveAttribute: TimeToLiveDescription.AttributeName as string }),
      };
    }),
  );
  return {
    routes: routes.map((route) => ({ routeKey: `${route.method} ${route.path}`, functionName: route.function.name })),
    tables,
    stateMachines: cloud.stateMachines.map((machine) => ({
      name: machine.name,
      definitionFile: machine.definitionFile,
      type: machine.type,
      substitutions: Object.fromEntries(Object.entries(machine.substitutions).map(([placeholder, target]) => [placeholder, describeSubstitution(target)])),
    })),
    eventRules: cloud.eventBus.rules.map((rule) => ({
      name: rule.name,
      ...(rule.schedule
        ? { bus: 'default' as const, schedule: scheduleExpression(rule.schedule) }
        : { bus: 'domain' as const, eventPattern: rule.eventPattern }),
      targets: rule.targets.map((target) => ({ id: target.id, kind: target.kind, to: describeRuleTarget(target) })),
    })),
    streamConsumers: [...cloud.streamPollers.values()].map(({ consumer }) => ({
      name: consumer.name,
      table: consumer.table,
      functionName: consumer.function.name,
      batchSize: consumer.batchSize,
      startingPosition: consumer.startingPosition,
      maximumRetryAttempts: consumer.maximumRetryAttempts,
      reportBatchItemFailures: consumer.reportBatchItemFailures,
      bisectBatchOnFunctionError: consumer.bisectBatchOnFunctionError,
      filterPatterns: (consumer.filterPatterns ?? []).map((pattern) => JSON.stringify(pattern)).sort(),
    })),
  };
}

/** An index projection in one comparable string: `ALL`, `KEYS_ONLY`, or `INCLUDE(a,b)` with sorted names. */
export const describeProjection = (projection: { ProjectionType?: string; NonKeyAttributes?: readonly string[] } | undefined) =>
  projection?.ProjectionType === 'INCLUDE' ? `INCLUDE(${[...(projection.NonKeyAttributes ?? [])].sort().join(',')})` : (projection?.ProjectionType ?? 'ALL');
