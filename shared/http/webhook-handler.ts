/**
 * The one way an inbound webhook Lambda is built, beside apiHandler: the caller is a commerce
 * platform proving itself with a signature over the raw body (or a configured token), not a
 * channel API key. Order of checks: size, then authenticity (nothing about the payload is revealed
 * to an unauthenticated caller), then media type, JSON (read exactly: big ids, decimals) and the
 * payload schema, then the use case. Every error leaves as problem+json; nothing is written before
 * the use case runs.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { parseJsonLosslessly } from '../channels/lossless-json';
import { orderEtag, type Order } from '../contracts/order';
import { logger, metrics, tracer } from '../observability/powertools';
import { ChannelApiUnavailableError } from '../ports/bigcommerce-order-source';
import type { ApiResponse } from './api-handler';
import { errorToResponse } from './error-response';
import { HttpProblem } from './problem';
import { mediaTypeOf, toFieldErrors } from './request-parsing';

type Headers = Readonly<Record<string, string | undefined>>;

/** Webhook bodies are whole platform orders, larger than an API order request; Lambda takes 6 MB. */
export const webhookLimits = { maxBodyBytes: 1024 * 1024 } as const;

export interface WebhookRequest<Body, Connection> {
  readonly body: Body;
  /** Who sent it: the channel connection whose secret verified the request. */
  readonly connection: Connection;
  readonly headers: Headers;
  readonly lambdaContext: Context;
}

export interface WebhookHandlerOptions<BodySchema extends z.ZodType, Connection extends { readonly channelId: string }> {
  readonly schema: BodySchema;
  readonly maxBytes: number;
  /** The header that carries the signature or token, named in the 401 answer. */
  readonly credentialHeader: string;
  /** The connection the raw bytes and headers prove they come from, or undefined when they do not. */
  readonly authenticate: (rawBody: Buffer, headers: Headers) => Promise<Connection | undefined>;
  /** A platform's unsigned liveness check (WooCommerce's ping when a webhook is saved): answered 200, nothing else happens. */
  readonly isPing?: (rawBody: Buffer, headers: Headers) => boolean;
}

/** 201 with the new order, or 200 with the order a redelivery had already captured. */
export const capturedOrderResponse = ({ order, created }: { order: Order; created: boolean }): ApiResponse => ({
  status: created ? 201 : 200,
  body: order,
  headers: { location: `/orders/${order.id}`, etag: orderEtag(order) },
});

function rawBodyOf(event: APIGatewayProxyEventV2, maxBytes: number): Buffer {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > maxBytes) throw new HttpProblem(413, 'PAYLOAD_TOO_LARGE', `The body is ${bytes.byteLength} bytes; the limit is ${maxBytes}`);
  if (bytes.byteLength === 0) throw new HttpProblem(400, 'BODY_REQUIRED', 'This webhook needs a JSON body');
  return bytes;
}

/**
 * Field errors of a payload, with a union (e.g. "an array of products, or a V2 link") reported as
 * the errors of the alternative the value's type chose, not as one anonymous "invalid input".
 */
function payloadErrors(error: z.ZodError) {
  const flatten = (issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] =>
    issues.flatMap((issue) => {
      if (issue.code !== 'invalid_union' || issue.errors.length === 0) return [issue];
      const matchingType = issue.errors.filter((branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
      if (matchingType.length !== 1) return [issue];
      return flatten((matchingType[0] ?? []).map((inner) => ({ ...inner, path: [...issue.path, ...inner.path] })));
    });
  return toFieldErrors(new z.ZodError(flatten(error.issues)));
}

export function webhookHandler<BodySchema extends z.ZodType, Connection extends { readonly channelId: string }>(
  options: WebhookHandlerOptions<BodySchema, Connection>,
  useCase: (request: WebhookRequest<z.infer<BodySchema>, Connection>) => Promise<ApiResponse>,
) {
  const respond = async (event: APIGatewayProxyEventV2, lambdaContext: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const headers: Headers = event.headers ?? {};
      const rawBody = rawBodyOf(event, options.maxBytes);
      if (options.isPing?.(rawBody, headers)) return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ping":"ok"}' };

      const connection = await options.authenticate(rawBody, headers);
      if (!connection) {
        const missing = !headers[options.credentialHeader];
        throw new HttpProblem(
          401,
          missing ? 'WEBHOOK_SIGNATURE_MISSING' : 'WEBHOOK_SIGNATURE_INVALID',
          missing ? `The ${options.credentialHeader} header is missing` : `The ${options.credentialHeader} header does not match this body`,
          [],
          { 'www-authenticate': `Signature header="${options.credentialHeader}"` },
        );
      }
      logger.appendKeys({ channelId: connection.channelId });

      const mediaType = mediaTypeOf(headers['content-type']);
      if (mediaType !== 'application/json' && !(mediaType?.startsWith('application/') && mediaType.endsWith('+json'))) {
        throw new HttpProblem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the webhook body as application/json', [
          { path: '', code: 'UNSUPPORTED_MEDIA_TYPE', message: `content-type ${headers['content-type'] ?? '(none)'} is not application/json` },
        ]);
      }
      let json: unknown;
      try {
        json = parseJsonLosslessly(rawBody.toString('utf8'));
      } catch (error) {
        throw new HttpProblem(400, 'MALFORMED_JSON', `The body is not valid JSON: ${(error as Error).message}`);
      }
      const parsed = options.schema.safeParse(json);
      if (!parsed.success) {
        throw new HttpProblem(400, 'VALIDATION_FAILED', 'The webhook body is not an order payload this endpoint reads', payloadErrors(parsed.error));
      }

      const response = await useCase({ body: parsed.data, connection, headers, lambdaContext });
      return { statusCode: response.status, headers: { 'content-type': 'application/json', ...response.headers }, body: JSON.stringify(response.body) };
    } catch (error) {
      if (error instanceof ChannelApiUnavailableError) {
        logger.warn('Channel API unavailable', error);
        // The platform redelivers a webhook that was not acknowledged: the order is captured later.
        return errorToResponse(new HttpProblem(503, 'CHANNEL_API_UNAVAILABLE', 'The platform’s API could not be read now; deliver the webhook again later', [], { 'retry-after': '60' }));
      }
      return errorToResponse(error);
    } finally {
      logger.removeKeys(['channelId']);
    }
  };

  const handle = async (event: APIGatewayProxyEventV2, lambdaContext: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const response = await respond(event, lambdaContext);
    metrics.addMetric(`Http${Math.floor((response.statusCode ?? 200) / 100)}xx`, MetricUnit.Count, 1);
    return response;
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}
