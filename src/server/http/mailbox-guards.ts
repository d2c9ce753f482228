// What the mailbox routes check before the server connects anywhere for a user: the hosts are
// ones this server may reach (mail/mail-host-policy.ts), and connection tests come at a person's
// pace, not a scanner's.
import type { MailboxSettings } from '../mail/connection-settings.ts';
import { checkMailHost, MailHostRefusedError, type CheckedHost, type MailboxHostPolicy } from '../mail/mail-host-policy.ts';
import { TokenBuckets } from '../lib/token-buckets.ts';
import { HttpError } from './errors.ts';

/** A rep trying settings clicks Test a few times in a row, then now and then. */
const TESTS_PER_USER = { burst: 10, perMinute: 20 };

/**
 * Throws a 400 when a host is refused; otherwise the checked addresses, so a caller that connects
 * next uses them instead of resolving the names a second time.
 */
export async function assertHostsAllowed(
  settings: Pick<MailboxSettings, 'imap' | 'smtp'>,
  policy: MailboxHostPolicy,
): Promise<Record<'imap' | 'smtp', CheckedHost | null>> {
  const checked: Record<'imap' | 'smtp', CheckedHost | null> = { imap: null, smtp: null };
  for (const side of ['imap', 'smtp'] as const) {
    try {
      checked[side] = await checkMailHost(settings[side].host, policy);
    } catch (error) {
      if (error instanceof MailHostRefusedError) throw new HttpError(400, 'mailbox_host_refused', `${side}.host: ${error.message}`);
      throw error;
    }
  }
  return checked;
}

export class ConnectionTestLimiter {
  readonly #buckets = new TokenBuckets(TESTS_PER_USER, 10_000);

  /** Throws a 429 with the wait in words when the user tested too often. */
  take(userId: string, now = Date.now()): void {
    const waitMs = this.#buckets.take(userId, now);
    if (waitMs > 0) {
      throw new HttpError(429, 'too_many_tests', `Too many connection tests; try again in ${Math.ceil(waitMs / 1000)} s.`);
    }
  }
}
