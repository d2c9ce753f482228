// Type-prefixed identifiers (Papermark style): the prefix tells what an id names, the rest is
// 128 random bits in base64url (event ids: 48 bits of time, then 80 random). Email tokens are minted in the browser at send time, so the
// same code must run in the service worker, the content script and Node (Web Crypto in all).
import { z } from 'zod';
import { encodeBase64Url } from './base64url.ts';

export const ID_PREFIXES = {
  emailToken: 'em',
  event: 'ev',
  user: 'us',
  team: 'tm',
  device: 'dv',
  signingKey: 'sk',
  apiToken: 'gl',
  document: 'doc',
  documentLink: 'dl',
  webhook: 'wh',
  campaign: 'cp',
  enrolment: 'en',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const RANDOM_PART = /^[A-Za-z0-9_-]{22}$/;

const ID_BYTES = 16;
// Random bytes come from a pool refilled by one getRandomValues call (as Node's randomUUID does):
// a call per id cost ~9 us in Node, a visible share of every tracking hit. Each slice is used
// once, right away.
const pool = new Uint8Array(4096);
let poolOffset = pool.length;

/** ID_BYTES fresh random bytes, valid until the next call. */
function randomSlice(): Uint8Array {
  if (poolOffset + ID_BYTES > pool.length) {
    globalThis.crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const bytes = pool.subarray(poolOffset, poolOffset + ID_BYTES);
  poolOffset += ID_BYTES;
  return bytes;
}

export function mintId(kind: IdKind): string {
  return `${ID_PREFIXES[kind]}_${encodeBase64Url(randomSlice())}`;
}

/**
 * Like mintId, with the time in the first 48 bits (then 80 random ones): ids minted close in time
 * share a prefix, so a database index on them takes each new one near the previous ones instead
 * of at a random page (events: one index page per group commit instead of one per event). Not
 * sortable as text (the base64url alphabet is not in ASCII order); reveals the minting time.
 */
export function mintTimePrefixedId(kind: IdKind, at: Date): string {
  const bytes = new Uint8Array(ID_BYTES);
  let time = Math.max(0, Math.floor(at.getTime()));
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(randomSlice().subarray(6), 6);
  return `${ID_PREFIXES[kind]}_${encodeBase64Url(bytes)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  const prefix = `${ID_PREFIXES[kind]}_`;
  return value.startsWith(prefix) && RANDOM_PART.test(value.slice(prefix.length));
}

export function idSchema(kind: IdKind): z.ZodString {
  return z.string().regex(new RegExp(`^${ID_PREFIXES[kind]}_[A-Za-z0-9_-]{22}$`), {
    message: `must be a Glint ${kind} id (${ID_PREFIXES[kind]}_ followed by 22 base64url characters)`,
  });
}
