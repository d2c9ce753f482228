import { describe, expect, it } from 'vitest';
import { isEmailTokenOf, mintEmailToken } from '../../src/shared/email-tokens.ts';
import { isId } from '../../src/shared/ids.ts';
import { mintSigningSecret } from '../../src/shared/link-signing.ts';

describe('email tokens bound to their sender', () => {
  const alice = { secret: mintSigningSecret() };
  const bob = { secret: mintSigningSecret() };

  it('keeps the plain id shape, so pixel URLs and every id check stay as they are', () => {
    const token = mintEmailToken(alice);
    expect(isId('emailToken', token)).toBe(true);
    expect(token).toMatch(/^em_[A-Za-z0-9_-]{22}$/);
    expect(mintEmailToken(alice)).not.toBe(token);
  });

  it("proves whose token it is: the sender's key, nobody else's, and no key at all for a plain one", () => {
    const token = mintEmailToken(alice);
    expect(isEmailTokenOf(alice.secret, token)).toBe(true);
    expect(isEmailTokenOf(bob.secret, token)).toBe(false);
    expect(isEmailTokenOf(alice.secret, mintEmailToken())).toBe(false);
  });

  it('refuses an altered token and anything that is not a token', () => {
    const token = mintEmailToken(alice);
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    const altered = `${token.slice(0, -2)}${last}${token.at(-1)}`;
    expect(isEmailTokenOf(alice.secret, altered)).toBe(false);
    for (const value of ['', 'em_', 'not a token', `${token}x`, token.replace('em_', 'ev_')]) {
      expect(isEmailTokenOf(alice.secret, value), value).toBe(false);
    }
  });
});
