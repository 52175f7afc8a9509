import { readFileSync } from 'node:fs';
import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../definitions/api';
import type { StateMachineDefinition, SubstitutionTarget } from '../../definitions/state-machines';
import { assertSubstitutionsMatch } from '../../definitions/asl-placeholders';
import { repoRoot } from '../repo-root';

/**
 * The rule Step Functions creates in the account to learn when a child execution started with
 * `startExecution.sync` ends; the parent's role must be allowed to manage it.
 */
const SYNC_EXECUTION_RULE = 'StepFunctionsGetEventsForStepFunctionsExecutionRule';

/** What a placeholder is replaced with, and what the state machine's role needs to use it. */
interface Binding {
  readonly value: string;
  readonly statements: readonly PolicyStatement[];
  /** The wildcard ARN of a child machine's executions, which cdk-nag reports and we acknowledge. */
  readonly childExecutions?: string;
}

export interface OmsStateMachineProps {
  readonly definition: StateMachineDefinition;
  /** The Lambda function of a definition; the stack builds one per definition name and shares it. */
  readonly functionFor: (definition: FunctionDefinition) => IFunction;
  readonly eventBus: IEventBus;
  /** The names of every state machine the stack builds, so a substitution cannot name a missing one. */
  readonly stateMachineNames: readonly string[];
}

/**
 * The house state machine: an ASL file from `statemachines/` with its `${Placeholder}`s bound to
 * the resources its definition names, and the role allowed to use exactly those resources.
 */
export class OmsStateMachine extends Construct {
  readonly stateMachine: StateMachine;
  readonly logGroup: LogGroup;

  /**
   * The ARN of the state machine `name` in `scope`'s stack, from its fixed name rather than the
   * resource, so machines can refer to each other (or to themselves) in any order without a cycle.
   */
  static arnOf(scope: Construct, name: string): string {
    return Stack.of(scope).formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: name,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
  }

  constructor(scope: Construct, id: string, props: OmsStateMachineProps) {
    super(scope, id);
    const { definition } = props;

    const definitionPath = `${repoRoot}${definition.definitionFile}`;
    assertSubstitutionsMatch(
      definition.name,
      definition.definitionFile,
      readFileSync(definitionPath, 'utf8'),
      Object.keys(definition.substitutions),
    );

    const bindings = Object.entries(definition.substitutions).map(
      ([placeholder, target]) => [placeholder, this.bind(definition.name, placeholder, target, props)] as const,
    );

    // The vendedlogs prefix keeps Step Functions from growing the account's CloudWatch Logs
    // resource policy with one entry per log group (it has a size limit).
    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName: `/aws/vendedlogs/states/${definition.name}`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineName: definition.name,
      stateMachineType: StateMachineType[definition.type],
      definitionBody: DefinitionBody.fromFile(definitionPath),
      definitionSubstitutions: Object.fromEntries(bindings.map(([placeholder, binding]) => [placeholder, binding.value])),
      tracingEnabled: true,
      // Every state transition with its data: an order's path through the lifecycle is the first
      // thing asked for when one goes wrong, and the group's retention bounds what is kept. The data
      // holds no personal data by design (tasks pass order and shipment ids and outcomes; the order
      // itself stays in DynamoDB), which an integration test checks on the execution history.
      logs: { destination: this.logGroup, level: LogLevel.ALL, includeExecutionData: true },
    });
    for (const [, binding] of bindings) {
      for (const statement of binding.statements) this.stateMachine.addToRolePolicy(statement);
    }

    // One failed, timed-out or aborted execution is an order that did not end as planned: each alarms
    // at once (an Express child's failure surfaces as its Standard parent's failure).
    if (definition.type === 'STANDARD') {
      const outcomes = {
        Failed: this.stateMachine.metricFailed(),
        TimedOut: this.stateMachine.metricTimedOut(),
        Aborted: this.stateMachine.metricAborted(),
      };
      for (const [outcome, metric] of Object.entries(outcomes)) {
        new Alarm(this, `Executions${outcome}Alarm`, {
          alarmDescription: `An execution of ${definition.name} ${outcome.toLowerCase()}: open it in the Step Functions console (its name is the order id).`,
          metric: metric.with({ period: Duration.minutes(1), statistic: 'Sum' }),
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
        });
      }
    }

    Validations.of(this.stateMachine.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Granted by CDK for tracing and logging: X-Ray PutTraceSegments/PutTelemetryRecords/GetSampling* and the CloudWatch Logs log-delivery actions (CreateLogDelivery, PutResourcePolicy, DescribeLogGroups, ...) do not support resource-level permissions; "*" is the only valid resource.',
    });
    for (const [, { childExecutions }] of bindings) {
      if (childExecutions === undefined) continue;
      Validations.of(this.stateMachine.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(this).resolve(childExecutions))}]`,
        reason:
          'DescribeExecution and StopExecution act on executions, whose ARNs end in a name chosen per run; the wildcard covers only the executions of the one child state machine this machine starts with .sync.',
      });
    }
  }

  /** What one placeholder stands for, and the permissions the state machine needs to use it. */
  private bind(stateMachineName: string, placeholder: string, target: SubstitutionTarget, props: OmsStateMachineProps): Binding {
    const stack = Stack.of(this);
    switch (target.kind) {
      case 'function': {
        const lambda = props.functionFor(target.function);
        // The unqualified ARN is what the ASL calls, so no `:*` for versions and aliases.
        return {
          value: lambda.functionArn,
          statements: [new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [lambda.functionArn] })],
        };
      }
      case 'state-machine': {
        if (!props.stateMachineNames.includes(target.name)) {
          throw new Error(
            `State machine ${stateMachineName}: substitution ${placeholder} names state machine ${target.name}, which is not defined.`,
          );
        }
        const arn = OmsStateMachine.arnOf(this, target.name);
        const executions = stack.formatArn({
          service: 'states',
          resource: 'execution',
          resourceName: `${target.name}:*`,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        });
        return {
          value: arn,
          statements: [
            new PolicyStatement({ actions: ['states:StartExecution'], resources: [arn] }),
            new PolicyStatement({ actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [executions] }),
            new PolicyStatement({
              actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
              resources: [stack.formatArn({ service: 'events', resource: 'rule', resourceName: SYNC_EXECUTION_RULE })],
            }),
          ],
          childExecutions: executions,
        };
      }
      case 'event-bus':
        return {
          value: props.eventBus.eventBusName,
          statements: [new PolicyStatement({ actions: ['events:PutEvents'], resources: [props.eventBus.eventBusArn] })],
        };
    }
  }
}
