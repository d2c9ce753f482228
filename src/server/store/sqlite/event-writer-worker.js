// Worker thread that owns the event-writing SQLite connection: it runs each batch in one
// transaction and answers only after COMMIT returned (FULL by default: fsynced), so the main
// thread keeps serving requests while the disk syncs. Plain JavaScript: workers do not inherit
// the TypeScript loader. Protocol: {id, rows} -> {id, results} | {id, error}.
import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';

const db = new Database(workerData.file);
db.pragma('journal_mode = WAL');
db.pragma(workerData.synchronous === 'NORMAL' ? 'synchronous = NORMAL' : 'synchronous = FULL');
db.pragma('busy_timeout = 5000');
const insert = db.prepare(workerData.insertSql);
const insertAll = db.transaction((rows) => rows.map((row) => insert.get(row)));

parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    parentPort.postMessage({ id: message.id, results: insertAll(message.rows) });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
  }
});
