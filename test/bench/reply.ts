// bench:reply — reply tracking at scale: one Glint server (its own process, so its memory is its
// own) watches N mailboxes over IMAP IDLE on one harness Dovecot. Prints as JSON the server's
// memory per watched mailbox (VmRSS before any mailbox was connected and after all are watched
// and idle), then the latency from the APPEND of a reply to the reply event in the rep's feed
// (long-poll), against the baseline measured on the same APPENDs: a bare imapflow client IDLEing
// on the same INBOX, from APPEND to its EXISTS (Dovecot's own push delay). A reply not seen in
// time is a miss, reported.
//   npm run bench:reply [-- --mailboxes 200 --replies 300 --rate 20 --settle 10 --miss-after 10]
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImapFlow } from 'imapflow';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { replyMessage } from '../support/mail-messages.ts';
import { processCpuMicros } from './support/cpu-time.ts';
import { round1 } from './support/popup-timing.ts';
import { freePort, startServerProcess, type RunningProcess } from './support/processes.ts';
import { residentKb } from './support/process-memory.ts';
import { Arrivals, idleOn, listenToFeed, openImap, replyMarker } from './support/reply-probes.ts';
import { dovecotWarnings, glintAfterBaseline, latencySummary, type Sample } from './support/reply-stats.ts';
import {
  BUYER,
  connectMailbox,
  createReps,
  eachLimited,
  feedHead,
  registerTrackedEmail,
  watcherStatus,
  type BenchRep,
} from './support/reply-reps.ts';

const { values: options } = parseArgs({
  options: {
    mailboxes: { type: 'string', default: '200' },
    replies: { type: 'string', default: '300' },
    // Replies per second, all mailboxes together.
    rate: { type: 'string', default: '20' },
    // Seconds the server is left alone before each memory reading.
    settle: { type: 'string', default: '10' },
    // A reply not in the feed this many seconds after its APPEND is a miss.
    'miss-after': { type: 'string', default: '10' },
    // Longest wait for every mailbox to be watched, seconds.
    'connect-timeout': { type: 'string', default: '120' },
  },
});
const MAILBOXES = Number(options.mailboxes);
const REPLIES = Number(options.replies);
const RATE = Number(options.rate);
const SETTLE_MS = Number(options.settle) * 1000;
const MISS_AFTER_MS = Number(options['miss-after']) * 1000;
const CONNECT_TIMEOUT_MS = Number(options['connect-timeout']) * 1000;
for (const [name, value] of Object.entries({ MAILBOXES, REPLIES, RATE })) {
  if (!(value > 0)) throw new Error(`--${name.toLowerCase()} must be a positive number`);
}
/**
 * Dovecot wakes an IDLE session through inotify, one instance per session, counted per UID: every
 * harness mailbox runs as the dovecot user. Past the kernel's limit Dovecot falls back to looking
 * every 30 s (mailbox_idle_check_interval) and the benchmark would measure that.
 */
const INOTIFY_LIMIT_FILE = '/proc/sys/fs/inotify/max_user_instances';
// Glint's sessions, the baseline's, and a few for other Dovecots of the same UID on the machine.
const inotifyNeeded = 2 * MAILBOXES + 16;
const inotifyLimit = Number(readFileSync(INOTIFY_LIMIT_FILE, 'utf8').trim());
if (inotifyLimit < inotifyNeeded) {
  throw new Error(
    `${2 * MAILBOXES} IDLE sessions (Glint's and the baseline's), all run as the dovecot UID, need ${inotifyNeeded} inotify instances and this machine allows ${inotifyLimit} per user (${INOTIFY_LIMIT_FILE}); beyond it Dovecot notices new mail only every 30 s. Raise it (as root: sysctl fs.inotify.max_user_instances=${Math.max(1024, inotifyNeeded)}) or pass a smaller --mailboxes.`,
  );
}
const log = (message: string): void => void process.stderr.write(`bench:reply ${new Date().toISOString().slice(11, 19)} ${message}\n`);
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls every rep's watcher until all are `watching` (or the timeout); how long it took and who is not. */
async function untilAllWatching(
  baseUrl: string,
  reps: readonly BenchRep[],
): Promise<{ ms: number; notWatching: Record<string, unknown>[] }> {
  const started = performance.now();
  let pending = [...reps];
  let last: Record<string, unknown>[] = [];
  while (pending.length > 0 && performance.now() - started < CONNECT_TIMEOUT_MS) {
    const still: BenchRep[] = [];
    last = [];
    await eachLimited(pending, 10, async (rep) => {
      const watcher = await watcherStatus(baseUrl, rep);
      if (watcher.status !== 'watching') {
        still.push(rep);
        last.push({ email: rep.email, ...watcher });
      }
    });
    pending = still;
    if (pending.length > 0) await pause(250);
  }
  return { ms: Math.round(performance.now() - started), notWatching: last };
}

/** The mailbox each timed reply goes to, at random. */
const schedule = (reps: readonly BenchRep[]): BenchRep[] =>
  Array.from({ length: REPLIES }, () => reps[Math.floor(Math.random() * reps.length)] as BenchRep);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glint-bench-reply-'));
  let dovecot: Dovecot | null = null;
  let server: RunningProcess | null = null;
  const sessions: ImapFlow[] = [];
  const stopFeeds = new AbortController();
  /** The feed long-polls, and how many of their requests failed. */
  const polls: Promise<void>[] = [];
  const feedFailures = { count: 0 };
  try {
    // Each rep's mailbox holds the watcher's session, the bench's appending one and the baseline's.
    dovecot = await startDovecot({ maxConnections: 3 * MAILBOXES + 20 });
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const env = {
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      MAILBOX_HOSTS: 'loopback',
      NETWORK_LISTS_REFRESH: 'off',
    };
    log(`creating ${MAILBOXES} reps`);
    const reps = await createReps(env, dovecot, MAILBOXES);
    server = await startServerProcess('node', ['bin/glint.js', 'serve'], env, `${baseUrl}/healthz`);
    const pid = server.child.pid ?? 0;
    await eachLimited(reps, 10, (rep) => registerTrackedEmail(baseUrl, rep));
    log(`tracked emails registered; settling ${SETTLE_MS / 1000} s`);
    await pause(SETTLE_MS);
    const rssBeforeKb = residentKb(pid);

    log(`connecting ${MAILBOXES} mailboxes`);
    const connectStarted = performance.now();
    await eachLimited(reps, 20, (rep) => connectMailbox(baseUrl, rep, dovecot as Dovecot));
    const watching = await untilAllWatching(baseUrl, reps);
    const watchedCount = MAILBOXES - watching.notWatching.length;
    log(`${watchedCount} of ${MAILBOXES} watching after ${Math.round(performance.now() - connectStarted)} ms; settling`);
    const cpuBefore = processCpuMicros(pid);
    await pause(SETTLE_MS);
    const idleCpuMs = (processCpuMicros(pid) - cpuBefore) / 1000;
    const rssAfterKb = residentKb(pid);

    log('opening the appending and the baseline sessions and the feeds');
    const plan = schedule(reps);
    const appenders = new Map<string, ImapFlow>();
    const used = [...new Set(plan)];
    const baselineArrivals = new Arrivals();
    const glintArrivals = new Arrivals();
    await eachLimited(used, 10, async (rep) => {
      const appender = await openImap(dovecot as Dovecot, rep.email, rep.password);
      sessions.push(appender);
      appenders.set(rep.email, appender);
      sessions.push(await idleOn(dovecot as Dovecot, rep.email, rep.password, baselineArrivals));
      const cursor = await feedHead(baseUrl, rep);
      polls.push(listenToFeed(baseUrl, rep, cursor, glintArrivals, stopFeeds.signal, feedFailures));
    });

    log(`appending ${REPLIES} replies, ~${RATE}/s`);
    const samples: Sample[] = [];
    const pairs: (readonly [Sample, Sample])[] = [];
    const appends: Promise<void>[] = [];
    const appended = new Map<string, number>();
    const phaseStarted = performance.now();
    const cpuPhaseBefore = processCpuMicros(pid);
    let due = phaseStarted;
    for (const rep of plan) {
      // Exponential gaps: replies arrive at random, RATE a second on average.
      due += (-Math.log(1 - Math.random()) * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await pause(wait);
      const number = (appended.get(rep.email) ?? 0) + 1;
      appended.set(rep.email, number);
      const marker = replyMarker(pairs.length);
      const raw = replyMessage({
        from: BUYER,
        to: [rep.email],
        subject: 'Re: Proposal',
        inReplyTo: rep.messageId,
        body: `${marker}: yes, let us sign on Friday.\n\n> Hello, here is the proposal.`,
      });
      const glint: Sample = { kind: 'glint', key: marker, mailbox: rep.email, sentAt: 0 };
      const baseline: Sample = { kind: 'baseline', key: `${rep.email}#${number}`, mailbox: rep.email, sentAt: 0 };
      glintArrivals.expect(glint.key);
      baselineArrivals.expect(baseline.key);
      samples.push(glint, baseline);
      pairs.push([glint, baseline]);
      glint.sentAt = baseline.sentAt = performance.now();
      appends.push(
        (appenders.get(rep.email) as ImapFlow).append('INBOX', raw).then(
          () => undefined,
          (error: unknown) => void (glint.error = baseline.error = String(error)),
        ),
      );
    }
    await Promise.all(appends);
    const lastSent = Math.max(...samples.map((sample) => sample.sentAt));
    const remaining = Math.max(0, lastSent + MISS_AFTER_MS - performance.now());
    await Promise.all([glintArrivals.untilAllSeen(remaining), baselineArrivals.untilAllSeen(remaining)]);
    const phaseSeconds = (performance.now() - phaseStarted) / 1000;
    const phaseCpuMs = (processCpuMicros(pid) - cpuPhaseBefore) / 1000;
    const rssAfterRepliesKb = residentKb(pid);
    stopFeeds.abort();

    const glint = latencySummary(
      samples.filter((sample) => sample.kind === 'glint'),
      glintArrivals,
      MISS_AFTER_MS,
    );
    const baseline = latencySummary(
      samples.filter((sample) => sample.kind === 'baseline'),
      baselineArrivals,
      MISS_AFTER_MS,
    );
    const report = {
      benchmark: 'reply',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, inotifyInstancesPerUser: inotifyLimit },
      mailboxes: MAILBOXES,
      memory: {
        metric: 'Glint server VmRSS, KB: before any mailbox was connected, and with every mailbox watched and idle',
        rssBeforeKb,
        rssAfterKb,
        perWatchedMailboxKb: round1((rssAfterKb - rssBeforeKb) / Math.max(1, watchedCount)),
        rssAfterRepliesKb,
      },
      connect: {
        watching: watchedCount,
        msUntilAllWatching: watching.ms,
        notWatching: watching.notWatching.slice(0, 20),
        serverCpuMsWhileIdle: round1(idleCpuMs),
        idleSeconds: SETTLE_MS / 1000,
      },
      replies: {
        metric: 'ms from just before the APPEND to the reply event in the rep feed (long-poll)',
        sent: REPLIES,
        ratePerSecond: RATE,
        achievedRatePerSecond: round1(REPLIES / phaseSeconds),
        missAfterMs: MISS_AFTER_MS,
        glint,
        baseline: { metric: 'same APPENDs: ms to EXISTS on a bare imapflow client IDLEing on the same INBOX', ...baseline },
        // Per reply, the feed event's delay past the bare client's EXISTS: Glint's own part.
        glintAfterBaselineMs: glintAfterBaseline(pairs, glintArrivals, baselineArrivals),
        ratioP50: Number((glint.p50Ms / baseline.p50Ms).toFixed(2)),
        ratioP95: Number((glint.p95Ms / baseline.p95Ms).toFixed(2)),
        serverCpuMsPerReply: round1(phaseCpuMs / REPLIES),
        feedErrors: feedFailures.count,
      },
      // Dovecot's warnings name the limits it reached (inotify instances, process limits).
      dovecotWarnings: dovecotWarnings(dovecot),
      target: { p95MsAtMost: 1000 },
      meetsTarget: glint.p95Ms <= 1000 && glint.misses === 0 && watchedCount === MAILBOXES,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (glint.misses > 0 || watchedCount < MAILBOXES) process.exitCode = 1;
  } finally {
    stopFeeds.abort();
    log('cleaning up');
    await Promise.all(sessions.map((session) => session.logout().catch(() => session.close())));
    await server?.stop();
    // Stopping the server answered the long-polls in flight.
    await Promise.all(polls);
    log('server stopped');
    await dovecot?.stop();
    log('dovecot stopped');
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
