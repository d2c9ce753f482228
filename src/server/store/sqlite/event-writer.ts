// Where a batch of events is committed. FULL: on a worker thread (event-writer-worker.js), so the
// fsync of each commit never blocks request handling. NORMAL: a commit does no fsync and takes a
// fraction of a millisecond, less than the two thread hand-offs it would cost, so it runs right
// on the main connection. Either way a batch is one flat array of insert parameters and resolves
// with the flat RETURNING columns once its transaction committed.
import { Worker } from 'node:worker_threads';
import type { SqliteDatabase } from './database.ts';

export type SqlValue = string | number | null;

type Reply = { id: number; returned: SqlValue[]; commitMs: number } | { id: number; error: string };

export interface WrittenBatch {
  /** RETURNING columns of every row, row after row. */
  returned: SqlValue[];
  /** Time the worker spent in the transaction, COMMIT (and its fsync) included. */
  commitMs: number;
}

export interface BatchWriter {
  /** `values`: the parameters of every row, row after row. */
  write(values: SqlValue[]): Promise<WrittenBatch>;
  /** Back to checkpoints inside commits once the WAL has this many pages (no checkpointer left). */
  checkpointInline(pages: number): void;
  close(): Promise<void>;
}

/** Commits on the caller's connection, synchronously. */
export function inThreadWriter(db: SqliteDatabase, insertSql: string, paramsPerRow: number): BatchWriter {
  const insert = db.prepare<[SqlValue[]], SqlValue[]>(insertSql).raw(true);
  const insertAll = db.transaction((values: SqlValue[]) => {
    const returned: SqlValue[] = [];
    for (let start = 0; start < values.length; start += paramsPerRow) {
      const row = insert.get(values.slice(start, start + paramsPerRow));
      if (row) returned.push(...row);
    }
    return returned;
  });
  return {
    async write(values) {
      const started = performance.now();
      const returned = insertAll(values);
      return { returned, commitMs: performance.now() - started };
    },
    checkpointInline() {
      // Same connection as the caller's, which sets it.
    },
    async close() {},
  };
}

export class WorkerWriter implements BatchWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (batch: WrittenBatch) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  /** `insertSql` takes `paramsPerRow` positional parameters and has a RETURNING clause. */
  constructor(file: string, insertSql: string, paramsPerRow: number, synchronous: 'FULL' | 'NORMAL') {
    this.worker = new Worker(new URL('./event-writer-worker.js', import.meta.url), {
      workerData: { file, insertSql, paramsPerRow, synchronous },
    });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`event write failed: ${reply.error}`));
      else waiter?.resolve(reply);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the event writer stopped (exit ${code})`)));
  }

  write(values: SqlValue[]): Promise<WrittenBatch> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, values });
    });
  }

  checkpointInline(pages: number): void {
    if (!this.failure) this.worker.postMessage({ autocheckpoint: pages });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }
}
