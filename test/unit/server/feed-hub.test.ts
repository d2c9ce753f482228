// The feed hub wakes the right user's waiters, times out, and releases everyone on close.
import { describe, expect, it } from 'vitest';
import { FeedHub } from '../../../src/server/ingest/feed-hub.ts';

describe('FeedHub', () => {
  it("wakes only the notified user's waiters", async () => {
    const hub = new FeedHub();
    const alice = hub.wait('alice', 10_000);
    const bob = hub.wait('bob', 20);
    hub.notify('alice');
    expect(await alice).toBe('event');
    expect(await bob).toBe('timeout');
    expect(hub.waiterCount()).toBe(0);
  });

  it('releases waiters on abort and on close, and refuses new ones after close', async () => {
    const hub = new FeedHub();
    const controller = new AbortController();
    const aborted = hub.wait('a', 10_000, controller.signal);
    controller.abort();
    expect(await aborted).toBe('timeout');
    const waiting = hub.wait('a', 10_000);
    hub.close();
    expect(await waiting).toBe('closed');
    expect(await hub.wait('a', 10_000)).toBe('closed');
  });
});
