/**
 * The ops console on AWS: its static files (web/ops-console, built with esbuild at synth) in a private
 * S3 bucket, served by CloudFront through origin access control, and the HTTP API forwarded under
 * /api/* on the same distribution, so the page calls the API on its own origin (no CORS, and the
 * Content-Security-Policy allows 'self' only).
 *
 * Who may use it: only the sign-in page is public (`/`: a form, its script and config.json). The
 * console itself (`/console/*`) is served only to a browser holding CloudFront signed cookies, which
 * the distribution checks against the trusted key group (OpsConsoleSigningKey); the sign-in page gets
 * them from POST /api/ops/console-session with an ops API key, for 8 hours. Every figure the console
 * shows still comes from the API, which answers only an ops key. CloudFront checks the cookies itself,
 * so there is no Lambda@Edge and no us-east-1 stack. To also keep the sign-in page from strangers,
 * pass `webAclId` (an AWS WAF web ACL of CLOUDFRONT scope, e.g. an IP allow list of the ops network).
 */
import { CfnOutput, DockerImage, Duration, Fn, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  type IKeyGroup,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership, type CfnBucket } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source, type ISource } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { buildOpsConsole, opsConsoleContentSecurityPolicy, opsConsoleFolder, opsConsoleSourceDirectory } from '../../../web/ops-console/build';

/** The path under which the distribution forwards to the HTTP API (the page's config.json names it). */
export const opsConsoleApiPath = '/api';
/** The console's folder: only signed-in browsers load it (the root holds the public sign-in page). */
export const opsConsoleSignedInPath = `/${opsConsoleFolder}`;

export interface OpsConsoleSiteProps {
  /**
   * The HTTP API's endpoint, `https://<id>.execute-api.<region>.amazonaws.com` (HttpApi.apiEndpoint):
   * requests to /api/* are forwarded to it without the /api prefix.
   */
  readonly apiEndpoint: string;
  /** The key group whose signed cookies open /console/* (OpsConsoleSigningKey's). */
  readonly signedInWith: IKeyGroup;
  /** An AWS WAF web ACL (CLOUDFRONT scope, created in us-east-1) in front of the console and its /api path. */
  readonly webAclId?: string;
  /** The built site; default: built from web/ops-console at synth with esbuild (no Docker needed). */
  readonly source?: ISource;
}

/** The site's files, built at synth by esbuild on this machine (CDK's local bundling). */
export function opsConsoleAsset(): ISource {
  return Source.asset(opsConsoleSourceDirectory, {
    exclude: ['dist', 'node_modules'],
    bundling: {
      // Only used if local bundling were impossible; esbuild runs in this process, so it never is.
      image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:22-slim'),
      local: {
        tryBundle(outputDir: string) {
          buildOpsConsole({ outDir: outputDir });
          return true;
        },
      },
    },
  });
}

/**
 * Strips the /api prefix before the request goes to API Gateway (cloudfront-js-2.0): /api/orders is
 * the API's /orders.
 */
const stripApiPrefix = `function handler(event) {
  var request = event.request;
  var prefix = '${opsConsoleApiPath}';
  if (request.uri === prefix) request.uri = '/';
  else if (request.uri.indexOf(prefix + '/') === 0) request.uri = request.uri.substring(prefix.length);
  return request;
}`;

export class OpsConsoleSite extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly deployment: BucketDeployment;
  /** The console's address: https://<distribution>.cloudfront.net/ */
  readonly url: string;

  constructor(scope: Construct, id: string, props: OpsConsoleSiteProps) {
    super(scope, id);

    this.bucket = new Bucket(this, 'Assets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      // Built output only: the deployment below empties it when the stack goes (retainOnDelete: false).
      removalPolicy: RemovalPolicy.DESTROY,
    });

    const securityHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'OMS ops console: CSP (self only), HSTS, nosniff, no framing, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: opsConsoleContentSecurityPolicy, override: true },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    const apiDomain = Fn.select(2, Fn.split('/', props.apiEndpoint));
    const stripPrefix = new CloudFrontFunction(this, 'StripApiPrefix', {
      comment: `OMS ops console: ${opsConsoleApiPath}/* is the HTTP API's /*`,
      code: FunctionCode.fromInline(stripApiPrefix),
      runtime: FunctionRuntime.JS_2_0,
    });

    const siteOrigin = S3BucketOrigin.withOriginAccessControl(this.bucket);
    const staticFiles = {
      origin: siteOrigin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
      cachePolicy: CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy: securityHeaders,
      compress: true,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'OMS ops console (sign-in page public; the console for signed-in browsers; data from the HTTP API under /api, ops API key required)',
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_100,
      ...(props.webAclId && { webAclId: props.webAclId }),
      // The sign-in page.
      defaultBehavior: staticFiles,
      additionalBehaviors: {
        // CloudFront answers 403 to a browser without valid signed cookies: the console's files never leave the bucket for it.
        [`${opsConsoleSignedInPath}/*`]: { ...staticFiles, trustedKeyGroups: [props.signedInWith] },
        [`${opsConsoleApiPath}/*`]: {
          origin: new HttpOrigin(apiDomain, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2] }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer is per API key: nothing is cached, and every viewer header (x-api-key) goes through.
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: stripPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}/`;

    this.deployment = new BucketDeployment(this, 'Deploy', {
      sources: [
        props.source ?? opsConsoleAsset(),
        Source.jsonData('config.json', { apiUrl: opsConsoleApiPath }),
        Source.jsonData(`${opsConsoleFolder}/config.json`, { apiUrl: opsConsoleApiPath }),
      ],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      prune: true,
      retainOnDelete: false,
      memoryLimit: 256,
    });

    this.acknowledgeFindings(props);
  }

  /** The cdk-nag findings this design accepts, each with its reason. */
  private acknowledgeFindings(props: OpsConsoleSiteProps): void {
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds the built ops console only (public HTML, script and styles, no data); it is read by CloudFront alone, through origin access control.',
    });
    const distribution = Validations.of(this.distribution);
    distribution.acknowledge({ id: 'AwsSolutions-CFR1', reason: 'Ops staff work from anywhere; the console needs signed cookies from an ops key sign-in, and its data an ops API key.' });
    if (!props.webAclId) {
      distribution.acknowledge({
        id: 'AwsSolutions-CFR2',
        reason: 'The console is served to signed-in browsers only (trusted key group) and the API behind /api needs an ops API key; pass webAclId to put an AWS WAF web ACL (e.g. an IP allow list) in front of the sign-in page too.',
      });
    }
    distribution.acknowledge({ id: 'AwsSolutions-CFR3', reason: 'The API behind /api keeps its own access log (API Gateway access logging); the static files need none.' });
    distribution.acknowledge({
      id: 'AwsSolutions-CFR4',
      reason: 'The distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront sets; a custom domain with TLSv1.2_2021 needs an ACM certificate in us-east-1.',
    });
    // BucketDeployment's handler is a stack-wide singleton (created beside this construct, not in it).
    for (const child of Stack.of(this).node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      this.acknowledgeDeploymentHandler(child);
    }
  }

  private acknowledgeDeploymentHandler(handler: IConstruct): void {
    const validations = Validations.of(handler);
    validations.acknowledge({ id: 'AwsSolutions-L1', reason: 'CDK’s BucketDeployment handler: its runtime is chosen and raised by aws-cdk-lib.' });
    validations.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK’s BucketDeployment handler writes its logs with the AWS managed basic execution policy.',
    });
    // CDK's own grants: read the staged asset, write (and prune) this site's objects, invalidate the distribution.
    const qualifier = (this.node.tryGetContext('@aws-cdk/core:bootstrapQualifier') as string | undefined) ?? 'hnb659fds';
    const siteBucket = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as CfnBucket);
    const wildcards = [
      'Action::s3:GetObject*',
      'Action::s3:GetBucket*',
      'Action::s3:List*',
      'Action::s3:DeleteObject*',
      'Action::s3:Abort*',
      `Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*`,
      `Resource::<${siteBucket}.Arn>/*`,
      'Resource::*',
    ];
    for (const wildcard of wildcards) {
      validations.acknowledge({
        id: `AwsSolutions-IAM5[${wildcard}]`,
        reason: 'CDK’s BucketDeployment handler copies the staged asset objects into this site’s bucket (replacing and pruning its objects) and invalidates the distribution (CreateInvalidation takes no resource).',
      });
    }
  }
}

/**
 * The console in a stack of its own, beside the stateless stack whose HTTP API it forwards to (a
 * cross-stack reference): its bucket, distribution and CDK's BucketDeployment handler (a Lambda
 * function outside the OMS's own function definitions) stay out of the stateless stack.
 */
export class OpsConsoleStack extends Stack {
  readonly site: OpsConsoleSite;

  constructor(scope: Construct, id: string, props: StackProps & OpsConsoleSiteProps) {
    super(scope, id, props);
    this.site = new OpsConsoleSite(this, 'OpsConsole', props);
    new CfnOutput(this, 'OpsConsoleUrl', { description: 'The ops console’s sign-in page: sign in with an API key that has the ops scope', value: this.site.url });
  }
}
