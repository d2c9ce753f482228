// The service worker's HTTP client for the Glint server: bearer auth, zod-validated responses,
// and failures turned into MessageError codes a person can act on. Handed its fetch so the
// sync logic tests against a real server in Node without Chrome.
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

export interface ApiRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  apiToken?: string;
  schema: S;
  signal?: AbortSignal;
}

export interface ApiClient {
  request<S extends z.ZodType>(req: ApiRequest<S>): Promise<z.output<S>>;
}

export function apiClient(serverUrl: string, fetchImpl: Fetch): ApiClient {
  return {
    async request({ method = 'GET', path, query, body, apiToken, schema, signal }) {
      const url = new URL(serverUrl.replace(/\/+$/, '') + path);
      for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
      const headers: Record<string, string> = { accept: 'application/json' };
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

function httpError(status: number, payload: unknown, origin: string): ApiError {
  const error = errorResponseSchema.safeParse(payload).data?.error;
  const serverCode = error?.code ?? null;
  if (status === 401) return new ApiError('signed-out', error?.message ?? 'The server did not accept the credentials', status, serverCode);
  if (status >= 500) return new ApiError('server-error', `The Glint server at ${origin} failed (HTTP ${status})`, status, serverCode);
  if (!error) return new ApiError('not-a-glint-server', `${origin} did not answer like a Glint server (HTTP ${status})`, status, null);
  return new ApiError('invalid-request', error.message, status, serverCode);
}
