/**
 * The outbox database (IndexedDB through Dexie): what the compose side has sent and the server
 * has not acknowledged yet. A database of its own (not the feed's): signing out clears the feed,
 * but an email that already went out must still be registered.
 *
 * Writer and reader: the background service worker only (background/outbox.ts).
 *
 * Tables
 * - `entries`  one row per sent email still owed to the server, keyed by its token:
 *              `registration` (the POST /api/v1/emails body; null when only ids are owed),
 *              `registered` (0 | 1), `ids` (Gmail thread/message ids and the RFC Message-ID
 *              learned so far) and `sentIds` (those the server has), the retry state
 *              (`attempts`, `nextAttemptAt` in ms, `lastError`), the sender's user id
 *              (`owner`), and `enrolment` (the campaign the rep chose in the compose, and
 *              whether its enrolment is done: posted once the email is registered).
 *              Removed once everything is acknowledged.
 * - `sent`     the emails this profile sent (token, sentAt ms), kept for the self-view guard:
 *              a Glint pixel quoted in a reply is the rep's own when its token is here.
 */
import { Dexie, type DexieOptions, type EntityTable } from 'dexie';
import type { EmailRegistration } from '../../shared/api-schemas.ts';

export const OUTBOX_DB_NAME = 'glint-outbox';

export interface EmailIds {
  gmailThreadId?: string;
  gmailMessageId?: string;
  rfcMessageId?: string;
}

export interface OutboxEntry {
  token: string;
  registration: EmailRegistration | null;
  registered: 0 | 1;
  ids: EmailIds;
  sentIds: EmailIds;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
  /**
   * The Glint user id signed in when the email was sent: it is delivered only while that user is
   * signed in (never to an account signed in later on this browser). Absent on older entries.
   */
  owner?: string;
  /** Follow up: enrol the email's To recipients in this campaign once it is registered. */
  enrolment?: { campaignId: string; done: 0 | 1 };
}

export interface SentRecord {
  token: string;
  sentAt: number;
}

export class OutboxDb extends Dexie {
  entries!: EntityTable<OutboxEntry, 'token'>;
  sent!: EntityTable<SentRecord, 'token'>;

  constructor(name: string = OUTBOX_DB_NAME, options?: DexieOptions) {
    super(name, options);
    this.version(1).stores({
      entries: 'token, nextAttemptAt',
      sent: 'token, sentAt',
    });
  }
}

let shared: OutboxDb | null = null;
/** Opens (lazily) the extension's outbox database; one instance per worker. */
export function outboxDb(): OutboxDb {
  shared ??= new OutboxDb();
  return shared;
}

/** Which of these tokens name emails this profile sent. */
export async function sentTokens(db: OutboxDb, tokens: readonly string[]): Promise<string[]> {
  const rows = await db.sent.bulkGet([...tokens]);
  return rows.flatMap((row) => (row ? [row.token] : []));
}

/** Forgets sent records older than `before` (ms): the guard only needs recent history. */
export async function pruneSentBefore(db: OutboxDb, before: number): Promise<number> {
  return db.sent.where('sentAt').below(before).delete();
}
