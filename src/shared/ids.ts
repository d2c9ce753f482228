// Type-prefixed identifiers (Papermark style): the prefix tells what an id names, the rest is
// 128 random bits in base64url. Email tokens are minted in the browser at send time, so the
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
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

const RANDOM_PART = /^[A-Za-z0-9_-]{22}$/;

export function mintId(kind: IdKind): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `${ID_PREFIXES[kind]}_${encodeBase64Url(bytes)}`;
}

export function isId(kind: IdKind, value: string): boolean {
  const prefix = `${ID_PREFIXES[kind]}_`;
  return value.startsWith(prefix) && RANDOM_PART.test(value.slice(prefix.length));
}

export function idSchema(kind: IdKind): z.ZodString {
  return z
    .string()
    .regex(new RegExp(`^${ID_PREFIXES[kind]}_[A-Za-z0-9_-]{22}$`), {
      message: `must be a Glint ${kind} id (${ID_PREFIXES[kind]}_ followed by 22 base64url characters)`,
    });
}

/** The token that identifies one sent email in its pixel and tracked links. */
export function mintEmailToken(): string {
  return mintId('emailToken');
}
