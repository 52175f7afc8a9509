import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

let client: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;

/**
 * One SDK client per process, reused across invocations. The endpoint is the SDK's own concern:
 * AWS_ENDPOINT_URL_DYNAMODB points it at DynamoDB Local, and is unset on AWS.
 */
export function dynamoDbClient(): DynamoDBClient {
  client ??= new DynamoDBClient({ maxAttempts: 5 });
  return client;
}

export function dynamoDbDocumentClient(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoDbClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}
