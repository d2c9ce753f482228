// What one durable commit costs on this disk: single-row SQLite transactions in WAL mode with
// synchronous=FULL (one fsync of the WAL each), timed. A FULL group commit cannot answer faster
// than this, whatever the server does; bench:ingest prints it next to the throughput.
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

export interface CommitProbe {
  commits: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
}

const quantile = (sorted: number[], q: number): number =>
  Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(2));

export function probeCommits(dir: string, commits = 200): CommitProbe {
  const file = join(dir, 'commit-probe.sqlite');
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE IF NOT EXISTS probe (id INTEGER PRIMARY KEY, at INTEGER NOT NULL)');
    const insert = db.prepare('INSERT INTO probe (at) VALUES (?)');
    const times: number[] = [];
    for (let index = 0; index < commits; index++) {
      const started = performance.now();
      insert.run(Date.now());
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { commits, p50Ms: quantile(times, 0.5), p90Ms: quantile(times, 0.9), p99Ms: quantile(times, 0.99) };
  } finally {
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  }
}
