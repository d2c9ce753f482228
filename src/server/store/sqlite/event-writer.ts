// Main-thread side of the event writer worker (event-writer-worker.js): sends batches of insert
// parameters, resolves each batch with its rows once the worker's transaction committed.
import { Worker } from 'node:worker_threads';

export interface InsertedRow {
  seq: number;
  user_id: string | null;
}

type Reply = { id: number; results: InsertedRow[] } | { id: number; error: string };

export class EventWriter {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (rows: InsertedRow[]) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private failure: Error | null = null;

  constructor(file: string, insertSql: string, synchronous: 'FULL' | 'NORMAL') {
    this.worker = new Worker(new URL('./event-writer-worker.js', import.meta.url), { workerData: { file, insertSql, synchronous } });
    this.worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(`event write failed: ${reply.error}`));
      else waiter?.resolve(reply.results);
    });
    const fail = (error: Error): void => {
      this.failure = error;
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the event writer stopped (exit ${code})`)));
  }

  write(rows: readonly Record<string, string | number | null>[]): Promise<InsertedRow[]> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, rows });
    });
  }

  async close(): Promise<void> {
    if (this.failure) return;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }
}
