// The extension's HTTP client for the Glint server: bearer auth, zod-validated responses, and
// failures turned into MessageError codes a person can act on (a refusal for good told from a
// reason to retry). Handed its fetch so the sync logic tests against a real server in Node
// without Chrome. outbox-http.ts adds the stored sign-in on top.
import type { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { MessageError } from '../../shared/messages.ts';

export type Fetch = typeof globalThis.fetch;

/** A refusal from the server, with its HTTP status and error code for callers that care. */
export class ApiError extends MessageError {
  readonly status: number;
  readonly serverCode: string | null;
  constructor(code: MessageError['code'], message: string, status: number, serverCode: string | null) {
    super(code, message);
    this.status = status;
    this.serverCode = serverCode;
  }
}

/** A 4xx answer other than 401, 408 and 429: the request itself is wrong, retrying cannot help. */
export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.code === 'invalid-request' || error.code === 'plan-required');
}

export interface ApiRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  apiToken?: string;
  /** Beyond accept, authorization and content-type (X-Glint-Device on self-view beacons). */
  headers?: Record<string, string>;
  schema: S;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<S extends z.ZodType>(req: ApiRequest<S>): Promise<z.output<S>>;
}

export function apiClient(serverUrl: string, fetchImpl: Fetch): ApiClient {
  return {
    async request({ method = 'GET', path, query, body, apiToken, headers: extra, schema, signal }) {
      const url = new URL(serverUrl.replace(/\/+$/, '') + path);
      for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
      const headers: Record<string, string> = { accept: 'application/json', ...extra };
      if (apiToken) headers.authorization = `Bearer ${apiToken}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
          signal,
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch (error) {
        if (signal?.aborted) throw error;
        throw new MessageError('server-unreachable', `Cannot reach the Glint server at ${url.origin}`);
      }
      const payload: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw httpError(response.status, payload, url.origin);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new MessageError('not-a-glint-server', `${url.origin} did not answer like a Glint server`);
      return parsed.data;
    },
  };
}

/**
 * An error answer of the Glint server as an ApiError (also for the picker's upload, made with
 * XHR). Timeouts and rate limits count as server trouble (retry later); the plan refusal keeps
 * the server's sentence, written for a person.
 */
export function httpError(status: number, payload: unknown, origin: string): ApiError {
  const error = errorResponseSchema.safeParse(payload).data?.error;
  const serverCode = error?.code ?? null;
  if (status === 401) return new ApiError('signed-out', error?.message ?? 'The server did not accept the credentials', status, serverCode);
  if (status === 429 && serverCode === 'too_many_attempts') {
    return new ApiError('too-many-attempts', error?.message ?? 'Too many failed sign-ins', status, serverCode);
  }
  if (status >= 500 || status === 408 || status === 429) {
    return new ApiError('server-error', `The Glint server at ${origin} failed (HTTP ${status})`, status, serverCode);
  }
  if (!error) return new ApiError('not-a-glint-server', `${origin} did not answer like a Glint server (HTTP ${status})`, status, null);
  if (status === 403 && serverCode === 'plan_required') return new ApiError('plan-required', error.message, status, serverCode);
  return new ApiError('invalid-request', error.message, status, serverCode);
}
