/**
 * Step Functions state machines, declared once. Each ASL file under statemachines/ uses
 * `${Placeholder}` substitutions; this map says what each placeholder stands for. CDK turns it into
 * ARNs (DefinitionSubstitutions); the local runtime into the same handler modules and local ARNs.
 */
import type { FunctionDefinition } from './api';
import { orderIntake, orderLifecycle } from './lifecycle';
import { orderReturn } from './returns';

export type SubstitutionTarget =
  /** A Lambda function (its ARN on AWS; its handler module locally). */
  | { readonly kind: 'function'; readonly function: FunctionDefinition }
  /** Another state machine (its ARN), for StartExecution / .sync nesting. */
  | { readonly kind: 'state-machine'; readonly name: string }
  /** The domain event bus (its name), for events:putEvents tasks. */
  | { readonly kind: 'event-bus' };

export interface StateMachineDefinition {
  /** Stable name: the CDK construct id and the state machine name. */
  readonly name: string;
  /** The ASL file, relative to the repository root. */
  readonly definitionFile: string;
  readonly type: 'STANDARD' | 'EXPRESS';
  readonly substitutions: Readonly<Record<string, SubstitutionTarget>>;
}

/** The OMS's state machines: the order lifecycle, the intake it nests, and returns. */
export const stateMachines: readonly StateMachineDefinition[] = [orderIntake, orderLifecycle, orderReturn];
