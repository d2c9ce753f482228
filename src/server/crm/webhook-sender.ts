// Sends one signed webhook request and says how it went. Redirects are never followed (a 3xx is a
// failure: the URL was checked when the webhook was added, its redirect target was not), the
// answer's body is never read beyond its status (nothing of an internal service leaks back to
// the team), and each request has a deadline.
import { signatureHeader, SIGNATURE_HEADER } from './webhook-signature.ts';

export interface SendRequest {
  url: string;
  /** The secrets to sign with, current first. */
  secrets: readonly string[];
  messageId: string;
  body: string;
  timeoutMs: number;
  now?: () => Date;
}

export type SendResult =
  { ok: true; status: number; durationMs: number } | { ok: false; status: number | null; error: string; durationMs: number };

export const USER_AGENT = 'Glint-Webhooks/1';

export async function sendWebhook(request: SendRequest): Promise<SendResult> {
  const started = performance.now();
  const timestamp = Math.floor((request.now?.() ?? new Date()).getTime() / 1000);
  const duration = (): number => Math.round(performance.now() - started);
  try {
    const response = await fetch(request.url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': USER_AGENT,
        'glint-event-id': request.messageId,
        'glint-timestamp': String(timestamp),
        [SIGNATURE_HEADER]: signatureHeader(request.secrets, timestamp, request.body),
      },
      body: request.body,
    });
    await response.body?.cancel().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, durationMs: duration() };
    const redirect = response.status >= 300 && response.status < 400 ? ' (redirects are not followed)' : '';
    return {
      ok: false,
      status: response.status,
      error: `the receiver answered HTTP ${response.status}${redirect}`,
      durationMs: duration(),
    };
  } catch (error) {
    return { ok: false, status: null, error: describeFailure(error, request.timeoutMs), durationMs: duration() };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs / 1000} s`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : null;
  if (code === 'ECONNREFUSED') return 'the connection was refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'the host name does not resolve';
  if (code === 'ECONNRESET') return 'the connection was reset';
  if (code?.startsWith('ERR_TLS') || code?.includes('CERT')) return `the TLS certificate was not accepted (${code})`;
  return code ? `the request failed (${code})` : 'the request failed';
}
