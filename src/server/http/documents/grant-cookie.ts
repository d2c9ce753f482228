// The access grant of a link that asks for the reader's email first: a random value handed out by
// POST /d/{token}/identify in an HttpOnly cookie scoped to that link's path; only its SHA-256 is
// stored (with the visit). The PDF and the original are served only to a request that has it.
import { createHash, randomBytes } from 'node:crypto';
import { DOCUMENT_PATH_PREFIX } from '../../../shared/tracking-urls.ts';

export const GRANT_COOKIE = 'glint_grant';
const GRANT_MAX_AGE_S = 7 * 24 * 3600;

export function mintGrant(): { grant: string; hash: string } {
  const grant = randomBytes(32).toString('base64url');
  return { grant, hash: hashGrant(grant) };
}

export function hashGrant(grant: string): string {
  return createHash('sha256').update(grant).digest('hex');
}

export function grantCookie(linkToken: string, grant: string, secure: boolean): string {
  const attributes = [`Path=${DOCUMENT_PATH_PREFIX}${linkToken}`, `Max-Age=${GRANT_MAX_AGE_S}`, 'HttpOnly', 'SameSite=Strict'];
  if (secure) attributes.push('Secure');
  return [`${GRANT_COOKIE}=${grant}`, ...attributes].join('; ');
}

/** The grant from a Cookie header, when it has the shape we mint. */
export function grantFromCookies(header: string | undefined): string | null {
  for (const part of (header ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === GRANT_COOKIE && value && /^[A-Za-z0-9_-]{43}$/.test(value)) return value;
  }
  return null;
}
