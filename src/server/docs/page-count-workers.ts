// Counting pages off the event loop: pdf.js parses a damaged cross-reference table synchronously
// (600 ms for a 40 MB file), which would stall every request, /healthz and the pixels included.
// A few long-lived worker threads (page-count-worker.ts) take one file each; the others queue. A
// count that runs past its time ends its worker and refuses the file as unreadable.
import { Worker } from 'node:worker_threads';
import type { PageCountAnswer, PageCountRequest } from './page-count-worker.ts';
import { pdfUnreadable, RefusedDocumentError, type RefusalCode } from './refused-document.ts';

const WORKER_URL = new URL('./page-count-worker.ts', import.meta.url);
const WORKERS = 2;
/** Longest count; the upload route keeps the uploader's connection open this long (and no longer). */
export const COUNT_TIMEOUT_MS = 60_000;

interface Job {
  request: PageCountRequest;
  resolve: (counted: CountedPdf) => void;
  reject: (error: Error) => void;
}

function settle(job: Job, answer: PageCountAnswer): void {
  if ('pages' in answer) job.resolve(answer);
  else if ('refusal' in answer) job.reject(new RefusedDocumentError(answer.refusal.code as RefusalCode, answer.refusal.message));
  else job.reject(new Error(`counting the PDF's pages failed: ${answer.error}`));
}

class PageCountWorkers {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private started = 0;
  private readonly current = new Map<Worker, Job>();
  private readonly timers = new Map<Worker, NodeJS.Timeout>();

  count(request: PageCountRequest): Promise<CountedPdf> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    if (this.queue.length === 0) return;
    const worker = this.idle.pop() ?? (this.started < WORKERS ? this.spawn() : undefined);
    const job = worker ? this.queue.shift() : undefined;
    if (worker && job) this.run(worker, job);
  }

  private spawn(): Worker {
    this.started++;
    const worker = new Worker(WORKER_URL);
    // Errors are answered through the job that was running; idle, a failure only ends the worker.
    worker.on('error', (error) => this.finish(worker, () => this.current.get(worker)?.reject(error)));
    worker.once('exit', () => {
      this.started--;
      const at = this.idle.indexOf(worker);
      if (at !== -1) this.idle.splice(at, 1);
      this.finish(worker, () => this.current.get(worker)?.reject(new Error('the page-count worker stopped')));
      this.next();
    });
    return worker;
  }

  /** Settles the worker's running job once (clearing its timer), if it has one. */
  private finish(worker: Worker, settleJob: () => void): void {
    if (!this.current.has(worker)) return;
    settleJob();
    clearTimeout(this.timers.get(worker));
    this.current.delete(worker);
  }

  private run(worker: Worker, job: Job): void {
    worker.ref();
    this.current.set(worker, job);
    this.timers.set(
      worker,
      setTimeout(() => {
        this.finish(worker, () => job.reject(pdfUnreadable()));
        void worker.terminate();
      }, COUNT_TIMEOUT_MS),
    );
    worker.once('message', (answer: PageCountAnswer) => {
      this.finish(worker, () => settle(job, answer));
      // An idle worker must not keep the process alive.
      worker.unref();
      this.idle.push(worker);
      this.next();
    });
    worker.postMessage(job.request);
  }
}

const workers = new PageCountWorkers();

export interface CountedPdf {
  pages: number;
  /** True when the file needed repair and the repaired copy was written to `repairedPath`. */
  repaired: boolean;
}

/** The PDF's page count, or a RefusedDocumentError saying why it cannot be shown. */
export async function countPdfPages(path: string): Promise<number> {
  return (await workers.count({ path })).pages;
}

/** Counts an uploaded PDF; a damaged one that can be repaired gets its repaired copy written to `repairedPath`. */
export function countUploadedPdf(path: string, repairedPath: string): Promise<CountedPdf> {
  return workers.count({ path, repairedPath });
}
