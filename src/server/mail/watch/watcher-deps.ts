// What a mailbox watcher needs from the server: ingestion's store and feed hub, the server key's
// box to open the credential, a logger that never sees the credential, and the IMAP timing.
import type { IngestDeps } from '../../ingest/ingest-deps.ts';
import type { SecretBox } from '../../security/secret-box.ts';
import type { MailboxHostPolicy } from '../mail-host-policy.ts';
import type { ReconnectPolicy } from './reconnect-delay.ts';

export interface WatcherLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WatcherImapOptions {
  /** Longest a connect or greeting may take, in ms. */
  timeoutMs: number;
  /** Longest the connection may stay silent, in ms; IDLE is renewed before it. */
  socketTimeoutMs: number;
  /** Quiet time after a read before IDLE starts, in ms. */
  autoIdleDelayMs: number;
  /** IDLE is ended and started again this often, in ms (servers drop an IDLE after 30 minutes). */
  maxIdleMs: number;
  trustedCertificates: string | undefined;
  /** Which mail server addresses may be reached. */
  hostPolicy: MailboxHostPolicy;
  /**
   * The Sent folder is checked (one STATUS) this often while IDLE waits on INBOX: a message the
   * rep writes by hand arrives in no watched folder, yet must stop the thread's follow-ups.
   */
  sentCheckMs: number;
}

export const DEFAULT_WATCHER_IMAP: Omit<WatcherImapOptions, 'timeoutMs' | 'trustedCertificates' | 'hostPolicy'> = {
  socketTimeoutMs: 5 * 60_000,
  autoIdleDelayMs: 100,
  maxIdleMs: 4 * 60_000,
  sentCheckMs: 60_000,
};

export interface WatcherDeps extends IngestDeps {
  now: () => Date;
  box: SecretBox;
  log: WatcherLog;
  imap: WatcherImapOptions;
  reconnect: ReconnectPolicy;
  /** Days an out-of-office without a return date pauses a campaign enrolment. */
  autoReplyPauseDays?: number | undefined;
}
