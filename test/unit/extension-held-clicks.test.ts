// Clicks held for a link sweep, in the extension: which feed events are held and until when, how
// a held click counts (not on the badge, not in the email's clicks), and how the worker decides
// one: with a feed read started after its time, once, telling the rep only about a person's click,
// also when a new worker takes over the same database.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LINK_SWEEP_DECIDE_GRACE_MS, LINK_SWEEP_HOLD_MS } from '../../src/shared/tracking-config.ts';
import type { FeedEvent } from '../../src/shared/api-schemas.ts';
import { heldDecisions, type HeldDecisionDeps } from '../../src/extension/background/held-decisions.ts';
import { shouldNotify } from '../../src/extension/background/notifications.ts';
import { FeedDb, type StoredFeedEvent } from '../../src/extension/data/feed-db.ts';
import { countUnread, upsertFeedEvents } from '../../src/extension/data/feed-writes.ts';
import { dueHeldClicks, nextDecisionAt, settleHeldClicks } from '../../src/extension/data/held-clicks.ts';
import { decideAtFor } from '../../src/extension/data/hold-time.ts';
import { DEFAULT_SETTINGS } from '../../src/extension/data/settings.ts';
import { makeEmail, makeFeedEvent } from '../support/feed-events.ts';

const AT = '2025-03-04T11:00:00.000Z';
const RECEIVED = new Date('2025-03-04T11:00:00.300Z');
const iso = (ms: number): string => new Date(Date.parse(AT) + ms).toISOString();
const later = (ms: number): Date => new Date(RECEIVED.getTime() + ms);
const DECIDE_AFTER = LINK_SWEEP_HOLD_MS + LINK_SWEEP_DECIDE_GRACE_MS;

function heldClick(overrides: Partial<FeedEvent> = {}): FeedEvent {
  return makeFeedEvent({ kind: 'click', linkIndex: 0, at: AT, checkingUntil: iso(LINK_SWEEP_HOLD_MS), ...overrides });
}

let db: FeedDb;
let dbCount = 0;
beforeEach(async () => {
  db = new FeedDb(`held-test-${dbCount++}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('decideAtFor', () => {
  it('holds a person’s checking click for the server’s span from its receipt, plus the grace', () => {
    expect(decideAtFor(heldClick(), RECEIVED)).toBe(later(DECIDE_AFTER).toISOString());
    expect(decideAtFor(heldClick({ checkingUntil: iso(1500) }), RECEIVED)).toBe(later(1500 + LINK_SWEEP_DECIDE_GRACE_MS).toISOString());
  });

  it('holds nothing decided, machine or nonsensical, and never longer than the shared constant', () => {
    expect(decideAtFor(heldClick({ checkingUntil: null }), RECEIVED)).toBeUndefined();
    expect(decideAtFor(heldClick({ label: 'machine', reason: 'link-scanner-all-links' }), RECEIVED)).toBeUndefined();
    expect(decideAtFor(heldClick({ checkingUntil: iso(-5) }), RECEIVED)).toBeUndefined();
    expect(decideAtFor(heldClick({ checkingUntil: iso(3_600_000) }), RECEIVED)).toBe(later(DECIDE_AFTER).toISOString());
  });
});

describe('a held click in the feed database', () => {
  it('is stored at once, apart from the counts, the badge and notifications', async () => {
    const email = makeEmail();
    const { added } = await upsertFeedEvents(db, [heldClick({ email }), makeFeedEvent({ email, at: iso(-60_000) })], RECEIVED);
    expect(added[0]?.decideAt).toBe(later(DECIDE_AFTER).toISOString());
    expect(shouldNotify(added[0] as StoredFeedEvent, DEFAULT_SETTINGS.notifications)).toBe(false);
    expect(shouldNotify(added[1] as StoredFeedEvent, DEFAULT_SETTINGS.notifications)).toBe(true);
    expect(await countUnread(db)).toBe(1);
    const row = await db.emails.get(email.token);
    expect(row).toMatchObject({ checkingCount: 1, unreadCount: 1, lastActivityAt: AT });
    expect(row?.counts.click).toBe(0);
  });

  it('is not held in a history sync, and its hold ends when it is relabelled', async () => {
    const history = heldClick();
    await upsertFeedEvents(db, [history]);
    expect((await db.events.get(history.id))?.decideAt).toBeUndefined();

    const click = heldClick();
    await upsertFeedEvents(db, [click], RECEIVED);
    await upsertFeedEvents(db, [{ ...click, checkingUntil: null }], later(10)); // re-delivered still a person's: still held
    expect((await db.events.get(click.id))?.decideAt).toBe(later(DECIDE_AFTER).toISOString());
    const { updated } = await upsertFeedEvents(
      db,
      [{ ...click, label: 'machine', reason: 'link-scanner-all-links', checkingUntil: null }],
      later(20),
    );
    expect(updated[0]?.decideAt).toBeUndefined();
    expect(await nextDecisionAt(db)).toBeNull();
    expect(await db.emails.get(click.email.token)).toMatchObject({ checkingCount: 0, machineCount: 1 });
  });

  it('is due once a read starts after its time, and settles once', async () => {
    const click = heldClick();
    await upsertFeedEvents(db, [click], RECEIVED);
    expect(await dueHeldClicks(db, later(DECIDE_AFTER - 1))).toEqual([]);
    expect((await dueHeldClicks(db, later(DECIDE_AFTER))).map((event) => event.id)).toEqual([click.id]);
    const told = await settleHeldClicks(db, [click.id]);
    expect(told.map((event) => [event.id, event.decideAt])).toEqual([[click.id, undefined]]);
    expect(await settleHeldClicks(db, [click.id])).toEqual([]);
    expect(await countUnread(db)).toBe(1);
    expect((await db.emails.get(click.email.token))?.counts.click).toBe(1);
  });
});

interface Recorder {
  deps: HeldDecisionDeps;
  told: string[][];
  timers: { ms: number; run: () => void; cancelled: boolean }[];
  alarms: (number | null)[];
  reads: number;
  clock: { now: Date };
}

function recorder(): Recorder {
  const r: Recorder = { told: [], timers: [], alarms: [], reads: 0, clock: { now: RECEIVED }, deps: undefined as never };
  r.deps = {
    db,
    readFeedNow: async () => void (r.reads += 1),
    tell: async (events) => void r.told.push(events.map((event) => event.id)),
    refreshBadge: async () => undefined,
    now: () => r.clock.now,
    setAlarm: async (when) => void r.alarms.push(when),
    setTimer: (run, ms) => {
      const timer = { ms, run, cancelled: false };
      r.timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  return r;
}

describe('heldDecisions', () => {
  it('wakes at the earliest hold with a timer and a backup alarm, and reads the feed then', async () => {
    const r = recorder();
    const held = heldDecisions(r.deps);
    await upsertFeedEvents(db, [heldClick(), heldClick({ at: iso(2000), checkingUntil: iso(2000 + LINK_SWEEP_HOLD_MS) })], RECEIVED);
    await held.schedule();
    expect(r.timers.map((timer) => timer.ms)).toEqual([DECIDE_AFTER + 20]);
    expect(r.alarms).toEqual([later(DECIDE_AFTER + 20).getTime()]);
    r.timers[0]?.run();
    await expect.poll(() => r.reads).toBe(1);
  });

  it('tells a person’s click once, after a read that started after its time; never a relabelled one', async () => {
    const r = recorder();
    const held = heldDecisions(r.deps);
    const person = heldClick();
    const sweep = heldClick();
    await upsertFeedEvents(db, [person, sweep], RECEIVED);
    await upsertFeedEvents(db, [{ ...sweep, label: 'machine', reason: 'link-scanner-all-links', checkingUntil: null }], later(500));

    await held.decide(later(DECIDE_AFTER - 1));
    expect(r.told).toEqual([]);
    // The timer's read and the long-poll's both start after the time, and finish together.
    await Promise.all([held.decide(later(DECIDE_AFTER)), held.decide(later(DECIDE_AFTER + 5))]);
    expect(r.told).toEqual([[person.id]]);
    expect(r.alarms.at(-1)).toBeNull();
    expect(r.timers.every((timer) => timer.cancelled)).toBe(true);
  });

  it('lets a new worker decide what the stopped one held, and only once', async () => {
    const before = recorder();
    const click = heldClick();
    await upsertFeedEvents(db, [click], RECEIVED);
    await heldDecisions(before.deps).schedule();

    // The worker stopped; a new one starts well after the time: it reads at once and decides.
    const after = recorder();
    after.clock.now = later(60_000);
    const held = heldDecisions(after.deps);
    await held.schedule();
    expect(after.timers.map((timer) => timer.ms)).toEqual([20]);
    await held.decide(later(60_000));
    await held.decide(later(61_000));
    expect(after.told).toEqual([[click.id]]);
    expect(before.told).toEqual([]);
  });
});
