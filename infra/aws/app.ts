import { pathToFileURL } from 'node:url';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { OpsConsoleStack } from './constructs/ops-console-site';
import { StatefulStack } from './stateful-stack';
import { omsDefinitions, StatelessStack } from './stateless-stack';
import type { StatelessDefinitions } from './stateless-stack';

export interface OmsApp {
  readonly app: App;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
  readonly opsConsole: OpsConsoleStack;
}

/**
 * Builds the OMS stacks and their cdk-nag checks into `app`. The CLI entry below and the infra
 * tests share it, so the tests assert exactly what is deployed.
 *
 * The stacks are environment-agnostic (no `env`): synth needs no AWS account, and the target
 * account and region come from the deploying credentials.
 *
 * `definitions` defaults to the OMS's own; the tests pass fixtures to cover every kind of resource
 * before the real lists have entries.
 */
export const buildApp = (app: App = new App(), definitions: StatelessDefinitions = omsDefinitions): OmsApp => {
  const stateful = new StatefulStack(app, 'OmsStateful', {
    description: 'OMS data: DynamoDB tables and the oms-events bus (retained on delete)',
  });
  const stateless = new StatelessStack(app, 'OmsStateless', {
    description: 'OMS HTTP API, state machines, event rules, stream consumers and their Lambda functions',
    tables: stateful.tables,
    eventBus: stateful.eventBus,
    secrets: stateful.secrets,
    consoleSigningKey: stateful.opsConsoleSigningKey.grant,
    definitions,
  });
  // Its own stack: CDK's BucketDeployment brings a Python function, which the stateless stack's
  // rules (Node.js 22, X-Ray, one function per definition) are right to keep out.
  const opsConsole = new OpsConsoleStack(app, 'OmsOpsConsole', {
    description: 'OMS ops console: static page on S3 behind CloudFront (signed-in browsers only), /api forwarded to the HTTP API',
    apiEndpoint: stateless.api.apiEndpoint,
    signedInWith: stateful.opsConsoleSigningKey.keyGroup,
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stateful, stateless, opsConsole };
};

// Build the app only when run as the CDK entry (cdk.json), not when imported by the tests.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildApp();
}
