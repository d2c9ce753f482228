// Deciding the clicks held for a link sweep (data/held-clicks.ts). A held click is decided by the
// first feed read that STARTS after its decision time: by then any relabel from a completed sweep
// is on the server, and that read brings it first. The worker asks for such a read when the
// earliest hold ends (a timer while it runs, an alarm in case it is stopped meanwhile); a read of
// the long-poll that starts later decides too, and a failed one leaves the holds for the next.
// Decisions run one at a time and end a hold in the feed database before anything is shown, so
// a click is never told twice, whichever of timer, alarm, long-poll or restart comes first.
import type { FeedDb, StoredFeedEvent } from '../data/feed-db.ts';
import { dueHeldClicks, nextDecisionAt, settleHeldClicks } from '../data/held-clicks.ts';

export const HELD_CLICKS_ALARM = 'glint-held-clicks';

export interface HeldDecisionDeps {
  db: FeedDb;
  /** Starts a feed read now (its success calls decide()); resolves when it is over. */
  readFeedNow(): Promise<unknown>;
  /** Clicks decided a person's: notify (by the rep's settings) and count them. */
  tell(events: StoredFeedEvent[]): Promise<void>;
  /** Any hold ended: the badge changes. */
  refreshBadge(): Promise<void>;
  now(): Date;
  /** The backup wake-up (chrome.alarms) for `when` (ms since epoch), or none. */
  setAlarm(when: number | null): Promise<void>;
  setTimer?(callback: () => void, ms: number): () => void;
}

export interface HeldDecisions {
  /** A feed read that started at `readStartedAt` succeeded: decide the holds due by then. */
  decide(readStartedAt: Date): Promise<void>;
  /** Sets the timer and alarm for the earliest hold (after new events, on start). */
  schedule(): Promise<void>;
  /** The timer or alarm went off: read the feed, which decides. */
  wake(): Promise<void>;
}

/** A few milliseconds after the decision time, so the read surely starts after it. */
const TIMER_SLACK_MS = 20;

const defaultTimer = (callback: () => void, ms: number): (() => void) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

export function heldDecisions(deps: HeldDecisionDeps): HeldDecisions {
  const setTimer = deps.setTimer ?? defaultTimer;
  let cancelTimer: (() => void) | null = null;
  let queue: Promise<void> = Promise.resolve();
  const serial = (task: () => Promise<void>): Promise<void> => {
    const run = queue.then(task);
    queue = run.catch(() => undefined);
    return run;
  };

  const wake = async (): Promise<void> => {
    await deps.readFeedNow();
  };

  const schedule = (): Promise<void> =>
    serial(async () => {
      cancelTimer?.();
      cancelTimer = null;
      const next = await nextDecisionAt(deps.db);
      if (next === null) return deps.setAlarm(null);
      const when = Date.parse(next);
      cancelTimer = setTimer(() => void wake().catch(() => undefined), Math.max(0, when - deps.now().getTime()) + TIMER_SLACK_MS);
      await deps.setAlarm(when + TIMER_SLACK_MS);
    });

  const decide = async (readStartedAt: Date): Promise<void> => {
    let decided = 0;
    await serial(async () => {
      const due = await dueHeldClicks(deps.db, readStartedAt);
      decided = due.length;
      if (decided === 0) return;
      const told = await settleHeldClicks(
        deps.db,
        due.map((event) => event.id),
      );
      await deps.refreshBadge();
      if (told.length > 0) await deps.tell(told);
    });
    if (decided > 0) await schedule();
  };

  return { decide, schedule, wake };
}
