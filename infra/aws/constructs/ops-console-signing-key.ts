/**
 * The key that signs the ops console's CloudFront cookies: an RSA key pair made at deploy time by a
 * custom resource (infra/aws/custom-resources/console-signing-key.ts), the private half in a Secrets
 * Manager secret that only the session function reads, the public half in a CloudFront key group
 * that the console's distribution trusts. Nothing to create by hand, and no Lambda@Edge: CloudFront
 * itself checks the cookies, so the stacks stay in the deploying region.
 *
 * Rotation: deploy with a new `generation` (context `opsConsoleSigningKeyGeneration`); the new public
 * key replaces the old in the key group, and sessions signed with the old key end at once.
 */
import { CustomResource, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { KeyGroup, PublicKey } from 'aws-cdk-lib/aws-cloudfront';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { ConsoleSigningKeyGrant } from './oms-function';
import { OmsFunction } from './oms-function';

export const consoleSigningKeyGenerationContext = 'opsConsoleSigningKeyGeneration';

export class OpsConsoleSigningKey extends Construct {
  readonly secret: Secret;
  readonly publicKey: PublicKey;
  readonly keyGroup: KeyGroup;

  constructor(scope: Construct, id: string, { generation }: { generation?: string } = {}) {
    super(scope, id);
    this.secret = new Secret(this, 'PrivateKey', {
      description: 'OMS ops console: {"privateKey"} (PEM) that signs the console’s CloudFront cookies; written by the deployment, read by open-console-session',
      // A placeholder until the custom resource below writes the key.
      generateSecretString: { secretStringTemplate: '{}', generateStringKey: 'placeholder', excludePunctuation: true },
      // Nothing depends on keeping it: a new key only signs everyone out.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: `Rotated by deploying with a new ${consoleSigningKeyGenerationContext}: the public key must change in CloudFront's key group in the same deployment, which a Secrets Manager rotation Lambda cannot do.`,
    });

    const onEvent = new OmsFunction(this, 'Generate', {
      entry: 'infra/aws/custom-resources/console-signing-key.ts',
      description: 'OMS ops console: makes the cookie signing key pair at deploy time',
      timeout: Duration.seconds(30),
    });
    onEvent.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:PutSecretValue', 'secretsmanager:GetSecretValue'], resources: [this.secret.secretArn] }));
    const provider = new Provider(this, 'Provider', { onEventHandler: onEvent.function });
    this.acknowledgeProvider(provider);

    const keyPair = new CustomResource(this, 'KeyPair', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::OmsConsoleSigningKey',
      properties: { SecretArn: this.secret.secretArn, Generation: generation ?? '1' },
    });
    this.publicKey = new PublicKey(this, 'PublicKey', {
      comment: 'OMS ops console cookie signing key',
      encodedKey: keyPair.getAttString('PublicKeyPem'),
    });
    this.keyGroup = new KeyGroup(this, 'KeyGroup', { comment: 'OMS ops console: who may load the console’s files', items: [this.publicKey] });
  }

  /** What the session function is granted. */
  get grant(): ConsoleSigningKeyGrant {
    return { secret: this.secret, keyPairId: this.publicKey.publicKeyId };
  }

  /** The Provider framework's own function and role are CDK's. */
  private acknowledgeProvider(provider: Provider): void {
    const framework = provider.node.findChild('framework-onEvent');
    const validations = Validations.of(framework);
    validations.acknowledge({ id: 'AwsSolutions-L1', reason: 'CDK’s custom resource Provider framework function: its runtime is chosen and raised by aws-cdk-lib.' });
    validations.acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: 'CDK’s custom resource Provider framework function writes its logs with the AWS managed basic execution policy.',
    });
    const onEventLogicalId = Stack.of(this).getLogicalId(provider.onEventHandler.node.defaultChild as never);
    validations.acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${onEventLogicalId}.Arn>:*]`,
      reason: 'CDK’s Provider framework invokes any version of the one onEvent function it fronts.',
    });
  }
}
