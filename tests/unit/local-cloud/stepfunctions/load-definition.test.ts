import { describe, expect, it } from 'vitest';
import type { SubstitutionTarget } from '../../../../infra/definitions/state-machines';
import { loadStateMachineDefinition, localSubstitutionResolver, substitutePlaceholders } from '../../../../infra/local/cloud/stepfunctions/load-definition';
import { fixtureFunctions, repositoryRoot, sampleStateMachine } from '../../../fixtures/stepfunctions/state-machines';

const resolve = localSubstitutionResolver({ region: 'eu-central-1' });
const shipment: SubstitutionTarget = { kind: 'state-machine', name: 'shipment' };

describe('ASL substitutions', () => {
  it('resolves functions, state machines and the event bus to their local ARNs and name', () => {
    // Prepare
    const definition = loadStateMachineDefinition(sampleStateMachine, resolve, { repositoryRoot });

    // Act
    const states = definition.States as Record<string, Record<string, unknown>>;

    // Assess
    expect(states.ValidateOrder!.Resource).toBe('arn:aws:lambda:eu-central-1:000000000000:function:oms-local-sfn-fixture-validate-order');
    expect(states.Ship!.Parameters).toMatchObject({ StateMachineArn: 'arn:aws:states:eu-central-1:000000000000:stateMachine:fixture-shipment' });
    expect(JSON.stringify(states.AnnounceShipped)).toContain('"EventBusName":"oms-events"');
    expect(JSON.stringify(definition)).not.toContain('${');
  });

  it('replaces every occurrence and escapes the value as JSON string content', () => {
    // Prepare
    const text = '{"a":"${Machine}","b":"prefix-${Machine}"}';

    // Act
    const substituted = substitutePlaceholders(text, { name: 'inline', definitionFile: 'inline.asl.json', substitutions: { Machine: shipment } }, () => 'quote"d');

    // Assess
    expect(JSON.parse(substituted)).toEqual({ a: 'quote"d', b: 'prefix-quote"d' });
  });

  it('fails on a placeholder without a substitution, naming it, so a typo fails at start-up', () => {
    // Prepare
    const text = '{"Resource":"${ValidateFunctoin}"}';

    // Act
    const substitute = () => substitutePlaceholders(text, { name: 'typo', definitionFile: 'typo.asl.json', substitutions: { ValidateFunction: { kind: 'function', function: fixtureFunctions.validateOrder } } }, resolve);

    // Assess
    expect(substitute).toThrow(/typo\.asl\.json.*no substitution for \$\{ValidateFunctoin\}/);
  });

  it('fails on a substitution the file never uses', () => {
    // Prepare
    const text = '{"Resource":"${Machine}"}';

    // Act
    const substitute = () => substitutePlaceholders(text, { name: 'unused', definitionFile: 'unused.asl.json', substitutions: { Machine: shipment, Leftover: { kind: 'event-bus' } } }, resolve);

    // Assess
    expect(substitute).toThrow(/unused\.asl\.json.*not used in the file: Leftover/);
  });

  it('fails when the definition file does not exist', () => {
    // Prepare
    const missing = { ...sampleStateMachine, definitionFile: 'statemachines/missing.asl.json' };

    // Act
    const load = () => loadStateMachineDefinition(missing, resolve, { repositoryRoot });

    // Assess
    expect(load).toThrow(/ENOENT/);
  });
});
