// bench:campaigns — campaign sending at scale: one real `glint serve` (SQLite, its own process)
// with 10,000 enrolments due at once across 100 mailboxes. Each mailbox sends over SMTP to the
// benchmark's sink (support/smtp-sink.ts: a real SMTP server taking every message; the test
// harness's Dovecot submission + relay + LMTP would measure Dovecot's maildir deliveries instead)
// and files a copy in its Sent folder on the harness Dovecot over IMAP, as for any provider but
// Gmail. Measures: steps decided per second (claimed, then sent or stopped) and sent per second;
// replies appended to the last-due threads while the backlog drains, from the APPEND to the reply
// stored and to the enrolment stopped (p50/p95), and how many steps still went out after their
// reply (must be 0); copies taken twice by the sink (must be 0). Baseline in the same run: a bare
// sender in this process doing the same per-message work (an SMTP session with sign-in, then an
// IMAP APPEND to Sent) with the same number of mailboxes in flight. Prints JSON.
//   npm run bench:campaigns [-- --mailboxes 100 --per-mailbox 100 --replies 100 --concurrency 8 --baseline 1000]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { createTransport } from 'nodemailer';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { replyMessage } from '../support/mail-messages.ts';
import { seedCampaigns, PASSWORD, type BenchEnrolment } from './support/campaign-setup.ts';
import { percentile } from './support/popup-timing.ts';
import { freePort, startServerProcess } from './support/processes.ts';
import { eachLimited } from './support/reply-reps.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const { values: options } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '100' },
    'per-mailbox': { type: 'string', default: '100' },
    replies: { type: 'string', default: '100' },
    // Replies appended per second, all mailboxes together.
    'reply-rate': { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    baseline: { type: 'string', default: '1000' },
    // Longest wait for the backlog to drain, seconds.
    timeout: { type: 'string', default: '1800' },
  },
});
const MAILBOXES = Number(options.mailboxes);
const PER_MAILBOX = Number(options['per-mailbox']);
const REPLIES = Math.min(Number(options.replies), MAILBOXES);
const REPLY_RATE = Number(options['reply-rate']);
const CONCURRENCY = Number(options.concurrency);
const BASELINE = Number(options.baseline);
const TIMEOUT_MS = Number(options.timeout) * 1000;

const log = (line: string): void => void process.stderr.write(`bench:campaigns ${line}\n`);

async function imapSession(dovecot: Dovecot, user: string): Promise<ImapFlow> {
  const client = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user, pass: PASSWORD }, logger: false });
  client.on('error', () => undefined);
  await client.connect();
  return client;
}

/** Until every rep's mailbox watcher is watching (a reply appended earlier could be taken as old mail). */
async function untilWatching(base: string, tokens: readonly string[]): Promise<void> {
  const deadline = Date.now() + 300_000;
  for (;;) {
    const states = await Promise.all(
      tokens.map(async (token) => {
        const response = await fetch(`${base}/api/v1/mailbox`, { headers: { authorization: `Bearer ${token}` } });
        return ((await response.json()) as { watcher: { status: string } }).watcher.status;
      }),
    );
    if (states.every((state) => state === 'watching')) return;
    if (Date.now() > deadline) throw new Error(`mailboxes not watched after 300 s: ${states.join(',')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The baseline: the same per-message work without Glint, `concurrency` mailboxes at once. */
async function bareSends(dovecot: Dovecot, sink: SmtpSink, reps: readonly string[], count: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  await eachLimited(reps.slice(0, CONCURRENCY), CONCURRENCY, async (rep) => {
    while (next < count) {
      const index = next++;
      const transport = createTransport({
        host: '127.0.0.1',
        port: sink.port,
        secure: false,
        ignoreTLS: true,
        auth: { user: rep, pass: PASSWORD },
      });
      const composed = await createTransport({ streamTransport: true, buffer: true, newline: 'windows' }).sendMail({
        from: rep,
        to: `buyer-${index}@acme.example`,
        subject: 'Re: Proposal',
        text: 'Hi there,\n\nAny news?\n\nAlice',
        messageId: `<bare-${index}@glint>`,
      });
      await transport.sendMail({ envelope: { from: rep, to: [`buyer-${index}@acme.example`] }, raw: composed.message as Buffer });
      transport.close();
      const imap = await imapSession(dovecot, rep);
      await imap.list();
      await imap.append('Sent', composed.message as Buffer, ['\\Seen']);
      await imap.logout();
    }
  });
  return count / ((performance.now() - started) / 1000);
}

async function main(): Promise<void> {
  const dovecot = await startDovecot({ maxConnections: MAILBOXES * 3 + 50 });
  const sink = await startSmtpSink();
  const dataDir = await mkdtemp(join(tmpdir(), 'glint-bench-campaigns-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAILBOX_HOSTS: 'loopback',
    NETWORK_LISTS_REFRESH: 'off',
    CAMPAIGN_SENDING: 'on',
    CAMPAIGN_CONCURRENCY: String(CONCURRENCY),
    // Pacing off: the benchmark measures how fast steps can go, not Gmail's limits.
    CAMPAIGN_PER_MINUTE: '10000',
    CAMPAIGN_PER_DAY: '1000000',
    CAMPAIGN_POLL_MS: '200',
  };
  try {
    const seedStarted = performance.now();
    // Seeded without an fsync per commit (the server itself runs with its default, FULL).
    const enrolments = await seedCampaigns(
      { ...env, SQLITE_SYNCHRONOUS: 'NORMAL' },
      dovecot,
      sink.port,
      MAILBOXES,
      PER_MAILBOX,
      Date.now() - 60_000,
    );
    log(`seeded ${enrolments.length} enrolments in ${Math.round((performance.now() - seedStarted) / 1000)} s`);
    // The last-due thread of each of REPLIES mailboxes gets a reply while the backlog drains.
    const targets = enrolments.slice(-REPLIES);
    const appenders = new Map<string, ImapFlow>();
    for (const target of targets) appenders.set(target.rep, await imapSession(dovecot, target.rep));

    const glint = await startServerProcess('node', ['bin/glint.js', 'serve'], env, `${base}/healthz`);
    const startedAt = Date.now();
    const db = new Database(join(dataDir, DATABASE_FILE_NAME), { readonly: true, fileMustExist: true });
    const active = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM campaign_enrolments WHERE state = 'active'`);
    const replyStored = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM events WHERE kind = 'reply' AND email_token = ?`);
    const repliedAt = new Map<string, number>();
    const storedAt = new Map<string, number>();
    try {
      await untilWatching(base, [...new Set(targets.map((t) => t.apiToken))]);
      log(`${Math.round((Date.now() - startedAt) / 1000)} s: every mailbox watched; ${sink.arrivals.length} sent so far`);
      const replies = (async () => {
        for (const [index, target] of targets.entries()) {
          const due = Date.now() + 1000 / REPLY_RATE;
          await appenders.get(target.rep)?.append('INBOX', reply(target, index));
          repliedAt.set(target.id, Date.now());
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
        }
      })();
      const deadline = Date.now() + TIMEOUT_MS;
      for (;;) {
        for (const target of targets) {
          if (repliedAt.has(target.id) && !storedAt.has(target.id) && (replyStored.get(target.emailToken)?.n ?? 0) > 0) {
            storedAt.set(target.id, Date.now());
          }
        }
        if ((active.get()?.n ?? 1) === 0 && storedAt.size === targets.length) break;
        if (Date.now() > deadline) throw new Error(`not drained after ${TIMEOUT_MS / 1000} s: ${active.get()?.n} active`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      await replies;
    } finally {
      await glint.stop();
    }
    const decidedAt = Date.now();
    const result = outcome(db, enrolments, targets, repliedAt, storedAt, sink, startedAt, decidedAt);
    db.close();
    for (const client of appenders.values()) await client.logout().catch(() => undefined);
    log(`drained; baseline of ${BASELINE} bare sends`);
    const bare = await bareSends(dovecot, sink, [...new Set(enrolments.map((e) => e.rep))], BASELINE);
    console.log(
      JSON.stringify(
        {
          benchmark: 'campaigns',
          date: new Date().toISOString(),
          store: 'sqlite',
          smtp: 'local smtp-server sink; Sent copies appended on the harness Dovecot',
          mailboxes: MAILBOXES,
          enrolments: enrolments.length,
          concurrency: CONCURRENCY,
          glint: result,
          bare: { sendsPerSecond: Math.round(bare) },
          ratio: Number((result.sentPerSecond / bare).toFixed(3)),
        },
        null,
        2,
      ),
    );
  } finally {
    await sink.close();
    await dovecot.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function reply(target: BenchEnrolment, index: number): string {
  return replyMessage({
    from: `buyer-${PER_MAILBOX - 1}@acme.example`,
    to: [target.rep],
    subject: 'Re: Proposal',
    inReplyTo: `<${target.messageId}>`,
    body: `Thanks, not now (bench reply ${index}).`,
  });
}

function outcome(
  db: Database.Database,
  enrolments: readonly BenchEnrolment[],
  targets: readonly BenchEnrolment[],
  repliedAt: ReadonlyMap<string, number>,
  storedAt: ReadonlyMap<string, number>,
  sink: SmtpSink,
  startedAt: number,
  decidedAt: number,
) {
  const stateOf = db.prepare<[string], { state: string; stop_reason: string | null; updated_at: number }>(
    'SELECT state, stop_reason, updated_at FROM campaign_enrolments WHERE id = ?',
  );
  const sentOf = db.prepare<[string], { updated_at: number }>(
    `SELECT updated_at FROM campaign_sends WHERE enrolment_id = ? AND state = 'sent'`,
  );
  const stoppedMs: number[] = [];
  let sentAfterReply = 0;
  for (const target of targets) {
    const replied = repliedAt.get(target.id) ?? 0;
    const row = stateOf.get(target.id);
    if (row?.state === 'stopped' && row.stop_reason === 'reply') stoppedMs.push(row.updated_at - replied);
    const sent = sentOf.get(target.id);
    if (sent && sent.updated_at > replied) sentAfterReply += 1;
  }
  const storedMs = targets.map((target) => (storedAt.get(target.id) ?? 0) - (repliedAt.get(target.id) ?? 0));
  const sent = sink.arrivals.length;
  const sendSpan = ((sink.arrivals.at(-1) ?? 0) - (sink.arrivals[0] ?? 0)) / 1000;
  return {
    decided: enrolments.length,
    decidedPerSecond: Math.round(enrolments.length / ((decidedAt - startedAt) / 1000)),
    sent,
    sentPerSecond: Math.round(sent / Math.max(sendSpan, 0.001)),
    duplicates: [...sink.messageIds.values()].filter((count) => count > 1).length,
    replies: targets.length,
    replyStoredP50Ms: percentile(storedMs, 50),
    replyStoredP95Ms: percentile(storedMs, 95),
    stoppedByReply: stoppedMs.length,
    replyToStopP50Ms: percentile(stoppedMs, 50),
    replyToStopP95Ms: percentile(stoppedMs, 95),
    sentAfterReply,
  };
}

await main();
