// The server's mailbox watchers: one per connected mailbox, started with the server, restarted
// when a rep saves new settings, stopped when they disconnect and when the server stops. Changes
// for one user are applied one after the other, so two quick saves never leave two watchers.
import { MailboxWatcher } from './mailbox-watcher.ts';
import type { WatcherDeps, WatcherLog } from './watcher-deps.ts';

export class MailboxWatchers {
  #deps: Omit<WatcherDeps, 'log'>;
  #log: WatcherLog | null = null;
  #watchers = new Map<string, MailboxWatcher>();
  #changes = new Map<string, Promise<void>>();
  #closed = false;

  constructor(deps: Omit<WatcherDeps, 'log'>) {
    this.#deps = deps;
  }

  /**
   * Starts a watcher for every stored mailbox, paused ones included: a server restart tries them
   * once more. Until then (and in the CLI, which never starts them) restart() does nothing.
   */
  async start(log: WatcherLog): Promise<void> {
    this.#log = log;
    for (const userId of await this.#deps.store.listMailboxUserIds()) await this.restart(userId);
  }

  /** (Re)starts the user's watcher with the stored settings. */
  restart(userId: string): Promise<void> {
    return this.#change(userId, async () => {
      await this.#stopNow(userId);
      if (this.#closed || !this.#log) return;
      const watcher = new MailboxWatcher(userId, { ...this.#deps, log: this.#log });
      this.#watchers.set(userId, watcher);
      watcher.start();
    });
  }

  stop(userId: string): Promise<void> {
    return this.#change(userId, () => this.#stopNow(userId));
  }

  /** How many mailboxes have a watcher (connected, reconnecting or paused). */
  get size(): number {
    return this.#watchers.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...new Set([...this.#watchers.keys(), ...this.#changes.keys()])].map((userId) => this.stop(userId)));
  }

  async #stopNow(userId: string): Promise<void> {
    const watcher = this.#watchers.get(userId);
    this.#watchers.delete(userId);
    await watcher?.stop();
  }

  #change(userId: string, apply: () => Promise<void>): Promise<void> {
    const previous = this.#changes.get(userId) ?? Promise.resolve();
    const next = previous.then(apply);
    const settled = next.catch(() => undefined);
    this.#changes.set(userId, settled);
    void settled.then(() => {
      if (this.#changes.get(userId) === settled) this.#changes.delete(userId);
    });
    return next;
  }
}
