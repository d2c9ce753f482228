// The README's webhook receiver, run as written: its code block is copied to a file and started
// with `node`, a webhook points at it, and a real delivery (an open of a tracked email) and a
// test request are printed as verified; a request with a wrong signature gets a 400.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebhookWithSecret } from '../../../src/shared/webhook-api.ts';
import { startServer, type TestServer } from '../../support/start-server.ts';
import { closedPort } from '../../support/tcp-ports.ts';
import { openPixel, readFeed, registerEmail } from '../server/helpers.ts';

const README = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'glint-readme-receiver-'));
let server: TestServer;
let receiver: ChildProcess | undefined;

/** The code between the README's markers, without its fence. */
function receiverCode(): string {
  const block = /<!-- webhook-receiver:start -->\s*```js\n([\s\S]*?)```\s*<!-- webhook-receiver:end -->/.exec(README);
  if (!block?.[1]) throw new Error('the README has no webhook receiver block');
  return block[1];
}

/**
 * True once something accepts connections on the loopback port. The receiver says nothing when it
 * listens, so this polls (every 25 ms, for 15 s at most), as mailbox-loop.ts polls the watcher.
 */
async function untilListening(port: number): Promise<boolean> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (accepted) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return false;
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  receiver?.kill();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the README webhook receiver', () => {
  it('verifies and prints a real delivery and a test request, and refuses a wrong signature', async () => {
    const rep = await server.addUser();
    const port = await closedPort();
    const added = await fetch(`${server.baseUrl}/api/v1/webhooks`, {
      method: 'POST',
      headers: rep.headers,
      body: JSON.stringify({ url: `http://127.0.0.1:${port}/`, kinds: ['open', 'reply'] }),
    });
    const { webhook, secret } = (await added.json()) as WebhookWithSecret;
    const file = join(dir, 'receiver.mjs');
    writeFileSync(file, receiverCode());
    const child = spawn('node', [file], {
      env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    receiver = child;
    let output = '';
    const printed = (text: string): Promise<void> =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          if (output.includes(text)) resolve();
        };
        child.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          check();
        });
        child.once('exit', (code) => reject(new Error(`the receiver exited (${code}): ${output}`)));
        check();
      });

    // The receiver prints nothing when it listens: connect until it accepts (bounded), then test.
    expect(await untilListening(port)).toBe(true);
    const tested = (await (
      await fetch(`${server.baseUrl}/api/v1/webhooks/${webhook.id}/test`, {
        method: 'POST',
        headers: { authorization: rep.headers.authorization ?? '' },
      })
    ).json()) as { ok: boolean };
    expect(tested.ok).toBe(true);
    await printed('webhook.test test_');

    const { token } = await registerEmail(server, rep);
    await openPixel(server, token);
    const [open] = (await readFeed(server, rep, '?cursor=0')).events;
    await printed(`event.created ${open?.id ?? 'missing'} open`);

    const forged = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'glint-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      body: '{"id":"forged","type":"event.created","data":{"event":{"kind":"open"}}}',
    });
    expect(forged.status).toBe(400);
    expect(output).not.toContain('forged');
  });
});
