// bench:feed-query — the feed query (Store.readFeed, what GET /api/v1/feed runs) on a store holding
// 1 million (or --events) events, on SQLite and on PostgreSQL: p50/p95/p99 of a history page (the
// newest 100 of a user, what the popup shows first) and of a cursor read (the 100 after a cursor
// somewhere in the user's history, and at the head, what each long-poll round reads). Events are
// loaded by SQL in bulk (spread over --users users and 20 emails each, a tenth machine-labelled),
// then ANALYZEd; the secondary indexes are dropped for the load and built after it (so 10 million load
// in minutes, in constant memory: each chunk is generated inside the database). Prints JSON; the target is p95 <= 10 ms.
//   npm run bench:feed-query [-- --events 1000000 --store both|sqlite|postgres --users 100 --reads 400]
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import { createUser } from '../../src/server/accounts/create-user.ts';
import { SigningKeys } from '../../src/server/accounts/signing-keys.ts';
import { createSecretBox } from '../../src/server/security/secret-box.ts';
import { loadServerKey } from '../../src/server/security/server-key.ts';
import { openPostgresStore } from '../../src/server/store/postgres/postgres-store.ts';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { openSqliteStore } from '../../src/server/store/sqlite/sqlite-store.ts';
import type { Store } from '../../src/server/store/store.ts';
import { startPostgres } from '../support/postgres.ts';
import { dropIndexSql, postgresEventIndexes, sqliteEventIndexes } from './support/feed-query-indexes.ts';
import { bulkEventsSql, percentiles, type Percentiles } from './support/feed-query-load.ts';

const { values: options } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    store: { type: 'string', default: 'both' },
    users: { type: 'string', default: '100' },
    reads: { type: 'string', default: '400' },
  },
});
const eventCount = Number(options.events);
const userCount = Number(options.users);
const readCount = Number(options.reads);
const EMAILS_PER_USER = 20;
const PAGE = 100;
if (!['both', 'sqlite', 'postgres'].includes(options.store)) throw new Error('--store must be both, sqlite or postgres');

interface StoreReport {
  store: 'sqlite' | 'postgres';
  events: number;
  loadSeconds: number;
  historyPageMs: Percentiles;
  cursorReadMs: Percentiles;
  headReadMs: Percentiles;
  meetsTarget: boolean;
}

/** A line on stderr per loaded chunk (stdout is the JSON): 10 million events take minutes. */
function progress(store: string, done: number, total: number): void {
  process.stderr.write(`${new Date().toISOString()} ${store}: loaded ${done}/${total} statements\n`);
}

/** Users and their emails through the store; their ids and tokens for the bulk load. */
async function seedAccounts(store: Store, dataDir: string): Promise<{ users: string[]; emails: { token: string; userId: string }[] }> {
  const keys = new SigningKeys(store, createSecretBox(loadServerKey(dataDir, 'bench-feed-query-server-key-0123456789abcdef')));
  const users: string[] = [];
  const emails: { token: string; userId: string }[] = [];
  for (let index = 0; index < userCount; index++) {
    const created = await createUser(store, keys, { email: `rep${index}@bench.example`, team: 'Bench', password: 'bench-password-1' });
    users.push(created.user.id);
    for (let email = 0; email < EMAILS_PER_USER; email++) {
      const token = mintEmailToken();
      const sentAt = new Date(Date.now() - 30 * 86_400_000);
      await store.registerEmail({
        token,
        userId: created.user.id,
        subject: `Proposal ${email}`,
        to: ['buyer@example.org'],
        cc: [],
        bcc: [],
        sentAt,
        gmailThreadId: null,
        gmailMessageId: null,
        rfcMessageId: null,
        openTracking: true,
        clickTracking: true,
        links: [],
        createdAt: sentAt,
      });
      emails.push({ token, userId: created.user.id });
    }
  }
  return { users, emails };
}

async function measure(store: Store, users: string[], head: number): Promise<Omit<StoreReport, 'store' | 'events' | 'loadSeconds'>> {
  const pick = (): string => users[Math.floor(Math.random() * users.length)] ?? '';
  const time = async (read: () => Promise<unknown>): Promise<number[]> => {
    const samples: number[] = [];
    for (let index = 0; index < readCount; index++) {
      const started = performance.now();
      await read();
      samples.push(performance.now() - started);
    }
    return samples;
  };
  // Warm the caches once, as a running server would be.
  for (const userId of users) await store.readFeed({ userId, limit: PAGE, includeMachine: true });
  const history = await time(() => store.readFeed({ userId: pick(), limit: PAGE, includeMachine: false }));
  const cursor = await time(() =>
    store.readFeed({ userId: pick(), after: Math.floor(Math.random() * head), limit: PAGE, includeMachine: true }),
  );
  const atHead = await time(() => store.readFeed({ userId: pick(), after: head, limit: PAGE, includeMachine: true }));
  const [historyPageMs, cursorReadMs, headReadMs] = [percentiles(history), percentiles(cursor), percentiles(atHead)];
  return { historyPageMs, cursorReadMs, headReadMs, meetsTarget: Math.max(historyPageMs.p95, cursorReadMs.p95, headReadMs.p95) <= 10 };
}

async function benchSqlite(): Promise<StoreReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glint-bench-feed-query-'));
  try {
    const store = openSqliteStore(dataDir, { synchronous: 'NORMAL' });
    const { users, emails } = await seedAccounts(store, dataDir);
    const started = performance.now();
    // A second connection for the bulk load (WAL: the store's own stays open beside it).
    const db = new Database(join(dataDir, DATABASE_FILE_NAME));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -262144'); // 256 MB for the index builds' sorts
    const indexes = sqliteEventIndexes(db);
    for (const index of indexes) db.exec(dropIndexSql(index));
    const statements = bulkEventsSql('sqlite', emails, eventCount);
    statements.forEach((statement, done) => {
      db.prepare(statement).run();
      progress('sqlite', done + 1, statements.length);
    });
    for (const index of indexes) db.exec(index.create);
    db.exec('ANALYZE');
    const head = (db.prepare('SELECT MAX(seq) AS head FROM events').get() as { head: number }).head;
    db.close();
    const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
    const report = { store: 'sqlite' as const, events: eventCount, loadSeconds, ...(await measure(store, users, head)) };
    await store.close();
    return report;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(): Promise<StoreReport> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glint-bench-feed-query-'));
  const cluster = await startPostgres();
  try {
    const url = await cluster.createDatabase('bench_feed_query');
    const store = await openPostgresStore(url);
    const { users, emails } = await seedAccounts(store, dataDir);
    const started = performance.now();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("SET maintenance_work_mem = '256MB'"); // the index builds sort in memory
    const indexes = await postgresEventIndexes(client);
    for (const index of indexes) await client.query(dropIndexSql(index));
    const statements = bulkEventsSql('postgres', emails, eventCount);
    for (const [done, statement] of statements.entries()) {
      await client.query(statement);
      progress('postgres', done + 1, statements.length);
    }
    for (const index of indexes) await client.query(index.create);
    await client.query('VACUUM ANALYZE events');
    const head = Number((await client.query<{ head: string }>('SELECT MAX(seq) AS head FROM events')).rows[0]?.head ?? 0);
    await client.end();
    const loadSeconds = Math.round((performance.now() - started) / 100) / 10;
    const report = { store: 'postgres' as const, events: eventCount, loadSeconds, ...(await measure(store, users, head)) };
    await store.close();
    return report;
  } finally {
    await cluster.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const stores = options.store === 'both' ? (['sqlite', 'postgres'] as const) : [options.store as 'sqlite' | 'postgres'];
const results: StoreReport[] = [];
for (const store of stores) results.push(store === 'sqlite' ? await benchSqlite() : await benchPostgres());
const report = {
  benchmark: 'feed-query',
  date: new Date().toISOString(),
  events: eventCount,
  users: userCount,
  emailsPerUser: EMAILS_PER_USER,
  pageSize: PAGE,
  readsPerKind: readCount,
  target: { p95MsAtMost: 10 },
  results,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
