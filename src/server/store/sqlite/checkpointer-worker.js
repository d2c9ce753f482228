// Worker thread that copies the WAL back into the database file (PASSIVE checkpoints: it never
// blocks a writer), so no commit has to do it inline: an inline checkpoint copies pages and
// fsyncs the database in the middle of a hit's commit. Plain JavaScript (workers do not inherit
// the TypeScript loader). Protocol: 'now' -> one pass, answered; 'close'. A timed pass is
// reported only when the WAL is longer than `reportAboveFrames`.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
// Checkpoints sync the WAL before copying and the database after, whatever the mode.
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');

function pass() {
  const started = performance.now();
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  return { log: result.log, checkpointed: result.checkpointed, ms: performance.now() - started };
}

const timer = setInterval(() => {
  // A failed pass (the disk, a lock) is simply tried again at the next tick.
  try {
    const result = pass();
    if (result.log > workerData.reportAboveFrames) parentPort.postMessage(result);
  } catch {
    // next tick
  }
}, workerData.intervalMs);

parentPort.on('message', (message) => {
  if (message === 'close') {
    clearInterval(timer);
    db.close();
    parentPort.close();
    return;
  }
  if (message !== 'now') return;
  try {
    parentPort.postMessage(pass());
  } catch {
    // Writers may be held for this answer: ask again (the main side sends 'now' on any answer).
    parentPort.postMessage({ log: 1, checkpointed: 0, ms: 0 });
  }
});
