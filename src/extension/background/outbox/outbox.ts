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

/** `owner`: the user who sent the email (OutboxEntry.owner); the transport sends only as them. */
export interface OutboxTransport {
  register(body: EmailRegistration, owner: string | undefined): Promise<void>;
  updateIds(token: string, ids: EmailIds, owner: string | undefined): Promise<void>;
}

export interface OutboxDeps {
  db: OutboxDb;
  transport: OutboxTransport;
  now(): number;
  /** Called after every flush with the time of the next due entry, or null when empty. */
  schedule(at: number | null): void;
  /** An entry the server refused for good; it is dropped after this. */
  onRejected?(entry: OutboxEntry, reason: string): void;
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
const ownerOf = (owner: string | undefined): Pick<OutboxEntry, 'owner'> => (owner === undefined ? {} : { owner });

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
      const base: OutboxEntry = current ?? {
        token,
        registration: null,
        registered: 1,
        ids: {},
        sentIds: {},
        attempts: 0,
        nextAttemptAt: now(),
        lastError: null,
        createdAt: now(),
        ...ownerOf(owner),
      };
      await db.entries.put({ ...base, ids: { ...base.ids, ...fresh }, attempts: 0, nextAttemptAt: now() });
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
    // Step by step: register (with every id known so far), then PATCH the ids learned after.
    for (let step = 0; step < 3; step++) {
      const current = await db.entries.get(entry.token);
      if (!current) return;
      const snapshot = { ...current.ids };
      const owed = unsentIds(snapshot, current.sentIds);
      if (current.registered && isEmpty(owed)) {
        await this.#settle(current.token, (latest) => isEmpty(unsentIds(latest.ids, latest.sentIds)));
        return;
      }
      try {
        if (!current.registered && current.registration) await transport.register({ ...current.registration, ...snapshot }, current.owner);
        else await transport.updateIds(current.token, owed, current.owner);
      } catch (error) {
        await this.#failed(current, error);
        return;
      }
      await db.entries.update(current.token, (row) => {
        row.registered = 1;
        row.sentIds = { ...row.sentIds, ...snapshot };
        row.attempts = 0;
        row.lastError = null;
        row.nextAttemptAt = now();
      });
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
