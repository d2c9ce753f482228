// Opening an encrypted Office file with Office's default key, off the event loop: one short-lived
// worker thread per file (default-key-worker.ts; such files are rare), ended when it runs past its
// time. Anything but a clean decryption counts as "did not open": the caller then refuses the file
// as password-protected, as it would without this step.
import { rm } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import type { DefaultKeyAnswer, DefaultKeyRequest } from './default-key-worker.ts';

const WORKER_URL = new URL('./default-key-worker.ts', import.meta.url);
/** Key derivation takes about a second on one core; a file that needs far longer is not worth it. */
export const DEFAULT_KEY_TIMEOUT_MS = 20_000;

/** True when `path` opened with the default key and its decrypted bytes are now at `decryptedPath`. */
export function openWithDefaultKey(path: string, decryptedPath: string, timeoutMs = DEFAULT_KEY_TIMEOUT_MS): Promise<boolean> {
  const request: DefaultKeyRequest = { path, decryptedPath };
  const worker = new Worker(WORKER_URL, { workerData: request });
  return new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      resolve(false);
      void worker.terminate();
    }, timeoutMs);
    const done = (opened: boolean): void => {
      clearTimeout(timer);
      resolve(opened);
    };
    worker.once('message', (answer: DefaultKeyAnswer) => done(answer.opened));
    worker.once('error', () => done(false));
    worker.once('exit', () => done(false));
  }).then(async (opened) => {
    // A worker ended mid-write may leave part of a file behind.
    if (!opened) await rm(decryptedPath, { force: true });
    return opened;
  });
}
