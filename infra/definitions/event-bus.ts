/**
 * The domain event bus, its rules and their targets, declared once: CDK creates the rules, and the
 * local runtime routes events with the same patterns to the same handlers.
 */
import type { FunctionDefinition } from './api';

export const eventBusName = 'oms-events';

/** An EventBridge event pattern (JSON), as documented by AWS. */
export type EventPattern = Readonly<Record<string, unknown>>;

export interface RetryPolicy {
  /** 0..185, as on AWS. */
  readonly maximumRetryAttempts: number;
  /** 60..86400 seconds, as on AWS. */
  readonly maximumEventAgeSeconds: number;
}

export interface InputTransformer {
  readonly inputPathsMap: Readonly<Record<string, string>>;
  readonly inputTemplate: string;
}

interface TargetCommon {
  /** Unique within the rule. */
  readonly id: string;
  readonly retryPolicy?: RetryPolicy;
  readonly inputPath?: string;
  readonly inputTransformer?: InputTransformer;
}

export type RuleTarget =
  | (TargetCommon & { readonly kind: 'function'; readonly function: FunctionDefinition })
  | (TargetCommon & { readonly kind: 'state-machine'; readonly stateMachineName: string })
  /** An API destination: an HTTPS endpoint of a partner or integration. */
  | (TargetCommon & { readonly kind: 'api-destination'; readonly endpointUrl: string; readonly httpMethod: 'POST' | 'PUT' });

export interface RuleDefinition {
  readonly name: string;
  readonly description: string;
  readonly eventPattern: EventPattern;
  readonly targets: readonly RuleTarget[];
}

/** The OMS's rules; the integrations issue adds carrier, WMS, notification and webhook rules. */
export const eventRules: readonly RuleDefinition[] = [];
