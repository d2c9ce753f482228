// The extension's HTTP client for the Glint server: bearer auth, zod-validated responses, and
// failures turned into MessageError codes a person can act on (a refusal for good told from a
// reason to retry). Handed its fetch so the sync logic tests against a real server in Node
// without Chrome. signed-in-http.ts adds the stored sign-in on top.
import type { z } from 'zod';
import { MessageError } from '../../shared/messages.ts';
import { httpError } from '../data/api-error.ts';

export type Fetch = typeof globalThis.fetch;

export interface ApiRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
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
