import { CfnOutput, CrossStackReferences, ReferenceStrength, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import type { HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { apiFunctions, apiRoutes, serviceName } from '../definitions/api';
import type { FunctionDefinition } from '../definitions/api';
import type { TableName } from '../definitions/tables';
import { OmsFunction } from './constructs/oms-function';

/**
 * Stage-wide ceiling that keeps a runaway client from exhausting Lambda concurrency and
 * DynamoDB capacity; per-channel limits belong to the application.
 */
const THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;

/** One JSON object per request, so CloudWatch Logs Insights can query fields directly. */
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTime',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    httpMethod: '$context.httpMethod',
    routeKey: '$context.routeKey',
    path: '$context.path',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integrationLatency',
    integrationStatus: '$context.integrationStatus',
    integrationError: '$context.integrationErrorMessage',
    error: '$context.error.message',
  }),
);

/** No route has an API Gateway authorizer, on purpose; cdk-nag's APIG4 is acknowledged with these reasons. */
const IN_FUNCTION_AUTH_REASON =
  'Authorization is done in the function, not by API Gateway: a middleware authenticates the channel API key (x-api-key, stored hashed in the orders table) with a per-container cache, because an HTTP API Lambda authorizer answers a rejected key with 403 and cannot return our RFC 9457 problem+json 401.';
const PUBLIC_DOCUMENTATION_REASON =
  'GET /openapi.json is public on purpose: it serves the API documentation (the OpenAPI description), which holds no data and must be readable before a client has an API key.';

export interface StatelessStackProps extends StackProps {
  readonly tables: Readonly<Record<TableName, ITableV2>>;
}

/** The HTTP API and the functions behind it; holds no data, so it can be replaced at will. */
export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The functions by their definition name (e.g. `create-order`). */
  readonly functions: ReadonlyMap<string, OmsFunction>;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    // Tables are read through CloudFormation exports (Fn::ImportValue): the stateful stack cannot
    // drop a table while a function still uses it. OmsFunction's cdk-nag acknowledgements name
    // the tables by those exports, so the strength is fixed here rather than left to a default.
    CrossStackReferences.of(this).consume(ReferenceStrength.STRONG);

    this.api = new HttpApi(this, 'HttpApi', {
      apiName: serviceName,
      description: 'Order Management System API',
      // The stage is created below: the default one cannot take access logging or throttling.
      createDefaultStage: false,
    });

    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: THROTTLE,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: ACCESS_LOG_FORMAT },
    });

    // A function serving several routes is built once and shares one integration.
    const functions = new Map<string, OmsFunction>();
    const integrations = new Map<string, HttpLambdaIntegration>();
    const integrationFor = (definition: FunctionDefinition): HttpLambdaIntegration => {
      const existing = integrations.get(definition.name);
      if (existing) return existing;
      const omsFunction = OmsFunction.fromDefinition(this, definition, props.tables);
      const integration = new HttpLambdaIntegration(`${definition.name}-integration`, omsFunction.function);
      functions.set(definition.name, omsFunction);
      integrations.set(definition.name, integration);
      return integration;
    };

    for (const route of apiRoutes) {
      const routes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: integrationFor(route.function),
      });
      const isPublicDocumentation = route.function.name === apiFunctions.getOpenApi.name;
      for (const httpRoute of routes) {
        Validations.of(httpRoute).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: isPublicDocumentation ? PUBLIC_DOCUMENTATION_REASON : IN_FUNCTION_AUTH_REASON,
        });
      }
    }
    this.functions = functions;

    new CfnOutput(this, 'ApiUrl', { description: 'Base URL of the OMS HTTP API', value: this.stage.url });
  }
}
