import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

/** The context object Lambda passes a handler, with a real deadline for getRemainingTimeInMillis. */
export function createLambdaContext({
  functionName,
  memorySize,
  timeoutSeconds,
}: {
  functionName: string;
  memorySize: number;
  timeoutSeconds: number;
}): Context {
  const deadline = Date.now() + timeoutSeconds * 1000;
  const region = process.env.AWS_REGION ?? 'local';
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(memorySize),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
