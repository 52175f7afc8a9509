import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import type { FunctionDefinition } from '../../infra/definitions/api';
import { fixtureDefinitions, fixtureFunctions } from '../fixtures/cdk/definitions';
import { NAG_CANARY_STACK, newTestApp, omsNagFindings, synthesizeApp } from './test-app';

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
