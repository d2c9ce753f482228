// Bulk loading of made-up events for bench:feed-query: SQL that generates them inside the database
// (SQLite: a recursive CTE; PostgreSQL: generate_series), in chunks, spread round-robin over the
// given emails so every user's events are scattered through the whole sequence, as real ones are.
// A tenth are machine-labelled. Numbers are 64-bit throughout: with PostgreSQL's 32-bit integer
// series, `n * 1000` overflowed past 2.1 million events. And the percentiles the benchmark prints.

const CHUNK = 250_000;
const START_AT = Date.parse('2026-01-01T00:00:00Z');

export function bulkEventsSql(
  dialect: 'sqlite' | 'postgres',
  emails: readonly { token: string; userId: string }[],
  count: number,
): string[] {
  const quote = (text: string): string => `'${text.replaceAll("'", "''")}'`;
  const statements = ['CREATE TEMP TABLE bench_emails (i INTEGER PRIMARY KEY, token TEXT NOT NULL, user_id TEXT NOT NULL)'];
  for (let from = 0; from < emails.length; from += 500) {
    const rows = emails.slice(from, from + 500).map((email, offset) => `(${from + offset}, ${quote(email.token)}, ${quote(email.userId)})`);
    statements.push(`INSERT INTO bench_emails (i, token, user_id) VALUES ${rows.join(', ')}`);
  }
  const columns = 'id, kind, label, reason, at, email_token, user_id, repeat, retracted';
  const values = (n: string): string =>
    `'evt_bench' || ${n}, 'open', CASE WHEN ${n} % 10 = 0 THEN 'machine' ELSE 'human' END,
     CASE WHEN ${n} % 10 = 0 THEN 'apple-mpp' ELSE 'no-machine-signal' END, ${START_AT} + ${n} * 1000, b.token, b.user_id, 0, 0`;
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    statements.push(
      dialect === 'postgres'
        ? `INSERT INTO events (${columns}) SELECT ${values('g')} FROM generate_series(${from}::bigint, ${to}::bigint) AS g JOIN bench_emails b ON b.i = g % ${emails.length}`
        : `WITH RECURSIVE g(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM g WHERE n < ${to})
           INSERT INTO events (${columns}) SELECT ${values('g.n')} FROM g JOIN bench_emails b ON b.i = g.n % ${emails.length}`,
    );
  }
  return statements;
}

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(samples: readonly number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => Number((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0).toFixed(3));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}
