// The server's mailbox watchers: one per connected mailbox in the whole deployment. With several
// server instances on one database, each mailbox is leased to one of them (cluster/leased-work.ts):
// the instance holding the lease watches it, a killed instance's mailboxes move to another within
// WORK_LEASE_S, a stopped one hands them over at once. A watcher is started with the server,
// restarted when a rep saves new settings (through any instance), stopped when they disconnect and
// when the server stops. Changes for one user are applied one after the other, so two quick saves
// never leave two watchers.
import { randomBytes } from 'node:crypto';
import { LeasedWork } from '../../cluster/leased-work.ts';
import { MailboxWatcher } from './mailbox-watcher.ts';
import type { WatcherDeps, WatcherLog } from './watcher-deps.ts';

const LEASE_PREFIX = 'mailbox:';

export class MailboxWatchers {
  #deps: Omit<WatcherDeps, 'log'>;
  #log: WatcherLog | null = null;
  #watchers = new Map<string, MailboxWatcher>();
  #work: LeasedWork;

  /**
   * `leaseMs`: how long a mailbox stays with this process without renewal (WORK_LEASE_S).
   * `holder`: who this process is to the leases; by default a fresh name per process. A server on
   * its own database (SQLite) passes a fixed one, so after a crash it takes its mailboxes back at
   * once instead of waiting for the dead process's leases to run out.
   */
  constructor(deps: Omit<WatcherDeps, 'log'>, leaseMs = 30_000, holder = `watchers-${randomBytes(9).toString('base64url')}`) {
    this.#deps = deps;
    this.#work = new LeasedWork({
      store: deps.store,
      holder,
      prefix: LEASE_PREFIX,
      leaseMs,
      list: () => deps.store.listMailboxUserIds(),
      start: async (userId) => this.#startNow(userId),
      stop: (userId) => this.#stopNow(userId),
      now: deps.now,
    });
  }

  /**
   * Watches every stored mailbox whose lease this process gets, paused ones included: a server
   * restart tries them once more. Until then (and in the CLI, which never starts them) restart()
   * does nothing.
   */
  async start(log: WatcherLog): Promise<void> {
    this.#log = log;
    await this.#work.start(log);
  }

  /** (Re)starts the user's watcher with the stored settings, here or in the instance holding it. */
  async restart(userId: string): Promise<void> {
    if (!this.#log) return;
    await this.#work.restart(userId);
  }

  stop(userId: string): Promise<void> {
    return this.#work.stop(userId);
  }

  /** One round of lease claims now (the next would come within a third of the lease). */
  rebalance(): Promise<void> {
    return this.#work.round();
  }

  /** How many mailboxes have a watcher in this process (connected, reconnecting or paused). */
  get size(): number {
    return this.#watchers.size;
  }

  async close(): Promise<void> {
    await this.#work.close();
  }

  #startNow(userId: string): void {
    if (!this.#log) return;
    const watcher = new MailboxWatcher(userId, { ...this.#deps, log: this.#log });
    this.#watchers.set(userId, watcher);
    watcher.start();
  }

  async #stopNow(userId: string): Promise<void> {
    const watcher = this.#watchers.get(userId);
    this.#watchers.delete(userId);
    await watcher?.stop();
  }
}
