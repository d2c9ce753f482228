// Checkpoints off the request path (checkpointer-worker.js). SQLite restarts the WAL from its
// start only when a write begins after a checkpoint copied all of it; under writes that never
// pause the WAL would grow without end. When it is longer than `maxWalFrames` and still growing,
// writers are held (gate()) for the one pass that completes the copy, and the next commit
// restarts the WAL.
import { Worker } from 'node:worker_threads';

interface PassResult {
  /** Frames in the WAL. */
  log: number;
  /** Frames of it already copied to the database file. */
  checkpointed: number;
  ms: number;
}

export interface CheckpointerOptions {
  /** A pass runs this often while the server runs. */
  intervalMs: number;
  /** Above this WAL length (in pages) writers wait until a pass completes the copy. */
  maxWalFrames: number;
  /** The worker died: the caller goes back to checkpoints inside commits. */
  onFailure: () => void;
}

export class Checkpointer {
  private readonly worker: Worker;
  private catchingUp: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private stopped = false;
  private closing = false;
  private lastLog = 0;

  constructor(file: string, options: CheckpointerOptions) {
    this.worker = new Worker(new URL('./checkpointer-worker.js', import.meta.url), {
      workerData: { file, intervalMs: options.intervalMs, reportAboveFrames: options.maxWalFrames },
    });
    this.worker.on('message', (result: PassResult) => this.onPass(result, options.maxWalFrames));
    // Never leave writers held by a worker that is gone.
    const stop = (): void => {
      if (this.stopped) return;
      this.stopped = true;
      this.releaseWriters();
      if (!this.closing) options.onFailure();
    };
    this.worker.on('error', stop);
    this.worker.on('exit', stop);
  }

  /** Null when writers may commit now; else resolves once they may. */
  gate(): Promise<void> | null {
    return this.catchingUp;
  }

  async close(): Promise<void> {
    if (this.stopped) return;
    this.closing = true;
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }

  private onPass(result: PassResult, maxWalFrames: number): void {
    const grew = result.log > this.lastLog;
    this.lastLog = result.log;
    if (this.catchingUp) {
      // Writers are held: once a pass copied everything, the next commit restarts the WAL.
      if (result.checkpointed >= result.log) this.releaseWriters();
      else this.worker.postMessage('now');
      return;
    }
    // A long WAL that still grows: writes never paused at the right moment. Hold them for a pass.
    if (result.log <= maxWalFrames || !grew) return;
    this.catchingUp = new Promise((resolve) => (this.release = resolve));
    this.worker.postMessage('now');
  }

  private releaseWriters(): void {
    this.release?.();
    this.release = null;
    this.catchingUp = null;
  }
}
