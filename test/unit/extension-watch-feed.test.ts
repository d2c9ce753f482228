// watchFeed(): the popup's hold on the background's feed-watch port, with a fake port and a fake
// clock. When nothing answers, it must not spin reconnecting: it backs off to 5 s, and starts
// over once the background has answered.
import { describe, expect, it } from 'vitest';
import { watchFeed, type FeedWatchDeps, type FeedWatchMessage, type FeedWatchPort } from '../../src/extension/data/messaging.ts';

class FakePort implements FeedWatchPort {
  posted: FeedWatchMessage[] = [];
  disconnected = false;
  private readonly messageListeners: ((message: unknown) => void)[] = [];
  private readonly disconnectListeners: (() => void)[] = [];
  onMessage = { addListener: (listener: (message: unknown) => void) => void this.messageListeners.push(listener) };
  onDisconnect = { addListener: (listener: () => void) => void this.disconnectListeners.push(listener) };
  postMessage(message: FeedWatchMessage): void {
    if (this.disconnected) throw new Error('Attempting to use a disconnected port object');
    this.posted.push(message);
  }
  disconnect(): void {
    this.disconnected = true; // Chrome does not tell the side that disconnects
  }
  /** The background says it is watching. */
  answer(): void {
    for (const listener of this.messageListeners) listener({ type: 'watching' });
  }
  /** The other end went away (no listener, worker stopped). */
  drop(): void {
    this.disconnected = true;
    for (const listener of this.disconnectListeners) listener();
  }
}

/** A fake clock: timers run only when the test advances time. */
function harness(options: { refuse?: boolean; throwOnConnect?: boolean } = {}) {
  let now = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; every: number | null; run: () => void }>();
  const ports: FakePort[] = [];
  const connectedAt: number[] = [];
  const deps: FeedWatchDeps = {
    connect() {
      if (options.throwOnConnect) throw new Error('Extension context invalidated.');
      const port = new FakePort();
      ports.push(port);
      connectedAt.push(now);
      if (options.refuse) queueMicrotask(() => port.drop());
      return port;
    },
    setTimeout: (run, ms) => (timers.set(nextId, { at: now + ms, every: null, run }), nextId++),
    clearTimeout: (id) => void timers.delete(id as number),
    setInterval: (run, ms) => (timers.set(nextId, { at: now + ms, every: ms, run }), nextId++),
    clearInterval: (id) => void timers.delete(id as number),
  };
  /** Moves the clock forward, running due timers in order (and what they schedule). */
  async function advance(ms: number): Promise<void> {
    const end = now + ms;
    await Promise.resolve();
    for (;;) {
      const due = [...timers.entries()].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      const [id, timer] = due;
      now = timer.at;
      if (timer.every === null) timers.delete(id);
      else timer.at += timer.every;
      timer.run();
      await Promise.resolve();
    }
    now = end;
  }
  const retryDelays = (): number[] => connectedAt.slice(1).map((at, index) => at - (connectedAt[index] ?? 0));
  return { deps, options, ports, connectedAt, timers, advance, retryDelays, now: () => now };
}

describe('watchFeed', () => {
  it('backs off from 250 ms doubling to 5 s while nothing answers the port', async () => {
    const h = harness({ refuse: true });
    const stop = watchFeed(h.deps);
    await h.advance(30_000);
    expect(h.retryDelays().slice(0, 8)).toEqual([250, 500, 1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    expect(h.connectedAt.length).toBeLessThan(12); // not a connect per tick
    stop();
  });

  it('starts over at 250 ms once the background has answered', async () => {
    const h = harness({ refuse: true });
    const stop = watchFeed(h.deps);
    await h.advance(3_750); // refused at 0, 250, 750, 1,750 and 3,750 ms
    h.options.refuse = false;
    await h.advance(4_000); // the fifth retry, 4 s later, stays connected
    expect(h.retryDelays()).toEqual([250, 500, 1_000, 2_000, 4_000]);
    h.ports.at(-1)?.answer();
    await h.advance(60_000);
    h.ports.at(-1)?.drop(); // e.g. Chrome stopped the service worker
    const dropped = h.now();
    await h.advance(5_000);
    expect(h.connectedAt.at(-1)).toBe(dropped + 250);
    stop();
  });

  it('pings the open port every 20 s, which keeps the worker awake', async () => {
    const h = harness();
    const stop = watchFeed(h.deps);
    await h.advance(60_000);
    expect(h.ports).toHaveLength(1);
    expect(h.ports[0]?.posted).toEqual([{ type: 'ping' }, { type: 'ping' }, { type: 'ping' }]);
    stop();
  });

  it('stops: disconnects, cancels a pending retry and pings no more', async () => {
    const h = harness();
    const stop = watchFeed(h.deps);
    h.ports[0]?.drop();
    stop();
    await h.advance(60_000);
    expect(h.ports).toHaveLength(1);
    expect(h.timers.size).toBe(0);

    const live = harness();
    const stopLive = watchFeed(live.deps);
    stopLive();
    expect(live.ports[0]?.disconnected).toBe(true);
    expect(live.timers.size).toBe(0);
  });

  it('gives up quietly when the extension was reloaded under the page', async () => {
    const h = harness({ throwOnConnect: true });
    const stop = watchFeed(h.deps);
    await h.advance(60_000);
    expect(h.connectedAt).toEqual([]);
    stop();
  });
});
