// Worker thread that owns the event-writing SQLite connection: it runs each batch in one
// transaction and answers only after COMMIT returned (FULL by default: fsynced), so the main
// thread keeps serving requests while the disk syncs. Plain JavaScript: workers do not inherit
// the TypeScript loader. Flat arrays both ways (cheap to copy between threads):
//   {id, values: [row0 param0, row0 param1, ..., row1 param0, ...]}
//     -> {id, returned: [row0 col0, row0 col1, ..., row1 col0, ...], commitMs} | {id, error}
//   {autocheckpoint: pages} (checkpoints inside commits again), 'close'
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma(workerData.synchronous === 'NORMAL' ? 'synchronous = NORMAL' : 'synchronous = FULL');
db.pragma('busy_timeout = 5000');
// The checkpointer worker copies the WAL back: no commit of a hit does it inline.
db.pragma('wal_autocheckpoint = 0');
const insert = db.prepare(workerData.insertSql).raw(true);
const width = workerData.paramsPerRow;
const insertAll = db.transaction((values) => {
  const returned = [];
  for (let start = 0; start < values.length; start += width) {
    const row = insert.get(values.slice(start, start + width));
    for (const value of row) returned.push(value);
  }
  return returned;
});

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  if (typeof message.autocheckpoint === 'number') {
    db.pragma(`wal_autocheckpoint = ${Math.floor(message.autocheckpoint)}`);
    return;
  }
  try {
    const started = performance.now();
    const returned = insertAll(message.values);
    parentPort.postMessage({ id: message.id, returned, commitMs: performance.now() - started });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
