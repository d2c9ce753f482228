// The compose side's HTTP calls to the Glint server (outbox, self-view beacons, picker
// documents), made by the service worker with the stored sign-in: api-client.ts with the server
// URL and API token read at each request (the token never leaves the extension's own processes).
import type { z } from 'zod';
import { MessageError } from '../../shared/messages.ts';
import type { AuthState, AuthStorage } from '../data/auth-state.ts';
import { apiClient, type ApiRequest, type Fetch } from './api-client.ts';

export type GlintRequest<S extends z.ZodType> = Omit<ApiRequest<S>, 'apiToken' | 'signal'>;

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
    async request(req) {
      const { serverUrl, apiToken } = await auth();
      return apiClient(serverUrl, fetchImpl).request({ ...req, apiToken });
    },
  };
}
