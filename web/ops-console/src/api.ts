/**
 * The console's API client: the ops key from sessionStorage in x-api-key, problem+json errors as
 * ApiError. The API's base URL comes from config.json next to the page (on AWS, the CloudFront path
 * that forwards to the HTTP API); without one, the page's own origin (the local runtime).
 */
const keyStorage = 'oms-ops-console.api-key';
const baseUrlStorage = 'oms-ops-console.api-url';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The route is not deployed (yet): the view says "not available" rather than "failed". */
  get isMissingRoute(): boolean {
    return this.status === 404 && this.code === 'ROUTE_NOT_FOUND';
  }
}

let configuredBaseUrl = '';

/** Reads config.json once at start; a missing file means "same origin". */
export async function loadConfig(): Promise<void> {
  try {
    const response = await fetch('config.json', { cache: 'no-store' });
    if (!response.ok) return;
    const config = (await response.json()) as { apiUrl?: unknown };
    if (typeof config.apiUrl === 'string') configuredBaseUrl = config.apiUrl.replace(/\/$/, '');
  } catch {
    // No config: the API is on this origin.
  }
}

export const session = {
  get apiKey(): string | undefined {
    return sessionStorage.getItem(keyStorage) ?? undefined;
  },
  get baseUrl(): string {
    return sessionStorage.getItem(baseUrlStorage) ?? configuredBaseUrl;
  },
  get defaultBaseUrl(): string {
    return configuredBaseUrl;
  },
  signIn(apiKey: string, baseUrl: string): void {
    sessionStorage.setItem(keyStorage, apiKey);
    if (baseUrl && baseUrl !== configuredBaseUrl) sessionStorage.setItem(baseUrlStorage, baseUrl.replace(/\/$/, ''));
    else sessionStorage.removeItem(baseUrlStorage);
  },
  signOut(): void {
    sessionStorage.removeItem(keyStorage);
    sessionStorage.removeItem(baseUrlStorage);
  },
};

export type Query = Readonly<Record<string, string | number | undefined>>;

export async function request<T>(method: 'GET' | 'POST', path: string, { query, body, apiKey, baseUrl, signal }: { query?: Query; body?: unknown; apiKey?: string; baseUrl?: string; signal?: AbortSignal } = {}): Promise<T> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== '') search.set(name, String(value));
  const url = `${baseUrl ?? session.baseUrl}${path}${search.toString() ? `?${search}` : ''}`;
  const key = apiKey ?? session.apiKey;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { ...(key && { 'x-api-key': key }), ...(body !== undefined && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      ...(signal && { signal }),
      cache: 'no-store',
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK_ERROR', `The API did not answer (${(error as Error).message})`);
  }
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
    throw new ApiError(response.status, problem.code ?? `HTTP_${response.status}`, problem.detail ?? problem.title ?? (text.slice(0, 200) || response.statusText));
  }
  return parsed as T;
}

export const get = <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { ...(query && { query }), ...(signal && { signal }) });
export const post = <T>(path: string, body: unknown) => request<T>('POST', path, { body });

/** What a failed call means for the person reading the page. */
export function describeFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return `Something went wrong: ${(error as Error)?.message ?? String(error)}`;
  if (error.isMissingRoute) return 'Not available: this API does not serve this endpoint (yet).';
  if (error.status === 401) return 'Your API key was not accepted (401). Sign out and sign in again.';
  if (error.status === 403) return `Your API key lacks the scope this needs (403 ${error.code}).`;
  if (error.status === 0) return `Not available: ${error.message}.`;
  return `${error.message} (${error.status} ${error.code})`;
}
