import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { AuthenticatedChannel } from '../use-cases/authenticate-channel';
import { logger, metrics, tracer } from '../observability/powertools';
import { errorToResponse } from './error-response';
import { parseOrThrow, readJsonBody } from './request-parsing';

export interface ApiRequest<Body, Query, Path> {
  readonly body: Body;
  readonly query: Query;
  readonly path: Path;
  readonly headers: Readonly<Record<string, string | undefined>>;
  /** Present when the route authenticates a channel. */
  readonly channel: AuthenticatedChannel;
  readonly lambdaContext: Context;
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Record<string, string>;
}

export interface ApiHandlerOptions<BodySchema extends z.ZodType, QuerySchema extends z.ZodType, PathSchema extends z.ZodType> {
  /** Resolves the `x-api-key` header to a channel; leave out for public routes. */
  readonly authenticate?: (apiKey: string | undefined) => Promise<AuthenticatedChannel>;
  readonly body?: { readonly schema: BodySchema; readonly maxBytes: number; readonly readOnlyFields?: readonly string[] };
  readonly query?: QuerySchema;
  readonly path?: PathSchema;
}

const publicCaller: AuthenticatedChannel = { channelId: '' };

/**
 * The one way an HTTP Lambda is built: Powertools logging, tracing and metrics, then
 * authentication, then contract validation of path, query and body, then the use case. Every
 * error leaves as problem+json. Handlers only say which schemas apply and which use case to call.
 */
export function apiHandler<
  BodySchema extends z.ZodType = z.ZodUndefined,
  QuerySchema extends z.ZodType = z.ZodUndefined,
  PathSchema extends z.ZodType = z.ZodUndefined,
>(
  options: ApiHandlerOptions<BodySchema, QuerySchema, PathSchema>,
  useCase: (request: ApiRequest<z.infer<BodySchema>, z.infer<QuerySchema>, z.infer<PathSchema>>) => Promise<ApiResponse>,
) {
  const handle = async (event: APIGatewayProxyEventV2, lambdaContext: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    const response = await respond(event, lambdaContext);
    // Per-function answer classes: the basis of 4xx/5xx alarms and dashboards.
    metrics.addMetric(`Http${Math.floor((response.statusCode ?? 200) / 100)}xx`, MetricUnit.Count, 1);
    return response;
  };

  const respond = async (event: APIGatewayProxyEventV2, lambdaContext: Context): Promise<APIGatewayProxyStructuredResultV2> => {
    try {
      const headers = event.headers ?? {};
      const channel = options.authenticate ? await options.authenticate(headers['x-api-key']) : publicCaller;
      if (options.authenticate) logger.appendKeys({ channelId: channel.channelId });
      const path = options.path ? parseOrThrow(options.path, event.pathParameters ?? {}, 'path') : undefined;
      const query = options.query ? parseOrThrow(options.query, event.queryStringParameters ?? {}, 'query') : undefined;
      const body = options.body
        ? parseOrThrow(options.body.schema, readJsonBody(event, options.body.maxBytes), 'body', options.body.readOnlyFields)
        : undefined;
      // A schema that was not given parses to undefined, which is exactly what its default type says.
      const response = await useCase({
        body: body as z.infer<BodySchema>,
        query: query as z.infer<QuerySchema>,
        path: path as z.infer<PathSchema>,
        headers,
        channel,
        lambdaContext,
      });
      return {
        statusCode: response.status,
        headers: { 'content-type': 'application/json', ...response.headers },
        body: JSON.stringify(response.body),
      };
    } catch (error) {
      return errorToResponse(error);
    } finally {
      logger.removeKeys(['channelId']);
    }
  };

  return middy(handle)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(captureLambdaHandler(tracer))
    .use(logMetrics(metrics));
}
