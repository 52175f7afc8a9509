import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FieldError, Problem } from '../contracts/problem';

/** An error that already knows its HTTP answer: used for transport-level problems (415, 413, 400). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: readonly FieldError[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

const titles: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problemResponse(
  status: number,
  code: string,
  detail: string,
  { errors = [], headers = {}, instance }: { errors?: readonly FieldError[]; headers?: Record<string, string>; instance?: string } = {},
): APIGatewayProxyStructuredResultV2 {
  const problem: Problem = {
    type: `https://github.com/serverless-oms/oms/blob/main/docs/problems.md#${code.toLowerCase().replaceAll('_', '-')}`,
    title: titles[status] ?? 'Error',
    status,
    code,
    detail,
    ...(instance && { instance }),
    ...(errors.length > 0 && { errors: [...errors] }),
  };
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json', ...headers },
    body: JSON.stringify(problem),
  };
}
