/**
 * Parity: everything the CDK app deploys is served by the local runtime from the same definition.
 * The template side is read from a synthesized app; the local side from the running runtime.
 * A resource added to CDK without local wiring (or the other way round) fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { omsDefinitions } from '../../infra/aws/stateless-stack';
import { tables } from '../../infra/definitions/tables';
import { repositoryRoot, startLocalRuntime, type LocalRuntime } from '../../infra/local/runtime';
import { describeProjection, type LocalWiring } from '../../infra/local/wiring';
import { fixtureDefinitions } from '../fixtures/cdk/definitions';
import { logicalIdOf, synthesizeApp, type SynthesizedApp } from '../infra/test-app';

type Resource = { Type: string; Properties: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any -- CloudFormation JSON

const keyMap = (schema: { AttributeName: string; KeyType: string }[] = []) =>
  Object.fromEntries(schema.map((key) => [key.KeyType, key.AttributeName]));

/** Reads the deployed wiring out of the synthesized templates, in the local wiring's terms. */
function templateWiring(synth: SynthesizedApp): LocalWiring & { stateMachineAslMismatches: string[] } {
  const stateless = synth.stateless.toJSON().Resources as Record<string, Resource>;
  const stateful = synth.stateful.toJSON().Resources as Record<string, Resource>;
  const of = (resources: Record<string, Resource>, type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

  const functionNameByLogicalId = new Map([...synth.oms.stateless.functions].map(([name, omsFunction]) => [logicalIdOf(omsFunction.function), name]));
  const functionName = (reference: unknown) => {
    const logicalId = JSON.stringify(reference).match(/"([A-Za-z0-9]+)"/g)?.map((quoted) => quoted.slice(1, -1)).find((id) => functionNameByLogicalId.has(id));
    return logicalId ? (functionNameByLogicalId.get(logicalId) as string) : `unknown:${JSON.stringify(reference)}`;
  };
  const describeReference = (reference: unknown): string => {
    const text = JSON.stringify(reference);
    const machine = /:stateMachine:([A-Za-z0-9-_]+)/.exec(text)?.[1];
    if (machine) return `state-machine:${machine}`;
    const stateMachine = [...synth.oms.stateless.stateMachines].find(([, construct]) => text.includes(logicalIdOf(construct)));
    if (stateMachine) return `state-machine:${stateMachine[0]}`;
    if (text.includes('EventBus')) return 'event-bus';
    if (text.includes('ApiDestination')) return 'api-destination';
    return `function:${functionName(reference)}`;
  };
  const tableIdOf = (logicalId: string) => (Object.keys(tables) as (keyof typeof tables)[]).find((id) => logicalId.startsWith(tables[id].id)) as keyof typeof tables;

  const stateMachineAslMismatches: string[] = [];
  const stateMachines = of(stateless, 'AWS::StepFunctions::StateMachine').map(([, { Properties }]) => {
    const definition = [...omsDefinitions.stateMachines, ...fixtureDefinitions.stateMachines].find((machine) => machine.name === Properties.StateMachineName);
    const staged = readFileSync(join(synth.assemblyDirectory, `asset.${Properties.DefinitionS3Location.Key}`), 'utf8');
    if (!definition || staged !== readFileSync(join(repositoryRoot, definition.definitionFile), 'utf8')) {
      stateMachineAslMismatches.push(Properties.StateMachineName);
    }
    return {
      name: Properties.StateMachineName as string,
      definitionFile: definition?.definitionFile ?? 'unknown',
      type: Properties.StateMachineType as string,
      substitutions: Object.fromEntries(Object.entries(Properties.DefinitionSubstitutions ?? {}).map(([key, value]) => [key, describeReference(value)])),
    };
  });

  return {
    routes: of(stateless, 'AWS::ApiGatewayV2::Route').map(([, { Properties }]) => {
      const integrationId = JSON.stringify(Properties.Target).match(/"Ref":"([^"]+)"/)?.[1] as string;
      return { routeKey: Properties.RouteKey, functionName: functionName(stateless[integrationId]?.Properties.IntegrationUri) };
    }),
    tables: of(stateful, 'AWS::DynamoDB::GlobalTable').map(([logicalId, { Properties }]) => ({
      id: tableIdOf(logicalId),
      keySchema: keyMap(Properties.KeySchema),
      globalSecondaryIndexes: Object.fromEntries(
        (Properties.GlobalSecondaryIndexes ?? []).map((index: { IndexName: string; KeySchema: never; Projection: never }) => [index.IndexName, { ...keyMap(index.KeySchema), projection: describeProjection(index.Projection) }]),
      ),
      ...(Properties.StreamSpecification && { streamViewType: Properties.StreamSpecification.StreamViewType }),
      ...(Properties.TimeToLiveSpecification?.Enabled && { timeToLiveAttribute: Properties.TimeToLiveSpecification.AttributeName }),
    })),
    stateMachines,
    eventRules: of(stateless, 'AWS::Events::Rule').map(([, { Properties }]) => ({
      name: Properties.Name,
      bus: Properties.EventBusName === undefined ? ('default' as const) : ('domain' as const),
      ...(Properties.ScheduleExpression !== undefined ? { schedule: Properties.ScheduleExpression } : { eventPattern: Properties.EventPattern }),
      targets: (Properties.Targets as { Id: string; Arn: unknown }[]).map((target) => {
        const to = describeReference(target.Arn);
        const kind = to.split(':')[0] as 'function' | 'state-machine' | 'api-destination';
        return { id: target.Id, kind, to };
      }),
    })),
    streamConsumers: of(stateless, 'AWS::Lambda::EventSourceMapping').map(([, { Properties }]) => {
      const name = functionName(Properties.FunctionName);
      const consumer = [...omsDefinitions.streamConsumers, ...fixtureDefinitions.streamConsumers].find((candidate) => candidate.function.name === name);
      return {
        name: consumer?.name ?? `unknown consumer of ${name}`,
        table: tableIdOf(JSON.stringify(Properties.EventSourceArn).match(/Output(?:FnGetAtt|Ref)([A-Za-z]+?)[A-F0-9]{8}/)?.[1] ?? ''),
        functionName: name,
        batchSize: Properties.BatchSize,
        startingPosition: Properties.StartingPosition,
        maximumRetryAttempts: Properties.MaximumRetryAttempts,
        reportBatchItemFailures: (Properties.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
        bisectBatchOnFunctionError: Properties.BisectBatchOnFunctionError ?? false,
        filterPatterns: ((Properties.FilterCriteria?.Filters ?? []) as { Pattern: string }[]).map((filter) => JSON.stringify(JSON.parse(filter.Pattern))).sort(),
      };
    }),
    stateMachineAslMismatches,
  };
}

/** Order-independent form, so the comparison is about content. */
const normalized = (wiring: LocalWiring) => {
  const byJson = <T>(items: readonly T[]) => [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    routes: byJson(wiring.routes),
    tables: byJson(wiring.tables),
    stateMachines: byJson(wiring.stateMachines),
    eventRules: byJson(wiring.eventRules.map((rule) => ({ ...rule, targets: byJson(rule.targets.map((t) => ({ ...t, to: t.to.replace(/^api-destination:.*/, 'api-destination') }))) }))),
    streamConsumers: byJson(wiring.streamConsumers),
  };
};

describe('CDK ↔ local runtime parity', () => {
  let runtime: LocalRuntime;
  beforeAll(async () => {
    runtime = await startLocalRuntime({ inMemory: true, port: 0, awsPort: 0 });
  });
  afterAll(async () => {
    await runtime.stop();
  });

  it('serves locally every route, table, state machine, rule and stream mapping that CDK deploys, from the same definition', async () => {
    // Prepare
    const deployed = templateWiring(synthesizeApp());

    // Act
    const local = await runtime.describeWiring();

    // Assess
    expect(deployed.stateMachineAslMismatches).toEqual([]);
    expect(normalized(local)).toEqual(normalized(deployed));
    expect(local.routes.length).toBeGreaterThan(0);
    expect(local.tables.length).toBe(Object.keys(tables).length);
  });

  it('holds for every kind of resource: state machines, rules with each target kind, stream mappings', async () => {
    // Prepare: both sides from definitions that use every kind (the OMS's own lists are still short)
    const deployed = templateWiring(synthesizeApp(fixtureDefinitions));
    const fixtureRuntime = await startLocalRuntime({
      inMemory: true,
      port: 0,
      awsPort: 0,
      cloudDefinitions: {
        stateMachines: fixtureDefinitions.stateMachines,
        eventRules: fixtureDefinitions.eventRules,
        streamConsumers: fixtureDefinitions.streamConsumers,
      },
    });

    // Act
    const local = await fixtureRuntime.describeWiring().finally(() => fixtureRuntime.stop());

    // Assess
    expect(deployed.stateMachineAslMismatches).toEqual([]);
    expect(normalized(local)).toEqual(normalized(deployed));
    expect(local.stateMachines).toHaveLength(fixtureDefinitions.stateMachines.length);
    expect(local.eventRules[0]?.targets).toHaveLength(3);
    expect(local.streamConsumers).toHaveLength(1);
  });

  it('fails when CDK deploys a state machine, rule or stream mapping the local runtime does not serve', async () => {
    // Prepare: CDK built from definitions with extra resources, the runtime from the real ones
    const deployed = templateWiring(synthesizeApp(fixtureDefinitions));

    // Act
    const local = normalized(await runtime.describeWiring());
    const template = normalized(deployed);

    // Assess: exactly the extra resources show up as differences
    const servedOnlyByCdk = (deployed: readonly { name: string }[], served: readonly { name: string }[]) =>
      deployed.filter((resource) => !served.some((candidate) => candidate.name === resource.name));
    expect(servedOnlyByCdk(template.stateMachines, local.stateMachines)).not.toEqual([]);
    expect(servedOnlyByCdk(template.eventRules, local.eventRules)).not.toEqual([]);
    expect(servedOnlyByCdk(template.streamConsumers, local.streamConsumers)).not.toEqual([]);
    expect(template).not.toEqual(local);
  });
});
