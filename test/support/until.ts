// Polling by the clock for state another process or a background worker changes, when nothing
// tells the test the moment it happens. A count of reads is no bound: a quiet machine can finish
// 200 reads before a 2 s lease runs out, so the wait is measured in milliseconds instead.

/** Polls `read` every 100 ms until `accept` holds; throws, naming `what`, after `timeoutMs`. */
export async function until<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never happened: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
