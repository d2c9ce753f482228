// The compose side's HTTP calls to the Glint server, made by the service worker with the stored
// API token (the token never leaves the extension's own processes). Beyond api-client.ts it
// needs PATCH and extra headers (X-Glint-Device on self-view beacons), and it tells a refusal
// for good (4xx) from a reason to retry (offline, 5xx, signed out).
import type { z } from 'zod';
import { errorResponseSchema } from '../../shared/api-schemas.ts';
import { MessageError } from '../../shared/messages.ts';
import type { AuthState, AuthStorage } from '../data/auth-state.ts';

export type Fetch = typeof globalThis.fetch;

/** A 4xx answer other than 401: the request itself is wrong, retrying cannot help. */
export class HttpRefusal extends MessageError {
  constructor(
    code: MessageError['code'],
    message: string,
    readonly status: number,
  ) {
    super(code, message);
  }
}

export interface GlintRequest<S extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  schema: S;
}

export interface GlintHttp {
  request<S extends z.ZodType>(req: GlintRequest<S>): Promise<z.output<S>>;
  /** The signed-in state the requests use; throws `signed-out` without one. */
  auth(): Promise<AuthState>;
}

export function glintHttp(storage: AuthStorage, fetchImpl: Fetch): GlintHttp {
  const auth = async (): Promise<AuthState> => {
    const state = await storage.auth.read();
    if (!state) throw new MessageError('signed-out', 'Sign in to Glint on its options page');
    return state;
  };
  return {
    auth,
    async request({ method = 'GET', path, query, body, headers, schema }) {
      const { serverUrl, apiToken } = await auth();
      const url = new URL(serverUrl.replace(/\/+$/, '') + path);
      for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
      const allHeaders: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${apiToken}`, ...headers };
      if (body !== undefined) allHeaders['content-type'] = 'application/json';
      let response: Response;
      try {
        response = await fetchImpl(url, {
          method,
          headers: allHeaders,
          body: body === undefined ? undefined : JSON.stringify(body),
          credentials: 'omit',
          cache: 'no-store',
        });
      } catch {
        throw new MessageError('server-unreachable', `Cannot reach the Glint server at ${url.origin}`);
      }
      const payload: unknown = await response.json().catch(() => undefined);
      if (!response.ok) throw failure(response.status, payload, url.origin);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new MessageError('not-a-glint-server', `${url.origin} did not answer like a Glint server`);
      return parsed.data;
    },
  };
}

function failure(status: number, payload: unknown, origin: string): MessageError {
  const error = errorResponseSchema.safeParse(payload).data?.error;
  if (status === 401) return new MessageError('signed-out', error?.message ?? 'The server did not accept the sign-in');
  if (status >= 500 || status === 408 || status === 429) {
    return new MessageError('server-error', `The Glint server at ${origin} failed (HTTP ${status})`);
  }
  if (!error) return new MessageError('not-a-glint-server', `${origin} did not answer like a Glint server (HTTP ${status})`);
  // The server words the plan message for a person (which plan, how to get it): show it as is.
  if (status === 403 && error.code === 'plan_required') return new HttpRefusal('plan-required', error.message, status);
  return new HttpRefusal('invalid-request', error.message, status);
}
