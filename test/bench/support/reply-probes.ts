// What bench:reply measures with: a mail client that APPENDs (one open connection per mailbox, so
// the timed part is the APPEND alone), a long-poll on each rep's feed that notes when each reply
// event arrives, and the baseline, a bare imapflow client IDLEing on the same mailbox that notes
// when Dovecot pushes each new message (EXISTS).
import { ImapFlow } from 'imapflow';
import type { Dovecot } from '../../support/dovecot.ts';
import type { BenchRep } from './reply-reps.ts';

/** An IMAP session for one mailbox, opened before the timed part. */
export async function openImap(dovecot: Dovecot, user: string, password: string): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user, pass: password },
    logger: false,
    // As the watcher: IDLE 100 ms after the last command.
    autoIdleDelay: 100,
  });
  client.on('error', (error: unknown) => process.stderr.write(`bench:reply IMAP error for ${user}: ${String(error)}\n`));
  await client.connect();
  return client;
}

/** When each awaited key was seen (performance.now()); resolves `done` once every one was. */
export class Arrivals {
  readonly seenAt = new Map<string, number>();
  #awaited = new Set<string>();
  #wakeUp: (() => void) | null = null;

  expect(key: string): void {
    if (!this.seenAt.has(key)) this.#awaited.add(key);
  }

  see(key: string, at: number): void {
    if (this.seenAt.has(key)) return;
    this.seenAt.set(key, at);
    this.#awaited.delete(key);
    if (this.#awaited.size === 0) this.#wakeUp?.();
  }

  /** Resolves when nothing awaited is missing, or after `ms`. */
  async untilAllSeen(ms: number): Promise<void> {
    if (this.#awaited.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.#wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });
    clearTimeout(timer);
    this.#wakeUp = null;
  }
}

/** The marker each timed reply carries in its first line: the key of its arrival. */
export const replyMarker = (sample: number): string => `bench-reply-${sample}`;
const MARKER = /bench-reply-\d+/;

/**
 * Long-polls a rep's feed from `cursor` and reports each reply's marker; polls no more once `stop`
 * is aborted. A poll in flight is not aborted: the server's shutdown answers it (an aborted fetch
 * can leave its socket open, and the server's close would wait for that connection).
 */
export async function listenToFeed(
  baseUrl: string,
  rep: BenchRep,
  cursor: string,
  arrivals: Arrivals,
  stop: AbortSignal,
  failures: { count: number },
): Promise<void> {
  while (!stop.aborted) {
    try {
      const response = await fetch(`${baseUrl}/api/v1/feed?cursor=${cursor}&wait=30`, { headers: rep.headers });
      if (!response.ok) throw new Error(`feed answered ${response.status}`);
      const page = (await response.json()) as { cursor: string; events: { kind: string; details: { firstLines?: string } | null }[] };
      const at = performance.now();
      for (const event of page.events) {
        const marker = event.kind === 'reply' ? MARKER.exec(event.details?.firstLines ?? '')?.[0] : undefined;
        if (marker) arrivals.see(marker, at);
      }
      cursor = page.cursor;
    } catch (error) {
      if (stop.aborted) break;
      failures.count += 1;
      process.stderr.write(`bench:reply feed of ${rep.email}: ${String(error)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * The baseline: a bare client IDLEing on the same INBOX as Glint's watcher, woken by the same
 * APPENDs. The n-th message appended is the n-th in the folder (one appending session per
 * mailbox), so the EXISTS count names it: arrivals are keyed `mailbox#n`.
 */
export async function idleOn(dovecot: Dovecot, user: string, password: string, arrivals: Arrivals): Promise<ImapFlow> {
  const client = await openImap(dovecot, user, password);
  await client.mailboxOpen('INBOX');
  client.on('exists', (event: { count: number; prevCount: number }) => {
    const at = performance.now();
    for (let number = event.prevCount + 1; number <= event.count; number++) arrivals.see(`${user}#${number}`, at);
  });
  return client;
}
