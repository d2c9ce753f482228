// The sentences an endpoint's state carries (shown in the API, the CLI and the options page),
// written once for both dialects.
import type { AttemptRecord } from './webhook-store.ts';

export const GONE_REASON = 'The receiver answered 410 Gone, so Glint stopped delivering to it. Resume it once it accepts deliveries again.';

export function pausedReason(attempt: AttemptRecord): string {
  const last = attempt.outcome.kind === 'delivered' ? '' : ` (last: ${attempt.outcome.error})`;
  return `Paused after ${attempt.pauseAfter} failed attempts in a row${last}. Resume it when the receiver works again.`;
}

/** The values the attempt writes: 1/0 flags and text, in the names both dialects' SQL use. */
export function attemptValues(attempt: AttemptRecord): {
  status: string;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: number | null;
  finishedAt: number | null;
  failed: number;
  gone: number;
} {
  const { outcome } = attempt;
  const at = attempt.at.getTime();
  if (outcome.kind === 'delivered') {
    return { status: 'delivered', lastStatus: outcome.status, lastError: null, nextAttemptAt: null, finishedAt: at, failed: 0, gone: 0 };
  }
  return {
    status: outcome.kind === 'retry' ? 'pending' : 'failed',
    lastStatus: outcome.status,
    lastError: outcome.error.slice(0, 500),
    nextAttemptAt: outcome.kind === 'retry' ? outcome.nextAttemptAt.getTime() : null,
    finishedAt: outcome.kind === 'retry' ? null : at,
    failed: 1,
    gone: attempt.gone ? 1 : 0,
  };
}
