// API tokens (`gl_...`) are shown once and stored only as their SHA-256 hash: 128 random bits
// need no slow hash, and a leaked database does not leak usable tokens.
import { createHash } from 'node:crypto';
import { isId, mintId } from '../../shared/ids.ts';

export function mintApiToken(): string {
  return mintId('apiToken');
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function isApiToken(value: string): boolean {
  return isId('apiToken', value);
}
