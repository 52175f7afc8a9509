/**
 * Reads a state machine's ASL file and fills in its `${Placeholder}` substitutions, as CloudFormation
 * does with DefinitionSubstitutions on AWS. The file is never rewritten: only what each placeholder
 * stands for differs between the targets.
 */
import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertSubstitutionsMatch, PLACEHOLDER } from '../../../definitions/asl-placeholders';
import { eventBusName } from '../../../definitions/event-bus';
import type { StateMachineDefinition, SubstitutionTarget } from '../../../definitions/state-machines';
import { localFunctionName } from '../../lambda-invoker';
import { lambdaFunctionArn, stateMachineArn } from './arns';

/** What a placeholder becomes on the target at hand. */
export type SubstitutionResolver = (target: SubstitutionTarget) => string;

const defaultRepositoryRoot = resolvePath(fileURLToPath(new URL('.', import.meta.url)), '../../../..');

/** The local names: the Lambda function the runtime serves, the local state machine, the local bus. */
export function localSubstitutionResolver({ region }: { region: string }): SubstitutionResolver {
  return (target) => {
    switch (target.kind) {
      case 'function':
        return lambdaFunctionArn(region, localFunctionName(target.function));
      case 'state-machine':
        return stateMachineArn(region, target.name);
      case 'event-bus':
        return eventBusName;
    }
  };
}

/**
 * Replaces every `${Name}` in the ASL text, after the same check CDK runs at synth: a placeholder
 * without a substitution, or a substitution the file never uses, is an error.
 */
export function substitutePlaceholders(
  text: string,
  definition: Pick<StateMachineDefinition, 'name' | 'definitionFile' | 'substitutions'>,
  resolve: SubstitutionResolver,
): string {
  assertSubstitutionsMatch(definition.name, definition.definitionFile, text, Object.keys(definition.substitutions));
  // Placeholders sit inside JSON strings, so the value is escaped as string content.
  return text.replace(PLACEHOLDER, (_, name: string) => JSON.stringify(resolve(definition.substitutions[name] as SubstitutionTarget)).slice(1, -1));
}

/** The state machine's ASL with its substitutions applied, parsed. */
export function loadStateMachineDefinition(
  definition: StateMachineDefinition,
  resolve: SubstitutionResolver,
  { repositoryRoot = defaultRepositoryRoot }: { repositoryRoot?: string } = {},
): Record<string, unknown> {
  const file = resolvePath(repositoryRoot, definition.definitionFile);
  const text = substitutePlaceholders(readFileSync(file, 'utf8'), definition, resolve);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${definition.definitionFile} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${definition.definitionFile} is not an ASL object`);
  return parsed as Record<string, unknown>;
}
