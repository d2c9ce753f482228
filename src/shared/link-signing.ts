// Signed click links: the destination travels inside the tracked URL, signed with the sending
// user's key (HMAC-SHA256), so a link redirects even if its email was never registered and an
// unsigned or altered link never redirects (no open redirect). Synchronous on purpose: Gmail's
// `presending` hook cannot await, and Web Crypto's HMAC is async only.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { decodeBase64Url, encodeBase64Url } from './base64url.ts';

/** A user's link-signing key as the extension holds it after sign-in. */
export interface SigningKey {
  /** Public key id carried in every tracked link (`sk_...`). */
  kid: string;
  /** 32 random bytes, base64url. Secret: only the owner and the server know it. */
  secret: string;
}

const SIGNATURE_BYTES = 16;

function signedMessage(token: string, linkIndex: number, destination: string): Uint8Array {
  return new TextEncoder().encode(`glint-click-v1\n${token}\n${linkIndex}\n${destination}`);
}

/** The key bytes of a signing secret; throws on one too short to be a key. */
export function secretBytes(secret: string): Uint8Array {
  const bytes = decodeBase64Url(secret);
  if (!bytes || bytes.length < 32) throw new Error('signing secret must be at least 32 bytes of base64url');
  return bytes;
}

export function signLink(secret: string, token: string, linkIndex: number, destination: string): string {
  const mac = hmac(sha256, secretBytes(secret), signedMessage(token, linkIndex, destination));
  return encodeBase64Url(mac.subarray(0, SIGNATURE_BYTES));
}

/** Verifies in constant time, so a forger learns nothing from response timing. */
export function verifyLinkSignature(secret: string, token: string, linkIndex: number, destination: string, signature: string): boolean {
  return equalInConstantTime(signLink(secret, token, linkIndex, destination), signature);
}

/** Compares a computed proof with a given one without a timing hint of where they differ. */
export function equalInConstantTime(expected: string, given: string): boolean {
  if (expected.length !== given.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

export function mintSigningSecret(): string {
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  return encodeBase64Url(bytes);
}
