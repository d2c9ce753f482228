// Bearer-token authentication of /api/v1/* (except sign-in). The user is resolved once per
// request and read by handlers through currentUser().
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { userOfApiToken } from '../accounts/api-tokens.ts';
import type { Store, UserAccount } from '../store/store.ts';
import { HttpError } from './errors.ts';

const users = new WeakMap<FastifyRequest, UserAccount>();
const PUBLIC_API_ROUTES = new Set(['/api/v1/auth/sign-in']);

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerTokenOf(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

export function installAuth(app: FastifyInstance, store: Store): void {
  app.addHook('onRequest', async (request) => {
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/v1/') || PUBLIC_API_ROUTES.has(route) || request.method === 'OPTIONS') return;
    const token = bearerTokenOf(request);
    if (!token) throw new HttpError(401, 'unauthorized', 'Sign in first: send Authorization: Bearer <API token>');
    const user = await userOfApiToken(store, token);
    if (!user) throw new HttpError(401, 'unauthorized', 'The API token is unknown or was revoked');
    users.set(request, user);
  });
}

/** Checks the request's token again (a long-poll's wait may outlive it): a 401 once revoked. */
export async function stillSignedIn(store: Store, request: FastifyRequest, userId: string): Promise<void> {
  const user = await userOfApiToken(store, bearerTokenOf(request) ?? '');
  if (user?.id !== userId) throw new HttpError(401, 'unauthorized', 'The API token is unknown or was revoked');
}

export function currentUser(request: FastifyRequest): UserAccount {
  const user = users.get(request);
  if (!user) throw new HttpError(401, 'unauthorized', 'Sign in first');
  return user;
}
