// The server's mailbox watchers: one per connected mailbox, started with the server, restarted
// when a rep saves new settings, stopped when they disconnect and when the server stops. Changes
// for one user are applied one after the other, so two quick saves never leave two watchers.
import { KeyedQueue } from '../../lib/keyed-queue.ts';
import { MailboxWatcher } from './mailbox-watcher.ts';
import type { WatcherDeps, WatcherLog } from './watcher-deps.ts';

export class MailboxWatchers {
  #deps: Omit<WatcherDeps, 'log'>;
  #log: WatcherLog | null = null;
  #watchers = new Map<string, MailboxWatcher>();
  #changes = new KeyedQueue();
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
    return this.#changes.run(userId, async () => {
      await this.#stopNow(userId);
      if (this.#closed || !this.#log) return;
      const watcher = new MailboxWatcher(userId, { ...this.#deps, log: this.#log });
      this.#watchers.set(userId, watcher);
      watcher.start();
    });
  }

  stop(userId: string): Promise<void> {
    return this.#changes.run(userId, () => this.#stopNow(userId));
  }

  /** How many mailboxes have a watcher (connected, reconnecting or paused). */
  get size(): number {
    return this.#watchers.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#watchers.keys()].map((userId) => this.stop(userId)));
    // A restart under way may still be stopping an old watcher it already took off the list.
    await this.#changes.settled();
  }

  async #stopNow(userId: string): Promise<void> {
    const watcher = this.#watchers.get(userId);
    this.#watchers.delete(userId);
    await watcher?.stop();
  }
}
