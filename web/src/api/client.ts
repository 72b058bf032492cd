import type { Problem } from './types';

/** A failed API call. `problem` is null when the server sent no problem body (or was unreachable). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null) {
    super(problem?.detail ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

type QueryParams = Record<string, string | number | undefined>;

interface RequestOptions {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** ETag of the version being changed, for master records (the server answers 412 when stale). */
  ifMatch?: string;
}

/** A master record with the ETag naming its version. */
export interface Versioned<T> {
  data: T;
  etag: string;
}

const API_BASE = '/api/v1';

let language = 'id';
let csrfToken: string | null = null;
let onUnauthorized: () => void = () => {};

/** Sent as Accept-Language so server messages come back in the UI language. */
export function setApiLanguage(lang: string): void {
  language = lang;
}

/** Sent as X-CSRF-Token on every non-GET request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server answers 401, i.e. the session is missing or expired. */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

async function send(method: string, path: string, options: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  if (options.ifMatch) headers['If-Match'] = options.ifMatch;

  let response: Response;
  try {
    response = await fetch(API_BASE + path + toQueryString(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, null);
  }

  if (response.status === 401) onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, await readProblem(response));
  return response;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** Like apiRequest, for master records: returns the ETag too, and sends `ifMatch` as If-Match. */
export async function apiRequestVersioned<T>(method: string, path: string, options: RequestOptions = {}): Promise<Versioned<T>> {
  const response = await send(method, path, options);
  return { data: (await response.json()) as T, etag: response.headers.get('ETag') ?? '' };
}

function toQueryString(query: QueryParams | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readProblem(response: Response): Promise<Problem | null> {
  if (!(response.headers.get('Content-Type') ?? '').includes('json')) return null;
  try {
    return (await response.json()) as Problem;
  } catch {
    return null;
  }
}

/** Field errors of a failed call keyed by field path (first message per field). */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  if (error instanceof ApiError) {
    for (const { field, message } of error.problem?.errors ?? []) result[field] ??= message;
  }
  return result;
}
