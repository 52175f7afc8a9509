/**
 * One local HTTP endpoint speaking the AWS JSON protocol (awsJson1_0 / awsJson1_1): the operation
 * is named by the `X-Amz-Target` header (`AWSStepFunctions.StartExecution`, `AWSEvents.PutEvents`),
 * the input and output are JSON. The AWS SDK and the AWS CLI talk to it unchanged with
 * `--endpoint-url`; signatures are accepted without checking, as LocalStack does.
 */
import { createServer } from 'node:http';
import { listen, type ListeningServer } from '../listen';

/** An error the caller should see as an AWS service error: `__type` is the exception name. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type AwsOperation = (input: Record<string, unknown>) => Promise<unknown>;

export interface AwsJsonService {
  /** The X-Amz-Target prefix, e.g. `AWSStepFunctions` or `AWSEvents`. */
  readonly targetPrefix: string;
  /** Content type the service answers with: `application/x-amz-json-1.0` (SFN) or `-1.1` (EventBridge). */
  readonly contentType: string;
  readonly operations: Readonly<Record<string, AwsOperation>>;
}

export async function startAwsJsonServer({
  services,
  port,
  host = '127.0.0.1',
  onError = (error: unknown) => console.error(error),
}: {
  services: readonly AwsJsonService[];
  port: number;
  host?: string;
  onError?: (error: unknown) => void;
}): Promise<ListeningServer> {
  const byPrefix = new Map(services.map((service) => [service.targetPrefix, service]));

  const server = createServer(async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const [prefix = '', operationName = ''] = target.split('.');
    const service = byPrefix.get(prefix);
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, {
        'content-type': service?.contentType ?? 'application/x-amz-json-1.1',
        'x-amzn-requestid': crypto.randomUUID(),
      });
      response.end(JSON.stringify(body));
    };
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      if (!service) throw new AwsServiceError('UnknownOperationException', `No local service for target ${target || '(none)'}`);
      const operation = service.operations[operationName];
      if (!operation) throw new AwsServiceError('UnknownOperationException', `${prefix} does not support ${operationName} locally`);
      let input: Record<string, unknown>;
      try {
        input = text ? (JSON.parse(text) as Record<string, unknown>) : {};
      } catch {
        throw new AwsServiceError('SerializationException', 'The request body is not valid JSON');
      }
      reply(200, (await operation(input)) ?? {});
    } catch (error) {
      if (error instanceof AwsServiceError) {
        reply(error.statusCode, { __type: error.type, message: error.message });
        return;
      }
      onError(error);
      reply(500, { __type: 'InternalServerError', message: (error as Error).message });
    }
  });
  return listen(server, port, host);
}
