// Issues API tokens (shown once, stored hashed), resolves a bearer token to its user, revokes one.
import { hashApiToken, isApiToken, mintApiToken } from '../security/api-token.ts';
import type { Store, UserAccount } from '../store/store.ts';

export async function issueApiToken(store: Store, userId: string): Promise<string> {
  const token = mintApiToken();
  await store.addApiToken(hashApiToken(token), userId, new Date());
  return token;
}

export async function userOfApiToken(store: Store, token: string): Promise<UserAccount | null> {
  if (!isApiToken(token)) return null;
  return store.findUserByApiToken(hashApiToken(token));
}

/** Sign-out: the token stops working at once. */
export async function revokeApiToken(store: Store, token: string): Promise<boolean> {
  if (!isApiToken(token)) return false;
  return store.revokeApiToken(hashApiToken(token));
}
