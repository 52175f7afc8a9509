import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Attribute } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Match } from 'aws-cdk-lib/aws-events';
import type { CfnArchive } from 'aws-cdk-lib/aws-events';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { eventBusName } from '../definitions/event-bus';
import { omsSourcePrefix } from '../definitions/event-lake';
import { secrets as secretDefinitions } from '../definitions/secrets';
import type { SecretDefinition, SecretName } from '../definitions/secrets';
import { tables as tableDefinitions } from '../definitions/tables';
import type { KeyAttribute, TableDefinition, TableName } from '../definitions/tables';
import { OmsEventLake } from './constructs/oms-event-lake';
import { consoleSigningKeyGenerationContext, OpsConsoleSigningKey } from './constructs/ops-console-signing-key';

/**
 * How long published events stay replayable (e.g. to rebuild a projection, replay after a consumer
 * bug, or refill the event lake): a year, so a yearly figure can still be rebuilt.
 */
const EVENT_ARCHIVE_RETENTION = Duration.days(365);

const attributeTypes = { S: AttributeType.STRING, N: AttributeType.NUMBER } as const;
const streamViewTypes = {
  NEW_IMAGE: StreamViewType.NEW_IMAGE,
  NEW_AND_OLD_IMAGES: StreamViewType.NEW_AND_OLD_IMAGES,
} as const;

const toAttribute = (key: KeyAttribute): Attribute => ({ name: key.name, type: attributeTypes[key.type] });

/**
 * Everything that holds data: the DynamoDB tables, the event bus and its event lake. Kept apart from the
 * functions and the API so those can be destroyed and redeployed freely.
 */
export class StatefulStack extends Stack {
  readonly tables: Readonly<Record<TableName, TableV2>>;
  readonly eventBus: EventBus;
  /** The channel connection secrets, one per commerce platform. */
  readonly secrets: Readonly<Record<SecretName, Secret>>;
  /** Every OMS event as Parquet in S3, queried with Athena (infra/definitions/event-lake.ts). */
  readonly eventLake: OmsEventLake;
  /** Signs the ops console's CloudFront cookies: the private key for the session function, the key group for the distribution. */
  readonly opsConsoleSigningKey: OpsConsoleSigningKey;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    this.tables = Object.fromEntries(
      Object.entries(tableDefinitions).map(([name, definition]) => [name, this.createTable(definition)]),
    ) as Record<TableName, TableV2>;

    this.eventBus = new EventBus(this, 'EventBus', { eventBusName });
    const archive = this.eventBus.archive('Archive', {
      description: `Every OMS event published on ${eventBusName} from this account, kept for replay.`,
      // The OMS areas' sources (oms.*), as published by this account's functions and state machines.
      eventPattern: { account: [this.account], source: Match.prefix(omsSourcePrefix) },
      retention: EVENT_ARCHIVE_RETENTION,
    });
    // Without a key the L2 renders KmsKeyIdentifier: "", which CloudFormation can reject
    // (aws/aws-cdk#37847); absent, the archive uses the AWS-owned key like the bus.
    (archive.node.defaultChild as CfnArchive).kmsKeyIdentifier = undefined;
    this.eventLake = new OmsEventLake(this, 'EventLake', { eventBus: this.eventBus });

    this.secrets = Object.fromEntries(
      Object.entries(secretDefinitions).map(([name, definition]) => [name, this.createSecret(definition)]),
    ) as Record<SecretName, Secret>;
    const generation = this.node.tryGetContext(consoleSigningKeyGenerationContext) as string | number | undefined;
    this.opsConsoleSigningKey = new OpsConsoleSigningKey(this, 'OpsConsoleSigningKey', generation === undefined ? {} : { generation: String(generation) });
  }

  /**
   * A connection secret, created with a random placeholder in the document's secret field: the
   * operator puts the platform's value in (put-secret-value). Retained like the tables: it holds a
   * credential someone entered by hand.
   */
  private createSecret(definition: SecretDefinition): Secret {
    const secret = new Secret(this, definition.id, {
      description: definition.description,
      generateSecretString: {
        secretStringTemplate: JSON.stringify(definition.template),
        generateStringKey: definition.generatedKey,
        excludePunctuation: true,
        passwordLength: 48,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        definition.withoutAutomaticRotationBecause ??
        'The value is issued by the commerce platform (an app client secret or webhook secret), not by AWS: it is rotated in the platform and then stored here, so a Secrets Manager rotation Lambda has nothing it could rotate.',
    });
    return secret;
  }

  private createTable(definition: TableDefinition): TableV2 {
    return new TableV2(this, definition.id, {
      partitionKey: toAttribute(definition.partitionKey),
      sortKey: definition.sortKey && toAttribute(definition.sortKey),
      globalSecondaryIndexes: definition.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: toAttribute(index.partitionKey),
        sortKey: index.sortKey && toAttribute(index.sortKey),
        projectionType: ProjectionType[index.projection?.type ?? 'ALL'],
        ...(index.projection?.type === 'INCLUDE' && { nonKeyAttributes: [...index.projection.attributes] }),
      })),
      timeToLiveAttribute: definition.timeToLiveAttribute,
      dynamoStream: definition.stream && streamViewTypes[definition.stream],
      billing: Billing.onDemand(),
      encryption: TableEncryptionV2.awsManagedKey(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
