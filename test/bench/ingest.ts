// bench:ingest — pixel hits through Glint's full durable path (HTTP -> ingestEvent -> classify ->
// group-committed SQLite) against a bare node:http server returning the same GIF. Same load
// generator, same run, alternating rounds; prints medians and the throughput ratio as JSON.
// Also printed: the CPU one request cost each server (all its threads; with --store postgres,
// PostgreSQL's processes too) and the load generator, what one fsynced SQLite commit costs on
// this disk (before the rounds and after Glint is killed), and a durability check: every pixel
// answered 2xx is a stored event after Glint is SIGKILLed.
// With --instances N (PostgreSQL only), N Glint processes share the database behind nginx,
// configured from docs/deploy.md's block (TLS included), and the load goes through nginx.
// --front nginx puts nginx in front of one instance too (to tell nginx's cost from a second
// instance's); --nginx-workers sets worker_processes (auto: one per core, as Debian's nginx.conf).
// nginx's CPU per request is printed apart from Glint's.
//   npm run bench:ingest [-- --connections 50 --seconds 5 --rounds 3 --sync FULL|NORMAL --store sqlite|postgres
//                           --instances 1 --front none|nginx --nginx-workers auto|1]
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import pg from 'pg';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../src/shared/link-signing.ts';
import { pixelUrl } from '../../src/shared/tracking-urls.ts';
import { DATABASE_FILE_NAME } from '../../src/server/store/sqlite/database.ts';
import { UA } from '../fixtures/hits/real-world.ts';
import { freeLoopbackPort, startNginx, type RunningNginx } from '../support/nginx.ts';
import { startPostgres } from '../support/postgres.ts';
import { probeCommits } from './support/commit-probe.ts';
import { ownCpuMicros, postgresCpuMicros, processCpuMicros, processTreeCpuMicros } from './support/cpu-time.ts';
import { freePort, runToCompletion, startServerProcess, type RunningProcess } from './support/processes.ts';

const { values: options } = parseArgs({
  options: {
    connections: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    emails: { type: 'string', default: '200' },
    // SQLITE_SYNCHRONOUS for the Glint server; unset: the server's default (FULL).
    sync: { type: 'string' },
    // postgres: Glint's store in a throwaway PostgreSQL cluster with its durability on.
    store: { type: 'string', default: 'sqlite' },
    // Glint processes sharing the PostgreSQL store behind nginx.
    instances: { type: 'string', default: '1' },
    // nginx in front: the default with several instances, by choice with one.
    front: { type: 'string' },
    'nginx-workers': { type: 'string', default: 'auto' },
  },
});
if (options.sync !== undefined && !['FULL', 'NORMAL'].includes(options.sync.toUpperCase())) {
  throw new Error('--sync must be FULL or NORMAL');
}
if (!['sqlite', 'postgres'].includes(options.store)) throw new Error('--store must be sqlite or postgres');
if (options.store === 'postgres' && options.sync !== undefined) throw new Error('--sync is for the SQLite store');
const connections = Number(options.connections);
const seconds = Number(options.seconds);
const rounds = Number(options.rounds);
const emailCount = Number(options.emails);
const instanceCount = Number(options.instances);
if (!Number.isInteger(instanceCount) || instanceCount < 1 || instanceCount > 8) throw new Error('--instances must be 1 to 8');
if (instanceCount > 1 && options.store !== 'postgres')
  throw new Error('--instances above 1 needs --store postgres (one database they share)');
const front = options.front ?? (instanceCount > 1 ? 'nginx' : 'none');
if (!['nginx', 'none'].includes(front)) throw new Error('--front must be nginx or none');
if (instanceCount > 1 && front !== 'nginx') throw new Error('--instances above 1 needs nginx in front');
const nginxWorkers = options['nginx-workers'] === 'auto' ? 'auto' : Number(options['nginx-workers']);
if (nginxWorkers !== 'auto' && !(Number.isInteger(nginxWorkers) && nginxWorkers >= 1))
  throw new Error('--nginx-workers must be auto or a count');
// nginx's certificate is the benchmark's own, made for loopback; only this process talks to it.
if (front === 'nginx') process.env['NODE_TLS_REJECT_UNAUTHORIZED'] = '0';

interface RoundResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
  /** Answered 2xx (not a statistic: counted for the durability check). */
  answered2xx: number;
  /** CPU per request, microseconds: the server (all its threads) and the load generator (this process). */
  serverCpuUsPerRequest: number;
  loadGeneratorCpuUsPerRequest: number;
  /** nginx's master and workers, when it is in front (else 0). */
  nginxCpuUsPerRequest: number;
  /** PostgreSQL's processes (part of serverCpuUsPerRequest; 0 with SQLite): where a second instance's cost goes. */
  postgresCpuUsPerRequest: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

// Opens come from the mail clients people read with, so they take the classifier's and the
// repeat-open check's real path (autocannon sends no User-Agent: every hit would be a bot).
const READER_AGENTS = [UA.gmailProxy, UA.outlookDesktop, UA.iphoneMail, UA.appleMailMac, UA.chromeWindows, UA.thunderbird];

/** One load round: every request asks for the pixel of the next email in the pool. */
/** The CPU a server has used so far: its process, and PostgreSQL's when Glint's store is there. */
type ServerCpu = () => number;

async function loadRound(
  baseUrl: string,
  serverCpu: ServerCpu,
  paths: string[],
  duration: number,
  nginxCpu: ServerCpu = () => 0,
  postgresCpu: ServerCpu = () => 0,
): Promise<RoundResult> {
  let next = 0;
  const serverCpuBefore = serverCpu();
  const nginxCpuBefore = nginxCpu();
  const postgresCpuBefore = postgresCpu();
  const ownCpuBefore = ownCpuMicros();
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration,
    requests: [
      {
        setupRequest: (request) => {
          const index = next++;
          request.path = paths[index % paths.length] ?? '/';
          request.headers = { ...request.headers, 'user-agent': READER_AGENTS[index % READER_AGENTS.length] ?? '' };
          return request;
        },
      },
    ],
  });
  const requests = Math.max(result.requests.total, 1);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    answered2xx: result['2xx'],
    serverCpuUsPerRequest: Math.round((serverCpu() - serverCpuBefore) / requests),
    loadGeneratorCpuUsPerRequest: Math.round((ownCpuMicros() - ownCpuBefore) / requests),
    nginxCpuUsPerRequest: Math.round((nginxCpu() - nginxCpuBefore) / requests),
    postgresCpuUsPerRequest: Math.round((postgresCpu() - postgresCpuBefore) / requests),
  };
}

async function registerEmails(baseUrl: string, apiToken: string): Promise<string[]> {
  const authorization = `Bearer ${apiToken}`;
  // Tokens are bound to the sender's signing key, as the extension mints them.
  const me = (await (await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization } })).json()) as { signingKey: SigningKey };
  const tokens = Array.from({ length: emailCount }, () => mintEmailToken(me.signingKey));
  for (const token of tokens) {
    const response = await fetch(`${baseUrl}/api/v1/emails`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ token, subject: `Benchmark ${token}`, to: ['reader@example.com'] }),
    });
    if (!response.ok) throw new Error(`registering an email failed: ${response.status} ${await response.text()}`);
  }
  return tokens;
}

/**
 * The bench team allow-lists a few networks, as a team with a VPN would, so every hit takes the
 * allow-list lookup (a miss: the hits come from 127.0.0.1).
 */
async function allowTeamNetworks(baseUrl: string, apiToken: string): Promise<void> {
  for (const cidr of ['198.51.100.0/24', '203.0.113.0/25', '2001:db8:100::/48']) {
    const response = await fetch(`${baseUrl}/api/v1/team/networks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ cidr, label: 'benchmark VPN exit' }),
    });
    if (response.status !== 201) throw new Error(`allow-listing ${cidr} failed: ${response.status} ${await response.text()}`);
  }
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glint-bench-'));
  const cluster = options.store === 'postgres' ? await startPostgres({ durable: true }) : null;
  const databaseUrl = cluster ? await cluster.createDatabase('bench_ingest') : undefined;
  const glintPorts = await Promise.all(Array.from({ length: instanceCount }, () => freePort()));
  const nginxPort = front === 'nginx' ? await freeLoopbackPort() : null;
  // The address the load goes to: the one instance, or nginx in front of them all.
  const glintBase = nginxPort ? `https://localhost:${nginxPort}` : `http://127.0.0.1:${glintPorts[0]}`;
  const env = {
    DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PUBLIC_URL: glintBase,
    LOG_LEVEL: 'warn',
    NETWORK_LISTS_REFRESH: 'off',
    // Every instance must read the others' cursors and sealed keys.
    GLINT_SECRET_KEY: 'bench-ingest-shared-server-key-0123456789abcdef',
    ...(nginxPort ? { TRUST_PROXY: 'loopback' } : {}),
    ...(instanceCount > 1 ? { DOCS_DIR: join(dataDir, 'docs') } : {}),
    ...(options.sync ? { SQLITE_SYNCHRONOUS: options.sync.toUpperCase() } : {}),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const servers: RunningProcess[] = [];
  let nginx: RunningNginx | null = null;
  try {
    const userOutput = await runToCompletion('node', ['bin/glint.js', 'user', 'add', 'bench@example.com'], env);
    const apiToken = userOutput.trim().split('\n').at(-1)?.trim() ?? '';
    const glintPids: number[] = [];
    for (const [index, port] of glintPorts.entries()) {
      const instanceEnv = { ...env, PORT: String(port), DATA_DIR: instanceCount > 1 ? join(dataDir, `instance-${index}`) : dataDir };
      const glintProcess = await startServerProcess('node', ['bin/glint.js', 'serve'], instanceEnv, `http://127.0.0.1:${port}/healthz`);
      servers.push(glintProcess);
      glintPids.push(glintProcess.child.pid ?? 0);
    }
    if (nginxPort)
      nginx = await startNginx(
        glintPorts.map((port) => `127.0.0.1:${port}`),
        { httpsPort: nginxPort, workerProcesses: nginxWorkers },
      );
    const nginxPid = nginx?.pid ?? 0;
    const nginxCpu: ServerCpu = () => (nginxPid ? processTreeCpuMicros(nginxPid) : 0);
    const postgresCpu: ServerCpu = () => (cluster ? postgresCpuMicros() : 0);
    const glintCpu: ServerCpu = () => glintPids.reduce((sum, pid) => sum + processCpuMicros(pid), 0) + postgresCpu();
    await allowTeamNetworks(glintBase, apiToken);
    const tokens = await registerEmails(glintBase, apiToken);
    const paths = tokens.map((token) => new URL(pixelUrl(glintBase, token)).pathname);
    const firstPixel = await fetch(`${glintBase}${paths[0]}`);
    const gif = Buffer.from(await firstPixel.arrayBuffer());
    let glintAnswered = firstPixel.ok ? 1 : 0;
    const commitsBefore = probeCommits(dataDir);

    const barePort = await freePort();
    const bareBase = `http://127.0.0.1:${barePort}`;
    const bareProcess = await startServerProcess(
      'node',
      ['test/bench/support/bare-gif-server.js'],
      { PORT: String(barePort), GIF_HEX: gif.toString('hex') },
      `${bareBase}/healthz`,
    );
    servers.push(bareProcess);
    const barePid = bareProcess.child.pid ?? 0;
    const bareCpu: ServerCpu = () => processCpuMicros(barePid);

    // Warm both (JIT, SQLite page cache) before measuring.
    await loadRound(bareBase, bareCpu, paths, 1);
    glintAnswered += (await loadRound(glintBase, glintCpu, paths, 1, nginxCpu, postgresCpu)).answered2xx;
    const bare: RoundResult[] = [];
    const glint: RoundResult[] = [];
    for (let round = 0; round < rounds; round++) {
      bare.push(await loadRound(bareBase, bareCpu, paths, seconds));
      glint.push(await loadRound(glintBase, glintCpu, paths, seconds, nginxCpu, postgresCpu));
    }
    glintAnswered += glint.reduce((sum, round) => sum + round.answered2xx, 0);
    // Glint is killed (SIGKILL: no shutdown flush), then its events counted: every answered hit
    // must be on disk. A few more may be stored than answered (in flight when a round ended).
    const stopped = servers.splice(0);
    await stopped.pop()?.stop();
    await nginx?.stop();
    nginx = null;
    for (const glintServer of stopped) await kill(glintServer);
    const storedEvents = databaseUrl ? await countPostgresEvents(databaseUrl) : countEvents(dataDir);
    const commitsAfter = probeCommits(dataDir);

    const summarise = (results: RoundResult[]) => ({
      requestsPerSecond: Math.round(median(results.map((r) => r.requestsPerSecond))),
      p50Ms: median(results.map((r) => r.p50Ms)),
      p99Ms: median(results.map((r) => r.p99Ms)),
      serverCpuUsPerRequest: median(results.map((r) => r.serverCpuUsPerRequest)),
      loadGeneratorCpuUsPerRequest: median(results.map((r) => r.loadGeneratorCpuUsPerRequest)),
      nginxCpuUsPerRequest: median(results.map((r) => r.nginxCpuUsPerRequest)),
      postgresCpuUsPerRequest: median(results.map((r) => r.postgresCpuUsPerRequest)),
      errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    });
    const glintSummary = summarise(glint);
    const bareSummary = summarise(bare);
    const ratio = (glintSummary.requestsPerSecond ?? 0) / (bareSummary.requestsPerSecond || 1);
    const report = {
      benchmark: 'ingest',
      date: new Date().toISOString(),
      connections,
      secondsPerRound: seconds,
      rounds,
      store: options.store,
      instances: instanceCount,
      ...(nginxPort
        ? { through: 'nginx from docs/deploy.md (TLS); the bare baseline is plain HTTP', nginxWorkerProcesses: nginxWorkers }
        : {}),
      ...(options.store === 'sqlite' ? { sqliteSynchronous: options.sync?.toUpperCase() ?? 'server default (FULL)' } : {}),
      glint: glintSummary,
      bare: bareSummary,
      ratio: Number(ratio.toFixed(3)),
      // The servers share this machine's cores with the load generator. Where the cores are the
      // limit, the ratio tends to (bare + generator CPU per request) / (Glint + generator CPU).
      cpuBoundRatioEstimate: Number(
        (
          (bareSummary.serverCpuUsPerRequest + bareSummary.loadGeneratorCpuUsPerRequest) /
          (glintSummary.serverCpuUsPerRequest + glintSummary.loadGeneratorCpuUsPerRequest || 1)
        ).toFixed(3),
      ),
      target: { ratioAtLeast: 0.6, p99MsAtMost: 10 },
      meetsTarget: ratio >= 0.6 && (glintSummary.p99Ms ?? Infinity) <= 10 && glintSummary.errors === 0,
      durability: {
        pixelsAnswered2xx: glintAnswered,
        eventsStored: storedEvents.total,
        everyAnsweredHitStored: storedEvents.total >= glintAnswered,
      },
      // The opens came from real mail-client user agents: mostly people, a few machine reasons.
      eventsByLabel: storedEvents.byLabel,
      fsyncedCommitOnThisDisk: { before: commitsBefore, after: commitsAfter },
      perRound: { glint, bare },
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    if (!report.durability.everyAnsweredHitStored) {
      process.stderr.write(`bench:ingest: ${glintAnswered} pixels answered but only ${storedEvents.total} events stored\n`);
      process.exitCode = 1;
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await nginx?.stop();
    await cluster?.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function kill(server: RunningProcess): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGKILL');
  await exited;
}

interface LabelCount {
  label: string;
  reason: string;
  n: number;
}
const COUNT_BY_LABEL = 'SELECT label, reason, COUNT(*) AS n FROM events GROUP BY label, reason';

function byLabel(rows: readonly LabelCount[]): { total: number; byLabel: Record<string, number> } {
  const counts = Object.fromEntries(rows.map((row) => [`${row.label}/${row.reason}`, Number(row.n)]));
  return { total: rows.reduce((sum, row) => sum + Number(row.n), 0), byLabel: counts };
}

/** Stored events by label and reason. Opened read-write: after a kill, SQLite recovers the WAL index first. */
function countEvents(dataDir: string): { total: number; byLabel: Record<string, number> } {
  const db = new Database(join(dataDir, DATABASE_FILE_NAME));
  try {
    return byLabel(db.prepare<[], LabelCount>(COUNT_BY_LABEL).all());
  } finally {
    db.close();
  }
}

async function countPostgresEvents(url: string): Promise<{ total: number; byLabel: Record<string, number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return byLabel((await client.query<LabelCount>(COUNT_BY_LABEL)).rows);
  } finally {
    await client.end();
  }
}

await main();
