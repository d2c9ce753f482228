// Email tokens bound to their sender. A token is minted in the browser at send time and is
// public from then on (every recipient sees it in the pixel URL), and hits that arrive before
// the sender's registration wait for whoever registers it first. So a token carries proof of
// whose it is: 10 random bytes, then the first 6 bytes of an HMAC of them under the sender's
// link-signing key. Only that user can register it (or make document links for it); anyone else
// would have to guess 48 bits online. The token keeps the plain id shape (em_ + 22 characters).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';
import { ID_PREFIXES, isId, mintId } from './ids.ts';
import { equalInConstantTime, secretBytes, type SigningKey } from './link-signing.ts';

const RANDOM_BYTES = 10;
const PROOF_BYTES = 6;
const PREFIX = `${ID_PREFIXES.emailToken}_`;

function proofOf(secret: string, random: Uint8Array): Uint8Array {
  const message = new Uint8Array([...new TextEncoder().encode('glint-email-token-v1\n'), ...random]);
  return hmac(sha256, secretBytes(secret), message).subarray(0, PROOF_BYTES);
}

/**
 * The token of one sent email, bound to `key` (the sender's signing key). Without a key: a
 * well-formed token nobody can register (for hits on unknown emails in tests and tools).
 */
export function mintEmailToken(key?: Pick<SigningKey, 'secret'>): string {
  if (!key) return mintId('emailToken');
  const random = new Uint8Array(RANDOM_BYTES);
  globalThis.crypto.getRandomValues(random);
  return `${PREFIX}${encodeBase64Url(new Uint8Array([...random, ...proofOf(key.secret, random)]))}`;
}

/** True when `token` was minted with this signing secret. Constant time in the proof. */
export function isEmailTokenOf(secret: string, token: string): boolean {
  if (!isId('emailToken', token)) return false;
  const bytes = decodeBase64Url(token.slice(PREFIX.length));
  if (!bytes || bytes.length !== RANDOM_BYTES + PROOF_BYTES) return false;
  const expected = proofOf(secret, bytes.subarray(0, RANDOM_BYTES));
  return equalInConstantTime(encodeBase64Url(expected), encodeBase64Url(bytes.subarray(RANDOM_BYTES)));
}
