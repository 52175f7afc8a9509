/**
 * A local stand-in for API Gateway HTTP APIs: each request becomes a payload-format-2.0 event for
 * the handler module that CDK deploys for the route, and the handler's result becomes the response.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { HttpMethod, RouteDefinition } from '../definitions/api';
import { problemResponse } from '../../shared/http/problem';
import { listen, type ListeningServer } from './listen';
import { FunctionTimeoutError, invokeHandler, loadHandler, type LambdaHandler } from './lambda-invoker';

type HttpHandler = LambdaHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>;

/** API Gateway's own payload limit; our handlers apply their tighter limits themselves. */
const gatewayMaxBodyBytes = 10 * 1024 * 1024;

/**
 * A route only the local runtime serves (developer tools such as GET /dev/events): answered in
 * process, never a Lambda function, and not part of the routes CDK deploys or the parity check.
 */
export interface LocalOnlyRoute {
  readonly method: HttpMethod;
  /** Matched exactly, without placeholders. */
  readonly path: string;
  handle(url: URL, headers: Readonly<Record<string, string | string[] | undefined>>): APIGatewayProxyStructuredResultV2 | Promise<APIGatewayProxyStructuredResultV2>;
}

/**
 * Requests answered by a deployed route, per route key (`POST /orders`): what API Gateway bills,
 * read by `npm run bench`. Module-wide, like the Lambda invocation stats.
 */
const requestCounts = new Map<string, number>();

export function httpGatewayRequestCounts(): Record<string, number> {
  return Object.fromEntries(requestCounts);
}

export function resetHttpGatewayRequestCounts(): void {
  requestCounts.clear();
}

interface CompiledRoute {
  readonly route: RouteDefinition;
  readonly pattern: RegExp;
  readonly parameterNames: string[];
  readonly handler: HttpHandler;
}

function compilePath(path: string): { pattern: RegExp; parameterNames: string[] } {
  const parameterNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const parameter = /^\{(.+?)(\+)?\}$/.exec(segment);
      if (!parameter) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      parameterNames.push(parameter[1] as string);
      return parameter[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { pattern: new RegExp(`^${source}$`), parameterNames };
}

const textualContentType = /^(text\/|application\/(json|xml|x-www-form-urlencoded|[\w.+-]+\+json|javascript))/i;

async function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).byteLength;
    if (size > gatewayMaxBodyBytes) return 'too-large';
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function toEvent(request: IncomingMessage, url: URL, body: Buffer, routeKey: string, pathParameters: Record<string, string> | undefined): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && name !== 'cookie') headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) queryStringParameters[key] = url.searchParams.getAll(key).join(',');
  const isText = body.byteLength === 0 || textualContentType.test(headers['content-type'] ?? '');
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(request.headers.cookie && { cookies: request.headers.cookie.split(/;\s*/) }),
    headers,
    ...(Object.keys(queryStringParameters).length > 0 && { queryStringParameters }),
    ...(pathParameters && { pathParameters }),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0] as string,
      http: {
        method: request.method ?? 'GET',
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.byteLength > 0 && { body: isText ? body.toString('utf8') : body.toString('base64') }),
    isBase64Encoded: !isText,
  };
}

function send(response: ServerResponse, result: APIGatewayProxyResultV2): void {
  // Payload format 2.0: a result without statusCode is a 200 JSON body, as on API Gateway.
  const structured = typeof result === 'object' && result !== null && 'statusCode' in result
    ? result
    : { statusCode: 200, headers: { 'content-type': 'application/json' }, body: typeof result === 'string' ? result : JSON.stringify(result) };
  const body = structured.body === undefined ? '' : structured.isBase64Encoded ? Buffer.from(structured.body, 'base64') : structured.body;
  for (const [name, value] of Object.entries(structured.headers ?? {})) response.setHeader(name, String(value));
  if (structured.cookies?.length) response.setHeader('set-cookie', structured.cookies);
  response.setHeader('apigw-requestid', randomUUID());
  response.writeHead(structured.statusCode ?? 200);
  response.end(body);
}

export async function startHttpGateway({
  routes,
  repositoryRoot,
  port,
  host = '127.0.0.1',
  localOnlyRoutes = [],
  onInvocationError = (error: unknown) => console.error(error),
}: {
  routes: readonly RouteDefinition[];
  localOnlyRoutes?: readonly LocalOnlyRoute[];
  repositoryRoot: string;
  port: number;
  host?: string;
  onInvocationError?: (error: unknown) => void;
}): Promise<ListeningServer & { readonly routes: readonly RouteDefinition[] }> {
  // Handlers load up front, so a misconfigured function fails at start-up, not on first request.
  const compiled: CompiledRoute[] = await Promise.all(
    routes.map(async (route) => ({ route, ...compilePath(route.path), handler: await loadHandler<APIGatewayProxyEventV2, APIGatewayProxyResultV2>(repositoryRoot, route.function) })),
  );

  const server = createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
      const body = await readBody(request);
      if (body === 'too-large') {
        send(response, problemResponse(413, 'PAYLOAD_TOO_LARGE', `API Gateway accepts at most ${gatewayMaxBodyBytes} bytes`));
        return;
      }
      const method = (request.method ?? 'GET').toUpperCase();
      const match = compiled
        .filter((candidate) => candidate.route.method === method)
        .map((candidate) => ({ candidate, groups: candidate.pattern.exec(url.pathname) }))
        .find(({ groups }) => groups !== null);
      if (!match?.groups) {
        // Deployed routes first: a local-only route can never shadow one.
        const localOnly = localOnlyRoutes.find((candidate) => candidate.method === method && candidate.path === url.pathname);
        send(response, localOnly ? await localOnly.handle(url, request.headers) : problemResponse(404, 'ROUTE_NOT_FOUND', `No route for ${method} ${url.pathname}`));
        return;
      }
      const { candidate, groups } = match;
      const pathParameters = candidate.parameterNames.length
        ? Object.fromEntries(candidate.parameterNames.map((name, index) => [name, decodeURIComponent(groups[index + 1] as string)]))
        : undefined;
      const routeKey = `${candidate.route.method} ${candidate.route.path}`;
      requestCounts.set(routeKey, (requestCounts.get(routeKey) ?? 0) + 1);
      send(response, await invokeHandler(candidate.handler, candidate.route.function, toEvent(request, url, body, routeKey, pathParameters)));
    } catch (error) {
      if (error instanceof FunctionTimeoutError) {
        // API Gateway answers 503 when the integration does not answer within the function's timeout.
        send(response, problemResponse(503, 'FUNCTION_TIMEOUT', error.message));
        return;
      }
      // What API Gateway does when the integration itself fails.
      onInvocationError(error);
      if (!response.headersSent) send(response, problemResponse(500, 'INTERNAL_ERROR', 'The function failed'));
    }
  });
  server.keepAliveTimeout = 65_000;
  return { ...(await listen(server, port, host)), routes: compiled.map(({ route }) => route) };
}
