// One rep's mailbox, watched over one IMAP connection: sign in, read what arrived since the
// cursor (Sent first, to learn Message-IDs), then IDLE on the watched folder and read again each
// time the server announces a message. IDLE announces nothing about the Sent folder, where the
// rep's hand-written messages land, so that is checked every sentCheckMs (one STATUS) and read
// only when it changed. A lost connection is retried with backoff and jitter; a
// refused sign-in or a server without IDLE pauses the mailbox with a sentence for the rep until
// its settings change. The credential is opened only to connect and never logged.
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImapFlow } from 'imapflow';
import type { ConnectionFailure } from '../connection-failures.ts';
import { describeFailure } from '../connection-failures.ts';
import { classifyError } from '../connection-test.ts';
import type { MailboxSettings } from '../connection-settings.ts';
import { createImapClient } from '../imap-client.ts';
import { checkMailHost, MailHostRefusedError, type CheckedHost } from '../mail-host-policy.ts';
import { MailboxSecretUnreadableError, openSettings } from '../mailbox-record.ts';
import { hasNewMessages, syncFolder, type WatchedFolder } from './folder-sync.ts';
import { takeInMessage, type MailboxOwner } from './message-intake.ts';
import { reconnectDelay } from './reconnect-delay.ts';
import { SerialRunner } from './serial-runner.ts';
import { pickWatchedFolders, type WatchedFolders } from './watched-folders.ts';
import type { WatcherDeps } from './watcher-deps.ts';

/** A session that lasted this long was healthy: the next failure starts the backoff afresh. */
const HEALTHY_SESSION_MS = 60_000;
/** Failures that waiting will not fix: the rep has to change the settings. */
const PAUSING_FAILURES: ReadonlySet<ConnectionFailure> = new Set(['wrong-credentials', 'capability-missing']);

/** How a connection ended: paused (the sentence says what the rep must change), or to be retried. */
type SessionEnd = { pause: string } | { retry: string };

const PAUSED_UNTIL_CHANGED = 'Watching is paused until the mailbox settings change.';

export class MailboxWatcher {
  readonly userId: string;
  #deps: WatcherDeps;
  #stopping = new AbortController();
  #client: ImapFlow | null = null;
  #running: Promise<void> | null = null;

  constructor(userId: string, deps: WatcherDeps) {
    this.userId = userId;
    this.#deps = deps;
  }

  start(): void {
    this.#running ??= this.#run().catch((error: unknown) =>
      this.#deps.log.error({ err: error, userId: this.userId }, 'mailbox watcher stopped'),
    );
  }

  /** Closes the connection and waits until the watcher has stopped. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#client?.close();
    await this.#running;
  }

  async #run(): Promise<void> {
    const { store } = this.#deps;
    const signal = this.#stopping.signal;
    for (let attempt = 0; !signal.aborted;) {
      const record = await store.getMailbox(this.userId);
      if (!record) return;
      let settings: MailboxSettings;
      try {
        settings = openSettings(record, this.#deps.box);
      } catch (error) {
        if (error instanceof MailboxSecretUnreadableError) return this.#setStatus('paused', error.message);
        throw error;
      }
      const startedAt = Date.now();
      const end = await this.#session(settings);
      if (signal.aborted) return;
      if ('pause' in end) return this.#setStatus('paused', `${end.pause} ${PAUSED_UNTIL_CHANGED}`);
      if (Date.now() - startedAt >= HEALTHY_SESSION_MS) attempt = 0;
      const delay = reconnectDelay(attempt++, this.#deps.reconnect);
      await this.#setStatus('waiting', `${end.retry} Glint connects again in ${Math.ceil(delay / 1000)} s.`);
      // Stopping cuts the wait short (the rejection says so, and the loop then ends).
      await sleep(delay, undefined, { signal }).catch(() => undefined);
    }
  }

  /** One connection, from sign-in until it closes. */
  async #session(settings: MailboxSettings): Promise<SessionEnd> {
    const { imap } = this.#deps;
    let connectTo: CheckedHost | null;
    try {
      connectTo = await checkMailHost(settings.imap.host, imap.hostPolicy);
    } catch (error) {
      if (error instanceof MailHostRefusedError) return { pause: `Glint does not connect to ${error.message}` };
      throw error;
    }
    if (connectTo === null) return this.#failed('unreachable', settings);
    const client = createImapClient(settings, {
      connectTo,
      timeoutMs: imap.timeoutMs,
      trustedCertificates: imap.trustedCertificates,
      socketTimeoutMs: imap.socketTimeoutMs,
      idle: { autoIdleDelay: imap.autoIdleDelayMs, maxIdleTime: imap.maxIdleMs },
    });
    this.#client = client;
    // Errors end the connection; the 'close' below is where the watcher takes over.
    client.on('error', (error: unknown) =>
      this.#deps.log.warn({ userId: this.userId, failure: classifyError(error) }, 'mailbox connection error'),
    );
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    if (this.#stopping.signal.aborted) client.close();
    try {
      await client.connect();
    } catch (error) {
      client.close();
      return this.#failed(classifyError(error), settings);
    }
    if (!client.capabilities.has('IDLE')) {
      await client.logout().catch(() => undefined);
      return this.#failed('capability-missing', settings);
    }
    try {
      await this.#setStatus('watching', null);
      const folders = await pickWatchedFolders(client, `${settings.imap.host}|${settings.username}`.toLowerCase());
      const owner = await this.#owner(settings);
      // The Sent check asks for a run too; only an announcement (or the first run) reads the
      // watched folder whatever its state.
      let watchedAnnounced = true;
      const reads = new SerialRunner(() => {
        const readWatched = watchedAnnounced;
        watchedAnnounced = false;
        return this.#readNew(client, folders, owner, readWatched);
      });
      client.on('exists', (event: { path: string }) => {
        if (event.path !== folders.watched.path) return;
        watchedAnnounced = true;
        reads.request().catch(() => client.close());
      });
      await reads.request();
      if (folders.sent) {
        const checks = setInterval(() => reads.request().catch(() => client.close()), imap.sentCheckMs);
        void closed.then(() => clearInterval(checks));
      }
    } catch (error) {
      // A read failed (the connection dropped mid-way, or the store): start over on a new one.
      if (!this.#stopping.signal.aborted) this.#deps.log.warn({ err: error, userId: this.userId }, 'mailbox read failed; reconnecting');
      client.close();
    }
    await closed;
    return { retry: `The connection to ${settings.imap.host} was closed.` };
  }

  #failed(failure: ConnectionFailure, settings: MailboxSettings): SessionEnd {
    const sentence = describeFailure(failure, settings, this.#deps.imap.timeoutMs);
    return PAUSING_FAILURES.has(failure) ? { pause: sentence } : { retry: sentence };
  }

  /** Reads the Sent folder if it changed, and the watched folder if asked or if Sent was read. */
  async #readNew(client: ImapFlow, folders: WatchedFolders, owner: MailboxOwner, readWatched: boolean): Promise<void> {
    const deps = {
      store: this.#deps.store,
      userId: this.userId,
      now: this.#deps.now,
      onMessage: (message: Parameters<typeof takeInMessage>[2], uidKey: string) => takeInMessage(this.#deps, owner, message, uidKey),
    };
    const readSent = folders.sent !== null && (await this.#sentChanged(client, folders.sent));
    if (folders.sent && readSent) await syncFolder(client, folders.sent, deps);
    // Reading Sent selected it: the watched folder is selected again, or IDLE would wait on Sent.
    if (readWatched || readSent) await syncFolder(client, folders.watched, deps);
  }

  /** STATUS is cheaper than selecting the Sent folder each time a message arrives. */
  async #sentChanged(client: ImapFlow, sent: WatchedFolder): Promise<boolean> {
    const status = await client.status(sent.path, { uidNext: true, uidValidity: true });
    if (!status || status.uidValidity === undefined) return true;
    const cursor = await this.#deps.store.getMailboxCursor(this.userId, 'sent');
    return hasNewMessages(cursor, sent, Number(status.uidValidity), status.uidNext);
  }

  async #owner(settings: MailboxSettings): Promise<MailboxOwner> {
    const user = await this.#deps.store.getUser(this.userId);
    const address = (user?.email ?? settings.username).toLowerCase();
    const ownAddresses = [address, ...(settings.username.includes('@') ? [settings.username.toLowerCase()] : [])];
    return { userId: this.userId, address, ownAddresses: [...new Set(ownAddresses)] };
  }

  async #setStatus(status: 'waiting' | 'watching' | 'paused', reason: string | null): Promise<void> {
    if (status === 'paused') this.#deps.log.info({ userId: this.userId }, 'mailbox watcher paused');
    await this.#deps.store.setMailboxWatchStatus(this.userId, status, reason, this.#deps.now());
  }
}
