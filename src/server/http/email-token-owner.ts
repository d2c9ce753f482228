// Only the sender may claim an email token: it must carry the proof made with their signing key
// (shared/email-tokens.ts). Checked wherever a client names a token to make it theirs:
// registering the email, and making a document link for it before it is registered.
import { isEmailTokenOf } from '../../shared/email-tokens.ts';
import type { ServerContext } from '../context.ts';
import { HttpError } from './errors.ts';

export async function requireOwnToken(context: ServerContext, userId: string, token: string): Promise<void> {
  const key = await context.keys.forUser(userId);
  if (isEmailTokenOf(key.secret, token)) return;
  throw new HttpError(
    403,
    'token_not_yours',
    'This email token was not made with your signing key. Tokens are minted after sign-in (the extension and `glint email create` do it): mint a new one',
  );
}
