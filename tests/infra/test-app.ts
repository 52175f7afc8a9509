import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { beforeAll } from 'vitest';
import { buildApp } from '../../infra/aws/app';
import type { OmsApp } from '../../infra/aws/app';
import type { OmsFunction } from '../../infra/aws/constructs/oms-function';
import type { StatelessDefinitions } from '../../infra/aws/stateless-stack';

export interface PolicyStatement {
  readonly Effect: string;
  readonly Action: string | string[];
  readonly Resource: unknown;
  readonly Condition?: unknown;
}

/** The parts of CDK's validation-report.json the tests read. */
interface ValidationReport {
  readonly pluginReports: readonly {
    readonly pluginName: string;
    readonly violations: readonly {
      readonly ruleName: string;
      readonly severity: string;
      readonly violatingConstructs: readonly { readonly constructPath: string }[];
    }[];
  }[];
}

export interface SynthesizedApp {
  readonly oms: OmsApp;
  /** The cloud assembly's directory, where file assets (e.g. ASL definitions) are staged. */
  readonly assemblyDirectory: string;
  readonly stateful: Template;
  readonly stateless: Template;
  /** Every AwsSolutions finding left unacknowledged, as `<severity> <rule> at <construct path>`. */
  readonly nagFindings: readonly string[];
}

/** A stack that breaks an AwsSolutions rule on purpose, so an empty report is known to mean "compliant". */
export const NAG_CANARY_STACK = 'NagCanary';

/** An app that synthesizes without esbuild and reports cdk-nag findings instead of throwing on them. */
export const newTestApp = (): App =>
  new App({
    context: {
      // Skip esbuild: these tests assert the templates, not the bundles.
      'aws:cdk:bundling-stacks': [],
      // Report nag findings in validation-report.json instead of throwing on the first synth.
      '@aws-cdk/core:failSynthOnValidationErrors': false,
    },
  });

/**
 * Builds the OMS app exactly as `cdk synth` does (with `definitions`, by default the real ones, and
 * the CDK `context` given with -c), plus the deliberately non-compliant canary stack, and synthesizes it once.
 */
export const synthesizeApp = (definitions?: StatelessDefinitions, context: Readonly<Record<string, unknown>> = {}): SynthesizedApp => {
  const app = newTestApp();
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  const oms = buildApp(app, definitions);
  const canary = new Stack(app, NAG_CANARY_STACK);
  new Role(canary, 'AdminRole', {
    assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
    managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
  });

  const assembly = app.synth();
  const report: ValidationReport = JSON.parse(readFileSync(join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8'));
  const nagFindings = report.pluginReports
    .filter((pluginReport) => pluginReport.pluginName === 'AwsSolutions')
    .flatMap((pluginReport) =>
      pluginReport.violations.flatMap((violation) =>
        violation.violatingConstructs.map((construct) => `${violation.severity} ${violation.ruleName} at ${construct.constructPath}`),
      ),
    );
  return {
    oms,
    assemblyDirectory: assembly.directory,
    stateful: Template.fromStack(oms.stateful),
    stateless: Template.fromStack(oms.stateless),
    nagFindings,
  };
};

/**
 * Registers a `beforeAll` that synthesizes the app once for the file's tests (synthesis takes seconds)
 * and answers the synthesized app, whose fields are there from then on.
 */
export const synthesizeAppBeforeAll = (...options: Parameters<typeof synthesizeApp>): SynthesizedApp => {
  const synthesized = {} as SynthesizedApp;
  beforeAll(() => {
    Object.assign(synthesized, synthesizeApp(...options));
  });
  return synthesized;
};

/** The function the stateless stack built for a definition; an error names one it did not build. */
export const builtFunction = (oms: OmsApp, definition: { readonly name: string }): OmsFunction => {
  const omsFunction = oms.stateless.functions.get(definition.name);
  if (!omsFunction) throw new Error(`No function ${definition.name} in the stateless stack`);
  return omsFunction;
};

/** The logical id of a construct's CloudFormation resource in its stack. */
export const logicalIdOf = (construct: IConstruct): string => {
  const resource = construct instanceof CfnElement ? construct : construct.node.defaultChild;
  if (!(resource instanceof CfnElement)) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return Stack.of(resource).getLogicalId(resource);
};

/** The findings outside the canary stack: the ones the OMS itself has. */
export const omsNagFindings = (findings: readonly string[]): string[] =>
  findings.filter((finding) => !finding.includes(` at ${NAG_CANARY_STACK}/`));

/** Every statement granted to a role: its inline policies and the policies attached to it. */
export const statementsOfRole = (template: Template, roleLogicalId: string): PolicyStatement[] => {
  const inline = template.toJSON().Resources[roleLogicalId].Properties.Policies ?? [];
  const attached = Object.values(
    template.findResources('AWS::IAM::Policy', { Properties: { Roles: Match.arrayWith([{ Ref: roleLogicalId }]) } }),
  ).map((policy) => policy.Properties);
  return [...inline, ...attached].flatMap((policy) => policy.PolicyDocument.Statement);
};

export const actionsOf = (statement: PolicyStatement): string[] =>
  Array.isArray(statement.Action) ? statement.Action : [statement.Action];

export const resourcesOf = (statement: PolicyStatement): unknown[] =>
  Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
