import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { fixtureDefinitions, fixtureFunctions } from '../fixtures/cdk/definitions';
import { NAG_CANARY_STACK, newTestApp, omsNagFindings, statementsOfRole, synthesizeApp } from './test-app';

let stateless: Template;
let nagFindings: readonly string[];

beforeAll(() => {
  // Prepare + Act: the app with one of every definition-driven resource, synthesized once.
  ({ stateless, nagFindings } = synthesizeApp(fixtureDefinitions));
});

/** Every function definition the fixtures reference, wherever they reference it. */
const referencedFunctions = (): FunctionDefinition[] => [
  ...fixtureDefinitions.routes.map((route) => route.function),
  ...fixtureDefinitions.stateMachines.flatMap((machine) =>
    Object.values(machine.substitutions).flatMap((target) => (target.kind === 'function' ? [target.function] : [])),
  ),
  ...fixtureDefinitions.eventRules.flatMap((rule) =>
    rule.targets.flatMap((target) => (target.kind === 'function' ? [target.function] : [])),
  ),
  ...fixtureDefinitions.streamConsumers.map((consumer) => consumer.function),
];

describe('the app built from fixture definitions', () => {
  it('builds one Lambda function per function name, however many routes, machines, rules and consumers use it', () => {
    // Prepare
    const references = referencedFunctions();
    const expected = new Set(references.map((definition) => definition.name)).size;

    // Act
    const functions = Object.keys(stateless.findResources('AWS::Lambda::Function'));

    // Assess
    expect(references.length).toBeGreaterThan(expected);
    expect(functions).toHaveLength(expected);
  });

  it('refuses two different function definitions under one name', () => {
    // Prepare
    const impostor = { ...fixtureFunctions.publishOutbox, entry: 'functions/orders/list-orders.ts' };
    const [consumer] = fixtureDefinitions.streamConsumers;
    const definitions = { ...fixtureDefinitions, streamConsumers: [consumer!, { ...consumer!, name: 'impostor', function: impostor }] };

    // Act
    const build = () => buildApp(newTestApp(), definitions);

    // Assess
    expect(build).toThrow(/Two different function definitions are named fixture-publish-outbox/);
  });

  it('grants a function exactly the state machine and bus actions it declares, with their env vars', () => {
    // Prepare
    const [id] = Object.entries(stateless.findResources('AWS::Lambda::Function')).find(
      ([, resource]) => (resource as { Properties: { Description?: string } }).Properties.Description?.includes('fixture-publish-outbox'),
    )!;
    const roleId = (stateless.toJSON().Resources[id] as { Properties: { Role: { 'Fn::GetAtt': [string, string] } } }).Properties.Role['Fn::GetAtt'][0];

    // Act
    const statements = statementsOfRole(stateless, roleId);
    const actionsOn = (fragment: string) =>
      statements.filter((statement) => JSON.stringify(statement.Resource).includes(fragment)).flatMap((statement) => [statement.Action].flat());
    const environment = (stateless.toJSON().Resources[id] as { Properties: { Environment: { Variables: Record<string, unknown> } } }).Properties.Environment.Variables;

    // Assess
    expect(actionsOn(':stateMachine:fixture-order-lifecycle').sort()).toEqual(
      ['states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:SendTaskSuccess', 'states:StartExecution'].sort(),
    );
    expect(actionsOn(':execution:fixture-order-lifecycle:*').sort()).toEqual(['states:DescribeExecution', 'states:GetExecutionHistory']);
    expect(statements.flatMap((statement) => [statement.Action].flat())).toContain('events:PutEvents');
    expect(Object.keys(environment)).toEqual(expect.arrayContaining(['EVENT_BUS_NAME', 'FIXTURE_ORDER_LIFECYCLE_STATE_MACHINE_ARN']));
    // A function that declares nothing gets neither.
    const reserveStock = Object.entries(stateless.findResources('AWS::Lambda::Function')).find(([, resource]) =>
      JSON.stringify(resource).includes('fixture-reserve-stock'),
    )!;
    expect(JSON.stringify(reserveStock[1])).not.toContain('EVENT_BUS_NAME');
  });

  it('refuses a function that uses a state machine nobody defines', () => {
    const stray = { ...fixtureFunctions.publishOutbox, stateMachines: { 'no-such-machine': ['start'] as const } };
    const [consumer] = fixtureDefinitions.streamConsumers;
    const definitions = { ...fixtureDefinitions, streamConsumers: [{ ...consumer!, function: stray }] };
    expect(() => buildApp(newTestApp(), definitions)).toThrow(/uses state machine no-such-machine, which is not defined/);
  });

  it('leaves no AwsSolutions finding unacknowledged', () => {
    // Prepare
    const canaryFindings = nagFindings.filter((finding) => finding.includes(` at ${NAG_CANARY_STACK}/`));

    // Act
    const omsFindings = omsNagFindings(nagFindings);

    // Assess
    expect(canaryFindings).not.toEqual([]);
    expect(omsFindings).toEqual([]);
  });
});
