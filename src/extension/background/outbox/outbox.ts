// The outbox: every sent email is registered with the server, and the ids Gmail reveals later
// follow, retried with exponential backoff until the server acknowledges them. State lives in
// IndexedDB (data/outbox-db.ts), so a closed browser only delays delivery; the caller wakes it
// (start-outbox.ts: a timer while the worker lives, a chrome.alarms alarm across restarts).
// Pure logic handed its database, transport and clock, so it tests without Chrome.
import type { EmailRegistration } from '../../../shared/api-schemas.ts';
import type { EmailIds, OutboxDb, OutboxEntry } from '../../data/outbox-db.ts';

/** The server refused for good (validation, a token owned by someone else): retrying is useless. */
export class OutboxRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboxRejected';
  }
}

/**
 * The server refused an enrolment for good (the campaign is gone or no longer shared): the email
 * itself is registered, so only the enrolment is dropped and reported.
 */
export class EnrolmentRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnrolmentRefused';
  }
}

/** `owner`: the user who sent the email (OutboxEntry.owner); the transport sends only as them. */
export interface OutboxTransport {
  register(body: EmailRegistration, owner: string | undefined): Promise<void>;
  updateIds(token: string, ids: EmailIds, owner: string | undefined): Promise<void>;
  /** Enrols the registered email's To recipients in the campaign. */
  enrol(token: string, campaignId: string, owner: string | undefined): Promise<void>;
}

export interface OutboxDeps {
  db: OutboxDb;
  transport: OutboxTransport;
  now(): number;
  /** Called after every flush with the time of the next due entry, or null when empty. */
  schedule(at: number | null): void;
  /** An entry the server refused for good; it is dropped after this. */
  onRejected?(entry: OutboxEntry, reason: string): void;
  /** An enrolment the server refused for good; the rest of the entry is still delivered. */
  onEnrolmentRefused?(entry: OutboxEntry, reason: string): void;
}

export const OUTBOX_BACKOFF = { firstMs: 5_000, factor: 2, maxMs: 60 * 60_000 } as const;

/** Delay before attempt n+1 after n failed attempts: 5 s, 10 s, 20 s ... capped at one hour. */
export function backoffDelay(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(OUTBOX_BACKOFF.maxMs, OUTBOX_BACKOFF.firstMs * OUTBOX_BACKOFF.factor ** exponent);
}

const ID_KEYS = ['gmailThreadId', 'gmailMessageId', 'rfcMessageId'] as const;

function cleanIds(ids: EmailIds): EmailIds {
  const out: EmailIds = {};
  for (const key of ID_KEYS) if (ids[key]) out[key] = ids[key];
  return out;
}

/** Ids in `ids` the server does not have yet (missing from, or different in, `sent`). */
export function unsentIds(ids: EmailIds, sent: EmailIds): EmailIds {
  const out: EmailIds = {};
  for (const key of ID_KEYS) if (ids[key] && ids[key] !== sent[key]) out[key] = ids[key];
  return out;
}

const isEmpty = (ids: EmailIds): boolean => Object.keys(ids).length === 0;
const enrolmentOwed = (entry: OutboxEntry): boolean => entry.enrolment !== undefined && entry.enrolment.done === 0;
const ownerOf = (owner: string | undefined): Pick<OutboxEntry, 'owner'> => (owner === undefined ? {} : { owner });

/** An entry for an email already registered and acknowledged (so removed): only new work is owed. */
function acknowledgedEntry(token: string, at: number, owner: string | undefined): OutboxEntry {
  return {
    token,
    registration: null,
    registered: 1,
    ids: {},
    sentIds: {},
    attempts: 0,
    nextAttemptAt: at,
    lastError: null,
    createdAt: at,
    ...ownerOf(owner),
  };
}

export class Outbox {
  #running: Promise<void> | null = null;
  #again = false;

  private readonly deps: OutboxDeps;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
  }

  /** Queues a sent email's registration (idempotent by token) and starts delivering it. */
  async enqueue(registration: EmailRegistration, owner?: string): Promise<void> {
    const { db, now } = this.deps;
    await db.transaction('rw', db.entries, db.sent, async () => {
      const current = await db.entries.get(registration.token);
      const ids = cleanIds({ ...current?.ids, ...registration });
      const { gmailThreadId: _t, gmailMessageId: _m, rfcMessageId: _r, ...body } = registration;
      await db.entries.put({
        token: registration.token,
        registration: body,
        // An ids-only row (updateIds got here first: messages may be handled out of order) was
        // never registered: the registration is owed. A repeated registration keeps its state.
        registered: current?.registration ? current.registered : 0,
        ids,
        sentIds: current?.sentIds ?? {},
        attempts: 0,
        nextAttemptAt: now(),
        lastError: null,
        createdAt: current?.createdAt ?? now(),
        ...ownerOf(current?.owner ?? owner),
        ...(current?.enrolment ? { enrolment: current.enrolment } : {}),
      });
      await db.sent.put({ token: registration.token, sentAt: now() });
    });
    void this.flush();
  }

  /** Adds ids Gmail revealed after sending; they go with the registration or in a PATCH after it. */
  async updateIds(token: string, ids: EmailIds, owner?: string): Promise<void> {
    const { db, now } = this.deps;
    const fresh = cleanIds(ids);
    if (isEmpty(fresh)) return;
    await db.transaction('rw', db.entries, async () => {
      const current = await db.entries.get(token);
      // Already acknowledged and removed: only the new ids are owed.
      const base = current ?? acknowledgedEntry(token, now(), owner);
      await db.entries.put({ ...base, ids: { ...base.ids, ...fresh }, attempts: 0, nextAttemptAt: now() });
    });
    void this.flush();
  }

  /**
   * The rep chose a campaign in the compose: once the email is registered (and its ids sent), its
   * To recipients are enrolled, retried like the rest. The mail has gone out whatever happens here.
   */
  async enrol(token: string, campaignId: string, owner?: string): Promise<void> {
    const { db, now } = this.deps;
    await db.transaction('rw', db.entries, async () => {
      const current = await db.entries.get(token);
      // Not there: registered and acknowledged already (or not yet queued: enqueue keeps this).
      const base = current ?? acknowledgedEntry(token, now(), owner);
      await db.entries.put({ ...base, enrolment: { campaignId, done: 0 }, attempts: 0, nextAttemptAt: now() });
    });
    void this.flush();
  }

  /** Delivers every due entry; concurrent calls share one run (and trigger one more pass). */
  flush(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = (async () => {
      try {
        do {
          this.#again = false;
          await this.#pass();
        } while (this.#again);
      } finally {
        this.#running = null;
      }
      const next = await this.deps.db.entries.orderBy('nextAttemptAt').first();
      this.deps.schedule(next ? next.nextAttemptAt : null);
    })();
    return this.#running;
  }

  async #pass(): Promise<void> {
    const due = await this.deps.db.entries.where('nextAttemptAt').belowOrEqual(this.deps.now()).toArray();
    for (const entry of due) await this.#deliver(entry);
  }

  async #deliver(entry: OutboxEntry): Promise<void> {
    const { db, transport, now } = this.deps;
    // Step by step: register (with every id known so far), PATCH the ids learned after, then enrol.
    for (let step = 0; step < 4; step++) {
      const current = await db.entries.get(entry.token);
      if (!current) return;
      const snapshot = { ...current.ids };
      const owed = unsentIds(snapshot, current.sentIds);
      if (current.registered && isEmpty(owed) && !enrolmentOwed(current)) {
        await this.#settle(current.token, (latest) => isEmpty(unsentIds(latest.ids, latest.sentIds)) && !enrolmentOwed(latest));
        return;
      }
      const chosen = current.registered === 1 && isEmpty(owed) ? current.enrolment : undefined;
      try {
        if (!current.registered && current.registration) await transport.register({ ...current.registration, ...snapshot }, current.owner);
        else if (chosen) await this.#enrolNow(current, chosen.campaignId);
        else await transport.updateIds(current.token, owed, current.owner);
      } catch (error) {
        await this.#failed(current, error);
        return;
      }
      await db.entries.update(current.token, (row) => {
        if (chosen) {
          // A campaign chosen again meanwhile is owed still.
          if (row.enrolment?.campaignId === chosen.campaignId) row.enrolment = { campaignId: chosen.campaignId, done: 1 };
        } else {
          row.registered = 1;
          row.sentIds = { ...row.sentIds, ...snapshot };
        }
        row.attempts = 0;
        row.lastError = null;
        row.nextAttemptAt = now();
      });
    }
  }

  /** Posts the enrolment; a refusal for good is reported and ends it, other errors are retried. */
  async #enrolNow(entry: OutboxEntry, campaignId: string): Promise<void> {
    try {
      await this.deps.transport.enrol(entry.token, campaignId, entry.owner);
    } catch (error) {
      if (!(error instanceof EnrolmentRefused)) throw error;
      this.deps.onEnrolmentRefused?.(entry, error.message);
    }
  }

  /** Removes the entry if, inside the transaction, nothing new arrived meanwhile. */
  async #settle(token: string, done: (latest: OutboxEntry) => boolean): Promise<void> {
    const { db } = this.deps;
    await db.transaction('rw', db.entries, async () => {
      const latest = await db.entries.get(token);
      if (latest?.registered && done(latest)) await db.entries.delete(token);
    });
  }

  async #failed(entry: OutboxEntry, error: unknown): Promise<void> {
    const { db, now } = this.deps;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof OutboxRejected) {
      await db.entries.delete(entry.token);
      this.deps.onRejected?.(entry, message);
      return;
    }
    const attempts = entry.attempts + 1;
    await db.entries.update(entry.token, { attempts, lastError: message, nextAttemptAt: now() + backoffDelay(attempts) });
  }
}
