// The signature every webhook request carries: `Glint-Signature: t=<unix seconds>,v1=<hex>`, an
// HMAC-SHA256 of `${t}.${body}` under the endpoint's secret. During a secret rotation's overlap
// the header holds one v1= per secret (the new one first), so a receiver that knows either
// accepts the request.
import { createHmac, randomBytes } from 'node:crypto';

export const SIGNATURE_HEADER = 'Glint-Signature';
const SECRET_PREFIX = 'whsec_';

/** A new endpoint secret: 32 random bytes, shown to the team once. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function signPayload(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header's value for a body sent at `timestamp` (seconds), signed with each secret. */
export function signatureHeader(secrets: readonly string[], timestamp: number, body: string): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${signPayload(secret, timestamp, body)}`)].join(',');
}
