// Counting pages off the event loop: pdf.js parses a damaged cross-reference table synchronously
// (600 ms for a 40 MB file), which would stall every request, /healthz and the pixels included.
// A few long-lived worker threads (page-count-worker.ts) take one file each; the others queue. A
// count that runs past its time ends its worker and refuses the file as unreadable.
import { Worker } from 'node:worker_threads';
import type { PageCountAnswer, PageCountRequest } from './page-count-worker.ts';
import { pdfUnreadable, RefusedDocumentError, type RefusalCode } from './refused-document.ts';

const WORKER_URL = new URL('./page-count-worker.ts', import.meta.url);
const WORKERS = 2;
const COUNT_TIMEOUT_MS = 60_000;

interface Job {
  request: PageCountRequest;
  resolve: (pages: number) => void;
  reject: (error: Error) => void;
}

function settle(job: Job, answer: PageCountAnswer): void {
  if ('pages' in answer) job.resolve(answer.pages);
  else if ('refusal' in answer) job.reject(new RefusedDocumentError(answer.refusal.code as RefusalCode, answer.refusal.message));
  else job.reject(new Error(`counting the PDF's pages failed: ${answer.error}`));
}

class PageCountWorkers {
  private readonly idle: Worker[] = [];
  private readonly queue: Job[] = [];
  private started = 0;

  count(path: string): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { path }, resolve, reject });
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
    worker.once('exit', () => {
      this.started--;
      const at = this.idle.indexOf(worker);
      if (at !== -1) this.idle.splice(at, 1);
      this.next();
    });
    return worker;
  }

  private run(worker: Worker, job: Job): void {
    worker.ref();
    const done = (): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    const onMessage = (answer: PageCountAnswer): void => {
      done();
      settle(job, answer);
      // An idle worker must not keep the process alive.
      worker.unref();
      this.idle.push(worker);
      this.next();
    };
    const onError = (error: Error): void => {
      done();
      job.reject(error);
    };
    const timer = setTimeout(() => {
      done();
      job.reject(pdfUnreadable());
      void worker.terminate();
    }, COUNT_TIMEOUT_MS);
    worker.on('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(job.request);
  }
}

const workers = new PageCountWorkers();

/** The PDF's page count, or a RefusedDocumentError saying why it cannot be shown. */
export function countPdfPages(path: string): Promise<number> {
  return workers.count(path);
}
