import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import type { ApiScope } from '../ports/channel-repository';
import { requireScope, type AuthenticatedChannel } from '../use-cases/authenticate-channel';
import { logger, metrics, tracer } from '../observability/powertools';
import { errorToResponse } from './error-response';
import { mediaTypeOf, parseOrThrow, readJsonBody, readTextBody } from './request-parsing';

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
  /** Set-Cookie values, one per cookie (API Gateway's payload 2.0 `cookies`). */
  readonly cookies?: readonly string[];
}

export interface ApiBodyOptions<BodySchema extends z.ZodType> {
  /** The JSON body's contract. */
  readonly schema: BodySchema;
  readonly maxBytes: number;
  readonly readOnlyFields?: readonly string[];
  /**
   * Text media types the route takes besides JSON (e.g. `text/csv`), each with the reader that turns
   * the text into what the JSON schema yields; a reader throws HttpProblem for text it cannot read.
   */
  readonly text?: Readonly<Record<string, (text: string) => z.output<BodySchema>>>;
}

interface ApiHandlerCommonOptions<BodySchema extends z.ZodType, QuerySchema extends z.ZodType, PathSchema extends z.ZodType> {
  readonly body?: ApiBodyOptions<BodySchema>;
  readonly query?: QuerySchema;
  readonly path?: PathSchema;
}

/** A public route neither authenticates nor needs a scope; a route that authenticates must name its scope. */
type ApiHandlerAccessOptions =
  | { readonly authenticate?: undefined; readonly requiredScope?: undefined }
  | {
      /** Resolves the `x-api-key` header to a channel and its scopes. */
      readonly authenticate: (apiKey: string | undefined) => Promise<AuthenticatedChannel>;
      /** The scope the key must hold (or one of them); a key without it is answered 403 INSUFFICIENT_SCOPE. */
      readonly requiredScope: ApiScope | readonly ApiScope[];
    };

export type ApiHandlerOptions<BodySchema extends z.ZodType, QuerySchema extends z.ZodType, PathSchema extends z.ZodType> =
  ApiHandlerCommonOptions<BodySchema, QuerySchema, PathSchema> & ApiHandlerAccessOptions;

const publicCaller: AuthenticatedChannel = { channelId: '', scopes: [] };

/** The body in its declared contract: JSON through the schema, a declared text media type through its reader. */
function readBody<BodySchema extends z.ZodType>(event: APIGatewayProxyEventV2, body: ApiBodyOptions<BodySchema>): z.output<BodySchema> {
  const textReader = body.text?.[mediaTypeOf(event.headers?.['content-type']) ?? ''];
  if (textReader) return textReader(readTextBody(event, body.maxBytes));
  return parseOrThrow(body.schema, readJsonBody(event, body.maxBytes, Object.keys(body.text ?? {})), 'body', body.readOnlyFields);
}

/**
 * The one way an HTTP Lambda is built: Powertools logging, tracing and metrics, then
 * authentication and the route's scope, then contract validation of path, query and body, then the use case. Every
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
      if (options.authenticate) {
        logger.appendKeys({ channelId: channel.channelId });
        requireScope(channel, options.requiredScope);
      }
      const path = options.path ? parseOrThrow(options.path, event.pathParameters ?? {}, 'path') : undefined;
      const query = options.query ? parseOrThrow(options.query, event.queryStringParameters ?? {}, 'query') : undefined;
      const body = options.body ? readBody(event, options.body) : undefined;
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
        ...(response.cookies && { cookies: [...response.cookies] }),
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
