// Runs one task at a time and folds requests that come while it runs into one more run: the
// watcher reads a folder again when the server announces mail, however many announcements
// arrive during a read.
export class SerialRunner {
  #task: () => Promise<void>;
  #current: Promise<void> | null = null;
  #next: Promise<void> | null = null;

  constructor(task: () => Promise<void>) {
    this.#task = task;
  }

  /** Resolves when a run that started after this call has finished. */
  request(): Promise<void> {
    if (!this.#current) return this.#start();
    this.#next ??= this.#current
      .catch(() => undefined)
      .then(() => {
        this.#next = null;
        return this.#start();
      });
    return this.#next;
  }

  #start(): Promise<void> {
    const run = this.#task().finally(() => {
      if (this.#current === run) this.#current = null;
    });
    this.#current = run;
    return run;
  }
}
