// Feed wake-ups across server instances on one PostgreSQL database. Every user a local commit
// wakes is sent on a NOTIFY channel; every instance LISTENs on a connection of its own and wakes
// its long-polling readers of those users, so a reader waiting on instance A hears of a hit that
// landed on instance B within a round trip. Wake-ups are batched per turn of the event loop (one
// NOTIFY carries many users). A lost connection is opened again with backoff; since wake-ups may
// have been missed meanwhile, every reader is woken to read again once it is back.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { FeedHub } from '../ingest/feed-hub.ts';

const CHANNEL = 'glint_feed_wakeups';
/** NOTIFY payloads must stay under 8000 bytes. */
const MAX_PAYLOAD = 7000;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;

export interface FeedRelayLog {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}

export interface FeedRelay {
  /** This instance's id in the payloads (its own wake-ups come back and are ignored). */
  readonly instanceId: string;
  close(): Promise<void>;
}

/** Splits users into payloads `instance:user,user,...` of at most MAX_PAYLOAD bytes. */
export function wakeUpPayloads(instanceId: string, userIds: Iterable<string>): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let length = instanceId.length + 1;
  for (const userId of userIds) {
    if (current.length > 0 && length + userId.length + 1 > MAX_PAYLOAD) {
      payloads.push(`${instanceId}:${current.join(',')}`);
      current = [];
      length = instanceId.length + 1;
    }
    current.push(userId);
    length += userId.length + 1;
  }
  if (current.length > 0) payloads.push(`${instanceId}:${current.join(',')}`);
  return payloads;
}

/** The sender and users of a payload; null for one that is not ours. */
export function readWakeUpPayload(payload: string): { instanceId: string; userIds: string[] } | null {
  const colon = payload.indexOf(':');
  if (colon <= 0) return null;
  return {
    instanceId: payload.slice(0, colon),
    userIds: payload
      .slice(colon + 1)
      .split(',')
      .filter(Boolean),
  };
}

/** Resolves once it listens (a database that cannot be reached fails the start, as the store does). */
export async function startFeedRelay(url: string, hub: FeedHub, log: FeedRelayLog): Promise<FeedRelay> {
  const instanceId = randomBytes(9).toString('base64url');
  let client: pg.Client | null = null;
  let connected: Promise<void> | null = null;
  let closed = false;
  let failures = 0;
  let retryTimer: NodeJS.Timeout | undefined;
  let pending = new Set<string>();
  let flushing = false;

  const onNotification = (message: pg.Notification): void => {
    const read = readWakeUpPayload(message.payload ?? '');
    if (!read || read.instanceId === instanceId) return;
    for (const userId of read.userIds) hub.wakeLocal(userId);
  };

  const connect = (): Promise<void> => {
    const next = new pg.Client({ connectionString: url });
    client = next;
    next.on('notification', onNotification);
    next.on('error', () => lost(next));
    next.on('end', () => lost(next));
    connected = (async () => {
      await next.connect();
      await next.query(`LISTEN ${CHANNEL}`);
      if (failures > 0) log.info({ failures }, 'feed relay: listening again');
      failures = 0;
      hub.wakeEveryone();
      void flush();
    })();
    connected.catch(() => {
      if (failures > 0 || client !== next) lost(next);
    });
    return connected;
  };

  const lost = (which: pg.Client): void => {
    if (closed || which !== client) return;
    client = null;
    void which.end().catch(() => undefined);
    failures += 1;
    if (failures === 1) log.warn({}, 'feed relay: lost its PostgreSQL connection; other instances wake this one late until it is back');
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (failures - 1));
    retryTimer = setTimeout(() => {
      if (!closed) void connect().catch(() => undefined);
    }, delay);
  };

  const flush = async (): Promise<void> => {
    if (flushing || pending.size === 0 || !client) return;
    flushing = true;
    const batch = pending;
    pending = new Set();
    const sender = client;
    try {
      await connected;
      for (const payload of wakeUpPayloads(instanceId, batch)) await sender.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]);
    } catch {
      // The connection is being replaced; the others' readers still wake at their wait's end.
    } finally {
      flushing = false;
      if (pending.size > 0) setImmediate(() => void flush());
    }
  };

  const removeRelay = hub.addRelay((userId) => {
    if (closed) return;
    const first = pending.size === 0;
    pending.add(userId);
    if (first) setImmediate(() => void flush());
  });

  try {
    await connect();
  } catch (error) {
    closed = true;
    removeRelay();
    clearTimeout(retryTimer);
    await (client as pg.Client | null)?.end().catch(() => undefined);
    throw error;
  }

  return {
    instanceId,
    async close() {
      closed = true;
      removeRelay();
      clearTimeout(retryTimer);
      const last = client;
      client = null;
      await last?.end().catch(() => undefined);
    },
  };
}
