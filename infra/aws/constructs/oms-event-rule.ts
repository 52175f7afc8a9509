import { Duration, Validations } from 'aws-cdk-lib';
import { ApiDestination, Authorization, CfnRule, Connection, HttpMethod } from 'aws-cdk-lib/aws-events';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionDefinition } from '../../definitions/api';
import { scheduleExpression, type RuleDefinition, type RuleTarget } from '../../definitions/event-bus';

/** EventBridge's own limit; checked here so the mistake surfaces at synth rather than at deploy. */
const MAX_TARGETS_PER_RULE = 5;

/**
 * The header an API destination sends its key in. A target definition has no field for it yet; the
 * first partner that wants another header should add one there rather than a special case here.
 */
const API_KEY_HEADER = 'x-api-key';

const eventsPrincipal = () => new ServicePrincipal('events.amazonaws.com');

export interface OmsEventRuleProps {
  readonly definition: RuleDefinition;
  readonly eventBus: IEventBus;
  /** The Lambda function of a definition; the stack builds one per definition name and shares it. */
  readonly functionFor: (definition: FunctionDefinition) => IFunction;
  /** The state machine the stack built under `name`; throws for an unknown name. */
  readonly stateMachineFor: (name: string) => IStateMachine;
  /** Where the events EventBridge could not deliver to a target, after its retries, are kept. */
  readonly deadLetterQueue: IQueue;
}

/** Functions whose asynchronous invocation settings are set (a function may be the target of several rules). */
const configuredFunctions = new WeakSet<IFunction>();

/**
 * EventBridge invokes a function asynchronously: the rule's retry policy and dead-letter queue cover
 * only handing the event to Lambda. An error the function throws is retried by Lambda's own async
 * settings (at most 2 retries, at most 6 h), so they are set from the same policy, and an event that
 * still fails goes to the same dead-letter queue (an on-failure destination), not nowhere.
 */
function configureAsyncFailures(invokedFunction: IFunction, retryPolicy: RuleTarget['retryPolicy'], deadLetterQueue: IQueue): void {
  if (configuredFunctions.has(invokedFunction)) return;
  configuredFunctions.add(invokedFunction);
  invokedFunction.configureAsyncInvoke({
    retryAttempts: Math.min(2, retryPolicy?.maximumRetryAttempts ?? 2),
    maxEventAge: Duration.seconds(Math.min(21_600, Math.max(60, retryPolicy?.maximumEventAgeSeconds ?? 21_600))),
    onFailure: new SqsDestination(deadLetterQueue),
  });
}

/**
 * One rule of the domain event bus (or, for a schedule, of the default bus), built from its
 * definition: the event pattern or schedule and each target's input, retry policy and dead-letter
 * queue exactly as declared, plus what EventBridge needs to reach the target (a resource
 * permission or a role) and nothing more.
 *
 * The rule is an L1 CfnRule on purpose: the pattern and the input transformers are raw
 * EventBridge JSON shared with the local runtime, and the L2 would re-render them.
 */
export class OmsEventRule extends Construct {
  readonly rule: CfnRule;

  constructor(scope: Construct, id: string, props: OmsEventRuleProps) {
    super(scope, id);
    const { definition } = props;
    if (definition.targets.length > MAX_TARGETS_PER_RULE) {
      throw new Error(`Rule ${definition.name}: ${definition.targets.length} targets, EventBridge allows ${MAX_TARGETS_PER_RULE}.`);
    }

    const targets = definition.targets.map((target) => this.bindTarget(definition.name, target, props));
    this.rule = new CfnRule(this, 'Rule', {
      name: definition.name,
      description: definition.description,
      // EventBridge runs schedules only on the default bus, so a scheduled rule names no bus.
      ...(definition.schedule
        ? { scheduleExpression: scheduleExpression(definition.schedule) }
        : { eventBusName: props.eventBus.eventBusName, eventPattern: definition.eventPattern }),
      state: 'ENABLED',
      targets: targets.map(({ target }) => target),
    });

    // Both permissions name this rule, so nothing else on the bus (or in the account) can use them.
    for (const { invokedFunction, id: targetId } of targets) {
      invokedFunction?.addPermission(`${targetId}-invoke`, {
        scope: this,
        principal: eventsPrincipal(),
        sourceArn: this.rule.attrArn,
      });
    }
    props.deadLetterQueue.addToResourcePolicy(
      new PolicyStatement({
        principals: [eventsPrincipal()],
        actions: ['sqs:SendMessage'],
        resources: [props.deadLetterQueue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': this.rule.attrArn } },
      }),
    );
  }

  private bindTarget(
    ruleName: string,
    target: RuleTarget,
    props: OmsEventRuleProps,
  ): { readonly id: string; readonly target: CfnRule.TargetProperty; readonly invokedFunction?: IFunction } {
    if (target.inputPath !== undefined && target.inputTransformer !== undefined) {
      throw new Error(`Rule ${ruleName}, target ${target.id}: inputPath and inputTransformer exclude each other on EventBridge.`);
    }
    const common = {
      id: target.id,
      retryPolicy: target.retryPolicy && {
        maximumRetryAttempts: target.retryPolicy.maximumRetryAttempts,
        maximumEventAgeInSeconds: target.retryPolicy.maximumEventAgeSeconds,
      },
      deadLetterConfig: { arn: props.deadLetterQueue.queueArn },
      inputPath: target.inputPath,
      inputTransformer: target.inputTransformer && {
        inputPathsMap: { ...target.inputTransformer.inputPathsMap },
        inputTemplate: target.inputTransformer.inputTemplate,
      },
    } satisfies Partial<CfnRule.TargetProperty>;

    switch (target.kind) {
      case 'function': {
        const invokedFunction = props.functionFor(target.function);
        configureAsyncFailures(invokedFunction, target.retryPolicy, props.deadLetterQueue);
        return { id: target.id, target: { ...common, arn: invokedFunction.functionArn }, invokedFunction };
      }
      case 'state-machine': {
        const stateMachine = props.stateMachineFor(target.stateMachineName);
        const role = new Role(this, `${target.id}-role`, {
          assumedBy: eventsPrincipal(),
          description: `Lets rule ${ruleName} start ${target.stateMachineName}`,
        });
        stateMachine.grantStartExecution(role);
        return { id: target.id, target: { ...common, arn: stateMachine.stateMachineArn, roleArn: role.roleArn } };
      }
      case 'api-destination': {
        const destination = this.apiDestination(ruleName, target);
        const role = new Role(this, `${target.id}-role`, {
          assumedBy: eventsPrincipal(),
          description: `Lets rule ${ruleName} call ${target.endpointUrl}`,
        });
        role.addToPrincipalPolicy(
          new PolicyStatement({ actions: ['events:InvokeApiDestination'], resources: [destination.apiDestinationArn] }),
        );
        return { id: target.id, target: { ...common, arn: destination.apiDestinationArn, roleArn: role.roleArn } };
      }
    }
  }

  /**
   * The endpoint and its credentials. The key lives in a secret of its own, created with a random
   * value: the operator puts the partner's key there, then redeploys, because EventBridge copies
   * it into the connection when the stack deploys rather than reading it on each call.
   */
  private apiDestination(ruleName: string, target: Extract<RuleTarget, { kind: 'api-destination' }>): ApiDestination {
    const apiKey = new Secret(this, `${target.id}-api-key`, {
      description: `API key of ${target.endpointUrl}, sent by rule ${ruleName} in ${API_KEY_HEADER}`,
      generateSecretString: { excludePunctuation: true, passwordLength: 40 },
    });
    Validations.of(apiKey).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The secret holds a key the partner issues for its endpoint; there is no API through which a rotation function could mint a new one, so it is replaced by hand when the partner rotates it.',
    });
    const connection = new Connection(this, `${target.id}-connection`, {
      description: `Credentials for ${target.endpointUrl}`,
      authorization: Authorization.apiKey(API_KEY_HEADER, apiKey.secretValue),
    });
    return new ApiDestination(this, `${target.id}-destination`, {
      description: `${target.httpMethod} ${target.endpointUrl}, target ${target.id} of rule ${ruleName}`,
      connection,
      endpoint: target.endpointUrl,
      httpMethod: HttpMethod[target.httpMethod],
    });
  }
}
