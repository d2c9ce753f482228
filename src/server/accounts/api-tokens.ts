// Issues API tokens (shown once, stored hashed) and resolves a bearer token to its user.
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
