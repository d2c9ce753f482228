// Group fdatasync of the WAL file, pipelined. Commits are counted; an fdatasync covers every
// commit made before it started (WAL recovery keeps a prefix of the commits, whichever
// connection made them). A commit made while one runs waits for the next, which starts as soon
// as the running one ends: fdatasyncs run back to back, one at a time, on libuv's thread pool,
// so the event loop never waits for the disk.
import { closeSync, fdatasync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

export class WalSync {
  private fd: number | null = null;
  private committed = 0;
  private synced = 0;
  private running: { covers: number; done: Promise<void> } | null = null;
  private queued: Promise<void> | null = null;
  private failure: Error | null = null;

  private readonly databaseFile: string;

  constructor(databaseFile: string) {
    this.databaseFile = databaseFile;
  }

  /** Counts a commit that just returned; resolves once it is on disk. */
  committedOne(): Promise<void> {
    this.committed++;
    return this.durableUpTo(this.committed);
  }

  /** Resolves once every commit counted so far is on disk. */
  durable(): Promise<void> {
    return this.durableUpTo(this.committed);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private durableUpTo(upTo: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.synced >= upTo) return Promise.resolve();
    if (!this.running) return this.start();
    if (this.running.covers >= upTo) return this.running.done;
    // The running fdatasync started before that commit: the next one covers it.
    this.queued ??= this.running.done.then(() => {
      this.queued = null;
      return this.start();
    });
    return this.queued;
  }

  private start(): Promise<void> {
    const covers = this.committed;
    let fd: number;
    try {
      fd = this.walFd();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const done = new Promise<void>((resolve, reject) => {
      fdatasync(fd, (error) => {
        if (this.running?.done === done) this.running = null;
        if (error) {
          // After a failed fsync the kernel may have dropped the pages: acknowledge nothing more.
          this.failure = new Error(`fdatasync of the WAL failed: ${error.message}`);
          reject(this.failure);
          return;
        }
        this.synced = Math.max(this.synced, covers);
        resolve();
      });
    });
    this.running = { covers, done };
    return done;
  }

  /** Opened at the first sync (the WAL exists once a commit returned) and kept open. */
  private walFd(): number {
    if (this.fd === null) {
      this.fd = openSync(`${this.databaseFile}-wal`, 'r+');
      // The WAL's directory entry must be durable too (SQLite syncs it at a new WAL's first sync).
      const dir = openSync(dirname(this.databaseFile), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    }
    return this.fd;
  }
}
