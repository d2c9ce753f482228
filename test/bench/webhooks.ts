// bench:webhooks — webhook deliveries from a real `glint serve` (SQLite, its defaults) to a local
// receiver: (1) sustained deliveries per second while a backlog of opens drains; (2) the lag
// from an event (its time in the body) to its arrival at the receiver, p50 / p95, with opens
// arriving at a steady rate. Baseline in the same run: a bare sender in this process POSTing the
// same signed bodies to the same receiver with the same number of requests in flight (the
// ceiling of the receiver and the HTTP stack here). Prints JSON.
//   npm run bench:webhooks [-- --backlog 2000 --rate 100 --seconds 5 --concurrency 16]
import { createServer } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mintEmailToken } from '../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../src/shared/link-signing.ts';
import { signatureHeader } from '../../src/server/crm/webhook-signature.ts';
import { UA } from '../fixtures/hits/real-world.ts';
import { freePort, runToCompletion, startServerProcess } from './support/processes.ts';

const { values: options } = parseArgs({
  options: {
    backlog: { type: 'string', default: '2000' },
    rate: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
  },
});
const backlog = Number(options.backlog);
const rate = Number(options.rate);
const steadySeconds = Number(options.seconds);
const concurrency = Number(options.concurrency);

interface Arrival {
  id: string;
  eventAt: number;
  receivedAt: number;
}

/** The receiver: answers 204 at once and notes when each event id arrived. */
async function startReceiver(): Promise<{
  url: string;
  arrivals: Map<string, Arrival>;
  waitFor(count: number): Promise<void>;
  close(): void;
}> {
  const arrivals = new Map<string, Arrival>();
  let waiter: { count: number; resolve: () => void } | null = null;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string; data: { event: { at: string } } };
      if (!arrivals.has(body.id)) arrivals.set(body.id, { id: body.id, eventAt: Date.parse(body.data.event.at), receivedAt: Date.now() });
      response.writeHead(204).end();
      if (waiter && arrivals.size >= waiter.count) waiter.resolve();
    });
  });
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    arrivals,
    waitFor: (count) =>
      arrivals.size >= count ? Promise.resolve() : new Promise((resolve) => (waiter = { count, resolve: () => resolve() })),
    close: () => server.close(),
  };
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function registerEmails(base: string, authorization: string, count: number): Promise<string[]> {
  const me = (await (await fetch(`${base}/api/v1/me`, { headers: { authorization } })).json()) as { signingKey: SigningKey };
  const tokens = Array.from({ length: count }, () => mintEmailToken(me.signingKey));
  for (let start = 0; start < tokens.length; start += 50) {
    await Promise.all(
      tokens.slice(start, start + 50).map(async (token) => {
        const response = await fetch(`${base}/api/v1/emails`, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/json' },
          body: JSON.stringify({ token, subject: `Bench ${token}`, to: ['reader@example.com'] }),
        });
        if (!response.ok) throw new Error(`registering an email failed: ${response.status}`);
      }),
    );
  }
  return tokens;
}

const open = (base: string, token: string): Promise<Response> =>
  fetch(`${base}/t/o/${token}.gif`, { headers: { 'user-agent': UA.chromeWindows } });

/** The baseline: the same number of signed POSTs with `concurrency` in flight, from this process. */
async function bareDeliveries(url: string, count: number): Promise<number> {
  const receiver = await startReceiver();
  const target = new URL(url);
  const to = `${receiver.url.replace('/hook', '')}${target.pathname}`;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const body = JSON.stringify({ id: `bare-${index}`, type: 'event.created', data: { event: { at: new Date().toISOString() } } });
        const timestamp = Math.floor(Date.now() / 1000);
        const response = await fetch(to, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/json', 'Glint-Signature': signatureHeader(['whsec_bench'], timestamp, body) },
          body,
        });
        await response.body?.cancel();
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  receiver.close();
  return count / seconds;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'glint-bench-webhooks-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WEBHOOK_CONCURRENCY: String(concurrency) };
  const receiver = await startReceiver();
  const output = await runToCompletion('node', ['bin/glint.js', 'user', 'add', 'bench@example.com', '--json'], env);
  const authorization = `Bearer ${(JSON.parse(output) as { apiToken: string }).apiToken}`;
  const glint = await startServerProcess('node', ['bin/glint.js', 'serve'], env, `${base}/healthz`);
  try {
    const added = await fetch(`${base}/api/v1/webhooks`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url, kinds: ['open'] }),
    });
    if (added.status !== 201) throw new Error(`adding the webhook failed: ${added.status} ${await added.text()}`);
    const steadyCount = Math.round(rate * steadySeconds);
    const tokens = await registerEmails(base, authorization, backlog + steadyCount);

    // (1) Throughput: a backlog of opens, stored as fast as the server takes them, then drained.
    const backlogTokens = tokens.slice(0, backlog);
    for (let start = 0; start < backlogTokens.length; start += 100)
      await Promise.all(backlogTokens.slice(start, start + 100).map((token) => open(base, token)));
    await receiver.waitFor(backlog);
    const firstBatch = [...receiver.arrivals.values()];
    const spanMs = Math.max(...firstBatch.map((a) => a.receivedAt)) - Math.min(...firstBatch.map((a) => a.receivedAt));
    const deliveriesPerSecond = backlog / Math.max(spanMs / 1000, 0.001);

    // (2) Lag: opens at a steady rate; event time to arrival.
    const steadyTokens = tokens.slice(backlog);
    const startedAt = performance.now();
    const sent: Promise<Response>[] = [];
    for (let index = 0; index < steadyTokens.length; index++) {
      const due = startedAt + (index * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      sent.push(open(base, steadyTokens[index] ?? ''));
    }
    await Promise.all(sent);
    await receiver.waitFor(backlog + steadyCount);
    const lags = [...receiver.arrivals.values()].slice(backlog).map((arrival) => arrival.receivedAt - arrival.eventAt);

    const bare = await bareDeliveries(receiver.url, backlog);
    console.log(
      JSON.stringify(
        {
          benchmark: 'webhooks',
          date: new Date().toISOString(),
          store: 'sqlite',
          concurrency,
          backlog,
          glint: {
            deliveriesPerSecond: Math.round(deliveriesPerSecond),
            steadyRatePerSecond: rate,
            lagP50Ms: percentile(lags, 50),
            lagP95Ms: percentile(lags, 95),
            lagMaxMs: Math.max(...lags),
            delivered: receiver.arrivals.size,
          },
          bare: { postsPerSecond: Math.round(bare) },
          ratio: Number((deliveriesPerSecond / bare).toFixed(3)),
        },
        null,
        2,
      ),
    );
  } finally {
    await glint.stop();
    receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
