/**
 * The ops console's site on AWS (infra/aws/constructs/ops-console-site.ts), in a stack of its own: a
 * private bucket read by CloudFront through origin access control, the API under /api on the same
 * origin, the page's security headers, the built files deployed, and no unacknowledged cdk-nag finding.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { KeyGroup, PublicKey, type IKeyGroup } from 'aws-cdk-lib/aws-cloudfront';
import { generateKeyPairSync } from 'node:crypto';
import { OpsConsoleSite, OpsConsoleStack, opsConsoleApiPath, opsConsoleSignedInPath } from '../../infra/aws/constructs/ops-console-site';
import { opsConsoleContentSecurityPolicy } from '../../web/ops-console/build';
import { newTestApp } from './test-app';

const apiEndpoint = 'https://abc123def4.execute-api.eu-central-1.amazonaws.com';

const publicKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
/** A key group as OpsConsoleSigningKey makes one, in the given stack. */
const keyGroupIn = (stack: Stack): IKeyGroup => new KeyGroup(stack, 'SignIn', { items: [new PublicKey(stack, 'SignInKey', { encodedKey: publicKeyPem })] });

/** CloudFront's managed policies, by id. */
const managedPolicies = {
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
};

interface Synthesized {
  template: Template;
  site: OpsConsoleSite;
  nagFindings: string[];
}

function synthesize(build: (stack: Stack) => OpsConsoleSite, app: App = newTestApp()): Synthesized & { assemblyDirectory: string } {
  const stack = new Stack(app, 'OpsConsoleTest');
  const site = build(stack);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  const report = JSON.parse(readFileSync(join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as {
    pluginReports: { pluginName: string; violations: { ruleName: string; violatingConstructs: { constructPath: string }[] }[] }[];
  };
  const nagFindings = report.pluginReports
    .filter((pluginReport) => pluginReport.pluginName === 'AwsSolutions')
    .flatMap((pluginReport) => pluginReport.violations.flatMap((violation) => violation.violatingConstructs.map((construct) => `${violation.ruleName} at ${construct.constructPath}`)));
  return { template: Template.fromStack(stack), site, nagFindings, assemblyDirectory: assembly.directory };
}

describe('ops console site', () => {
  let synthesized: Synthesized;
  beforeAll(() => {
    synthesized = synthesize((stack) => new OpsConsoleSite(stack, 'OpsConsole', { apiEndpoint, signedInWith: keyGroupIn(stack) }));
  });

  it('keeps the files in a private, encrypted bucket that only this distribution reads (origin access control)', () => {
    const { template, site } = synthesized;

    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    template.resourceCountIs('AWS::CloudFront::CloudFrontOriginAccessIdentity', 0);
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy'))[0]?.Properties.PolicyDocument.Statement as { Effect: string; Principal?: unknown; Condition?: unknown; Action: unknown }[];
    // Plain HTTP is refused; the one reader is CloudFront, for this distribution only.
    expect(policy).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const reader = policy.find((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal).includes('cloudfront.amazonaws.com'));
    expect(reader?.Action).toBe('s3:GetObject');
    expect(JSON.stringify(reader?.Condition)).toContain(Stack.of(site).getLogicalId(site.distribution.node.defaultChild as never));
    expect(policy.some((statement) => statement.Effect === 'Allow' && JSON.stringify(statement.Principal) === '"*"')).toBe(false);
  });

  it('serves the sign-in page to anyone and the console only to browsers with signed cookies of the trusted key group', () => {
    const { template } = synthesized;

    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
    const keyGroupId = Object.keys(template.findResources('AWS::CloudFront::KeyGroup'))[0];
    expect(distribution.DefaultCacheBehavior.TrustedKeyGroups).toBeUndefined();
    expect(distribution.CacheBehaviors).toContainEqual(
      expect.objectContaining({ PathPattern: `${opsConsoleSignedInPath}/*`, TrustedKeyGroups: [{ Ref: keyGroupId }], ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: managedPolicies.cachingOptimized }),
    );
    // Only the console's folder is restricted: the API keeps its own (API key) check.
    expect((distribution.CacheBehaviors as { PathPattern: string; TrustedKeyGroups?: unknown }[]).filter((behavior) => behavior.TrustedKeyGroups).map((behavior) => behavior.PathPattern)).toEqual([`${opsConsoleSignedInPath}/*`]);
  });

  it('serves the page over HTTPS with its security headers, and forwards /api/* to the HTTP API uncached with every viewer header', () => {
    const { template } = synthesized;

    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
    expect(distribution.DefaultRootObject).toBe('index.html');
    expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: managedPolicies.cachingOptimized });
    expect((distribution.CacheBehaviors as { PathPattern: string }[]).filter((behavior) => behavior.PathPattern === `${opsConsoleApiPath}/*`)).toEqual([
      expect.objectContaining({
        PathPattern: `${opsConsoleApiPath}/*`,
        ViewerProtocolPolicy: 'https-only',
        AllowedMethods: expect.arrayContaining(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
        CachePolicyId: managedPolicies.cachingDisabled,
        OriginRequestPolicyId: managedPolicies.allViewerExceptHostHeader,
        FunctionAssociations: [expect.objectContaining({ EventType: 'viewer-request' })],
      }),
    ]);
    const apiOrigin = (distribution.Origins as { DomainName: unknown; CustomOriginConfig?: { OriginProtocolPolicy: string; OriginSSLProtocols: string[] } }[]).find((origin) => origin.CustomOriginConfig);
    expect(apiOrigin).toMatchObject({ DomainName: 'abc123def4.execute-api.eu-central-1.amazonaws.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] } });
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: { ContentSecurityPolicy: opsConsoleContentSecurityPolicy, Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ContentTypeOptions: { Override: true },
          StrictTransportSecurity: Match.objectLike({ Override: true }),
        }),
      },
    });
  });

  it('strips the /api prefix before the request reaches the API (the CloudFront function, run here)', () => {
    const code = Object.values(synthesized.template.findResources('AWS::CloudFront::Function'))[0]?.Properties.FunctionCode as string;
    const handler = new Function('event', `${code}\nreturn handler(event);`) as (event: { request: { uri: string } }) => { uri: string };

    expect(handler({ request: { uri: '/api/ops/orders/ord_1/execution' } }).uri).toBe('/ops/orders/ord_1/execution');
    expect(handler({ request: { uri: '/api' } }).uri).toBe('/');
    expect(handler({ request: { uri: '/apiary/x' } }).uri).toBe('/apiary/x');
  });

  it('deploys the built files and config.json into the bucket, pruning old files, invalidating the cache and emptying the bucket on delete', () => {
    const deployment = Object.values(synthesized.template.findResources('Custom::CDKBucketDeployment'))[0]?.Properties;

    // Three sources: the built site, and config.json beside the sign-in page and in the console's folder.
    expect(deployment.SourceObjectKeys).toHaveLength(3);
    expect(deployment).toMatchObject({ Prune: true, DistributionPaths: ['/*'], RetainOnDelete: false });
    expect(JSON.stringify(deployment.DestinationBucketName)).toContain(Stack.of(synthesized.site).getLogicalId(synthesized.site.bucket.node.defaultChild as never));
  });

  it('leaves no unacknowledged cdk-nag (AwsSolutions) finding', () => {
    expect(synthesized.nagFindings).toEqual([]);
  });

  it('takes the API endpoint of a real HTTP API (a token) and puts a web ACL in front when given one', () => {
    const { template } = synthesize((stack) => {
      const api = new HttpApi(stack, 'Api');
      return new OpsConsoleSite(stack, 'OpsConsole', { apiEndpoint: api.apiEndpoint, signedInWith: keyGroupIn(stack), webAclId: 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/ops/abc' });
    });
    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
    expect(distribution.WebACLId).toBe('arn:aws:wafv2:us-east-1:111122223333:global/webacl/ops/abc');
    const apiOrigin = (distribution.Origins as { DomainName: unknown; CustomOriginConfig?: unknown }[]).find((origin) => origin.CustomOriginConfig);
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain('Fn::Split');
  });

  it('stands in a stack of its own beside the API’s stack, reading the API endpoint across stacks, and outputs its URL', () => {
    const app = newTestApp();
    const apiStack = new Stack(app, 'Api');
    const api = new HttpApi(apiStack, 'Api');
    const consoleStack = new OpsConsoleStack(app, 'OpsConsoleStack', { apiEndpoint: api.apiEndpoint, signedInWith: keyGroupIn(apiStack) });
    const template = Template.fromStack(consoleStack);

    const distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties.DistributionConfig;
    const apiOrigin = (distribution.Origins as { DomainName: unknown; CustomOriginConfig?: unknown }[]).find((origin) => origin.CustomOriginConfig);
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain('Fn::ImportValue');
    expect(template.findOutputs('OpsConsoleUrl').OpsConsoleUrl?.Value).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.any(String), 'DomainName'] }, '/']] });
    expect(consoleStack.dependencies).toContain(apiStack);
  });

  it('builds the pages at synth with esbuild (local bundling, no Docker): the sign-in page at the root, the console in its folder', () => {
    // Unlike the other tests' app, this one bundles assets.
    const app = new App({ context: { '@aws-cdk/core:failSynthOnValidationErrors': false } });
    const { assemblyDirectory } = synthesize((stack) => new OpsConsoleSite(stack, 'OpsConsole', { apiEndpoint, signedInWith: keyGroupIn(stack) }), app);
    const assetDirectories = readdirSync(assemblyDirectory).filter((entry) => entry.startsWith('asset.') && statSync(join(assemblyDirectory, entry)).isDirectory());
    const site = assetDirectories.map((entry) => join(assemblyDirectory, entry)).find((directory) => readdirSync(directory).includes('index.html'));

    expect(site).toBeDefined();
    expect(readFileSync(join(site as string, 'index.html'), 'utf8')).toContain('src="assets/sign-in.js"');
    expect(readdirSync(join(site as string, opsConsoleSignedInPath, 'assets'))).toEqual(expect.arrayContaining(['console.js', 'console.css']));
    expect(readFileSync(join(site as string, opsConsoleSignedInPath, 'index.html'), 'utf8')).toContain('src="assets/console.js"');
    // config.json points the page at the distribution's /api path.
    const config = assetDirectories.map((entry) => join(assemblyDirectory, entry, 'config.json')).find((file) => existsSync(file));
    expect(JSON.parse(readFileSync(config as string, 'utf8'))).toEqual({ apiUrl: opsConsoleApiPath });
  });
});
