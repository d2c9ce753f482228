// Where a batch of events is committed: on the main thread, through the writer's own connection
// in synchronous=NORMAL, so a commit writes its frames to the WAL file and never waits for the
// disk (a fraction of a millisecond; a worker thread cost more in hand-offs than it saved).
// FULL then makes the batch durable with a pipelined fdatasync of the WAL (wal-sync.ts) before
// it resolves; NORMAL resolves at once (the frames are in the OS: a crash of Glint keeps them,
// a power cut may not). Checkpoints are the checkpointer's (checkpointer.ts), never a commit's.
import Database from 'better-sqlite3';
import type { SqlValue } from '../event-insert-params.ts';
import { WalSync } from './wal-sync.ts';

/** After a burst the WAL file shrinks back to this when it restarts (its pages are reused). */
export const WAL_SIZE_LIMIT_BYTES = 64 * 1024 * 1024;

export interface EventWriter {
  /**
   * `values`: the parameters of every row, row after row; resolves with the RETURNING columns.
   * `followUps`: parameter lists of the follow-up statement, run after the rows in the same
   * transaction (the webhook outbox: no event without its deliveries).
   */
  write(values: SqlValue[], followUps?: readonly Record<string, SqlValue>[]): Promise<SqlValue[]>;
  /**
   * Resolves once every commit so far is durable. FULL commits of other connections sync
   * themselves; a reader answering a client awaits this, since this writer's commits are visible
   * to the process before their fdatasync (SQLite's own FULL shows a commit only once synced).
   */
  durable(): Promise<void>;
  /** Back to checkpoints inside commits once the WAL has this many pages (no checkpointer left). */
  checkpointInline(pages: number): void;
  close(): void;
}

/** `insertSql` takes `paramsPerRow` positional parameters and has a RETURNING clause. */
export function openEventWriter(
  file: string,
  insertSql: string,
  paramsPerRow: number,
  synchronous: 'FULL' | 'NORMAL',
  followUpSql?: string,
): EventWriter {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('wal_autocheckpoint = 0');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
  const insert = db.prepare<[SqlValue[]], SqlValue[]>(insertSql).raw(true);
  const followUp = followUpSql === undefined ? null : db.prepare<[Record<string, SqlValue>]>(followUpSql);
  const insertAll = db.transaction((values: SqlValue[], followUps: readonly Record<string, SqlValue>[]) => {
    const returned: SqlValue[] = [];
    for (let start = 0; start < values.length; start += paramsPerRow) {
      const row = insert.get(values.slice(start, start + paramsPerRow));
      if (row) returned.push(...row);
    }
    for (const params of followUps) followUp?.run(params);
    return returned;
  });
  const wal = synchronous === 'FULL' ? new WalSync(file) : null;

  return {
    async write(values, followUps = []) {
      const returned = insertAll(values, followUps);
      await wal?.committedOne();
      return returned;
    },
    durable: () => wal?.durable() ?? Promise.resolve(),
    checkpointInline(pages) {
      db.pragma(`wal_autocheckpoint = ${Math.floor(pages)}`);
    },
    close() {
      wal?.close();
      db.close();
    },
  };
}
