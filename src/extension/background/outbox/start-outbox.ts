// Wires the outbox to Chrome: HTTP through the stored sign-in, a timer while the worker lives and
// a chrome.alarms alarm that wakes it after a restart (alarms fire at most every 30 s, so short
// first retries ride the timer). index.ts calls startOutbox() at the top level and forwards alarms.
import { z } from 'zod';
import type { EmailRegistration } from '../../../shared/api-schemas.ts';
import { MessageError } from '../../../shared/messages.ts';
import type { AuthStorage } from '../../data/auth-state.ts';
import { outboxDb, pruneSentBefore, type EmailIds, type OutboxDb, type OutboxEntry } from '../../data/outbox-db.ts';
import { recordSendFailure } from '../../data/send-failures.ts';
import type { KeyValueArea } from '../../data/storage.ts';
import { EnrolmentRefused, Outbox, OutboxRejected, type OutboxTransport } from './outbox.ts';
import { isRefusal } from '../../data/api-error.ts';
import type { Fetch } from '../api-client.ts';
import { glintHttp, type GlintHttp } from '../signed-in-http.ts';

export const OUTBOX_ALARM = 'glint-outbox';
/** The self-view guard needs only recent history: a quote of an email older than this is rare. */
const SENT_RECORD_DAYS = 180;

/**
 * Refusals for good become OutboxRejected (dropped and reported); everything else is retried.
 * An email waits while someone other than its sender is signed in: registered under their
 * account, its opens would show in their feed.
 */
export function outboxTransport(http: GlintHttp): OutboxTransport {
  const refuse = (error: unknown): never => {
    if (isRefusal(error)) throw new OutboxRejected(error.message);
    throw error instanceof MessageError ? new Error(error.message) : error;
  };
  const asOwner = async (owner: string | undefined): Promise<void> => {
    if (owner === undefined) return;
    const auth = await http.auth().catch(refuse);
    if (auth.user.id !== owner) throw new Error('Waiting for the sender to sign in to Glint again');
  };
  return {
    async register(body: EmailRegistration, owner) {
      await asOwner(owner);
      await http.request({ method: 'POST', path: '/api/v1/emails', body, schema: z.unknown() }).catch(refuse);
    },
    async updateIds(token: string, ids: EmailIds, owner) {
      await asOwner(owner);
      await http
        .request({ method: 'PATCH', path: `/api/v1/emails/${encodeURIComponent(token)}`, body: ids, schema: z.unknown() })
        .catch(refuse);
    },
    async enrol(token: string, campaignId: string, owner) {
      await asOwner(owner);
      await http
        .request({
          method: 'POST',
          path: `/api/v1/campaigns/${encodeURIComponent(campaignId)}/enrolments`,
          body: { emailToken: token },
          schema: z.unknown(),
        })
        .catch((error: unknown) => {
          if (isRefusal(error)) throw new EnrolmentRefused(error.message);
          throw error instanceof MessageError ? new Error(error.message) : error;
        });
    },
  };
}

/** A follow-up campaign the server refused to enrol the email in: on the same list, in its words. */
export function recordEnrolmentRefusal(local: KeyValueArea): (entry: OutboxEntry, reason: string) => Promise<void> {
  return async (entry, reason) => {
    const subject = entry.registration?.subject;
    await recordSendFailure(local, { reason: 'enrolment-refused', detail: reason, ...(subject === undefined ? {} : { subject }) });
  };
}

/** What the outbox does with a refused email: it goes on the options page's send-failure list. */
export function recordRejection(local: KeyValueArea): (entry: OutboxEntry, reason: string) => Promise<void> {
  return async (entry, reason) => {
    const subject = entry.registration?.subject;
    await recordSendFailure(local, { reason: 'rejected', detail: reason, ...(subject === undefined ? {} : { subject }) });
  };
}

export interface OutboxRuntime {
  outbox: Outbox;
  db: OutboxDb;
  http: GlintHttp;
  /** For chrome.alarms.onAlarm: true when the alarm was the outbox's. */
  onAlarm(name: string): boolean;
}

export function startOutbox(storage: AuthStorage, local: KeyValueArea, fetchImpl: Fetch): OutboxRuntime {
  const db = outboxDb();
  const http = glintHttp(storage, fetchImpl);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const rejected = recordRejection(local);
  const enrolmentRefused = recordEnrolmentRefusal(local);
  const outbox = new Outbox({
    db,
    transport: outboxTransport(http),
    now: () => Date.now(),
    schedule(at) {
      clearTimeout(timer);
      if (at === null) {
        void chrome.alarms.clear(OUTBOX_ALARM);
        return;
      }
      timer = setTimeout(() => void outbox.flush(), Math.max(0, at - Date.now()));
      void chrome.alarms.create(OUTBOX_ALARM, { when: Math.max(at, Date.now() + 30_000) });
    },
    onRejected(entry, reason) {
      void rejected(entry, reason).catch((error: unknown) => console.warn('Glint: could not record a refused email', error));
    },
    onEnrolmentRefused(entry, reason) {
      void enrolmentRefused(entry, reason).catch((error: unknown) => console.warn('Glint: could not record a refused enrolment', error));
    },
  });
  const flush = (): void => {
    void outbox.flush().catch((error: unknown) => console.warn('Glint: outbox flush failed', error));
  };
  flush();
  void pruneSentBefore(db, Date.now() - SENT_RECORD_DAYS * 24 * 60 * 60 * 1000).catch(() => undefined);
  return {
    outbox,
    db,
    http,
    onAlarm(name) {
      if (name !== OUTBOX_ALARM) return false;
      flush();
      return true;
    },
  };
}
