// An answered pixel hit is durable: the real `glint serve` process is killed with SIGKILL (no
// shutdown hook, no final flush) right after a burst of hits, restarted on the same DATA_DIR, and
// every hit that got its GIF is in the feed. Hits still in flight at the kill may or may not be.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../../src/shared/api-schemas.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../../src/shared/link-signing.ts';
import { GLINT_BIN, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { BROWSER_UA } from './helpers.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'glint-crash-'));
const running = new Set<ServeProcess>();

afterAll(async () => {
  for (const serve of running) await serve.stop('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function startServe(env: NodeJS.ProcessEnv): Promise<ServeProcess> {
  const serve = await spawnServe(env);
  running.add(serve);
  return serve;
}

/** One pixel fetch with a user agent naming the hit; true when the GIF came back. */
async function hit(url: string, token: string, index: number): Promise<boolean> {
  try {
    const response = await fetch(`${url}/t/o/${token}.gif`, { headers: { 'user-agent': `${BROWSER_UA} hit-${index}` } });
    const body = await response.arrayBuffer();
    return response.status === 200 && response.headers.get('content-type') === 'image/gif' && body.byteLength === 43;
  } catch {
    return false; // the kill cut this one off: never acknowledged
  }
}

/** Every event of the caller, oldest first, through the feed's cursor paging. */
async function wholeFeed(url: string, apiToken: string): Promise<FeedResponse['events']> {
  const events: FeedResponse['events'] = [];
  let cursor = '0';
  for (;;) {
    const response = await fetch(`${url}/api/v1/feed?cursor=${cursor}&limit=500`, { headers: { authorization: `Bearer ${apiToken}` } });
    expect(response.status).toBe(200);
    const page = (await response.json()) as FeedResponse;
    events.push(...page.events);
    if (!page.hasMore) return events;
    cursor = page.cursor;
  }
}

describe('crash durability', () => {
  // FULL answers after the batch's fdatasync of the WAL, NORMAL after the commit: both must keep
  // every hit they answered when the process is killed.
  it.each(['FULL', 'NORMAL'])('keeps every acknowledged pixel hit across a SIGKILL (SQLITE_SYNCHRONOUS=%s)', async (synchronous) => {
    const dataDir = join(root, synchronous);
    const env = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SQLITE_SYNCHRONOUS: synchronous };
    const added = await run('node', [GLINT_BIN, 'user', 'add', 'crash@example.com'], { env, timeout: 30_000 });
    const apiToken = added.stdout.trim().split('\n').at(-1) ?? '';
    const first = await startServe(env);
    const authorization = `Bearer ${apiToken}`;
    const me = (await (await fetch(`${first.url}/api/v1/me`, { headers: { authorization } })).json()) as { signingKey: SigningKey };
    const token = mintEmailToken(me.signingKey);
    const registered = await fetch(`${first.url}/api/v1/emails`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ token, subject: 'Durable', to: ['reader@example.org'] }),
    });
    expect(registered.status).toBe(201);

    // A burst of concurrent hits, all answered ...
    const burst = Array.from({ length: 300 }, (_, index) => index);
    const answered = await Promise.all(burst.map((index) => hit(first.url, token, index)));
    expect(answered.every(Boolean)).toBe(true);
    // ... then one more wave, killed as soon as its first hit is answered.
    const acknowledged = burst.slice();
    const wave = Array.from({ length: 100 }, (_, offset) => burst.length + offset);
    let killed: Promise<void> | undefined;
    await Promise.all(
      wave.map(async (index) => {
        // Whatever got its GIF was answered by the server, so it counts, before or after the kill.
        if (!(await hit(first.url, token, index))) return;
        acknowledged.push(index);
        killed ??= first.stop('SIGKILL');
      }),
    );
    await killed;
    expect(first.child.signalCode).toBe('SIGKILL');

    const second = await startServe(env);
    const events = await wholeFeed(second.url, apiToken);
    const stored = new Set(events.filter((event) => event.kind === 'open' && event.email.token === token).map((event) => event.userAgent));
    const missing = acknowledged.filter((index) => !stored.has(`${BROWSER_UA} hit-${index}`));
    expect(missing).toEqual([]);
    expect(stored.size).toBeLessThanOrEqual(burst.length + wave.length);
    await second.stop();
  });
});
