// `glint webhook add|list|test|deliveries|rotate-secret|resume|remove` through the real binary,
// against the real `glint serve` and a real local receiver: stable text, --json, the secret
// printed once, bad usage exiting 2 with one line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { glintCommand, spawnServe, type GlintResult, type ServeProcess } from '../support/glint-serve.ts';
import { startWebhookReceiver, verifySignature, type WebhookReceiver } from '../support/webhook-receiver.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'glint-webhook-cli-'));
const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' };
let serve: ServeProcess;
let receiver: WebhookReceiver;
let glint: (...args: string[]) => Promise<GlintResult>;

beforeAll(async () => {
  const added = await glintCommand(env)('user', 'add', 'rep@example.com', '--json');
  env.GLINT_TOKEN = (JSON.parse(added.stdout) as { apiToken: string }).apiToken;
  serve = await spawnServe(env);
  env.GLINT_SERVER = serve.url;
  glint = glintCommand(env);
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await serve?.stop();
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('glint webhook', () => {
  it('adds, lists, tests, rotates, resumes and removes a webhook', async () => {
    const added = await glint('webhook', 'add', receiver.url, '--kinds', 'open,reply', '--description', 'CRM');
    expect(added.code).toBe(0);
    const [line, secretLine] = added.stdout.trim().split('\n');
    const id = /^Added (wh_\S+) {2}/.exec(line ?? '')?.[1] ?? '';
    expect(line).toBe(`Added ${id}  ${receiver.url}  [open,reply]  active (CRM)`);
    const secret = /: (whsec_\S+)$/.exec(secretLine ?? '')?.[1] ?? '';
    expect(secretLine).toBe(`Secret (shown only now; verify Glint-Signature with it): ${secret}`);

    const listed = await glint('webhook', 'list');
    expect(listed.stdout).toBe(`${id}  ${receiver.url}  [open,reply]  active (CRM)\n`);
    expect(listed.stdout).not.toContain(secret);
    const json = JSON.parse((await glint('webhook', 'list', '--json')).stdout) as { webhooks: { id: string }[] };
    expect(json.webhooks.map((webhook) => webhook.id)).toEqual([id]);

    const tested = await glint('webhook', 'test', id);
    expect(tested.stdout).toMatch(/^Test delivered: HTTP 200 in \d+ ms\.\n$/);
    const request = receiver.requests.at(-1);
    expect(verifySignature(request?.headers['glint-signature'], request?.body ?? '', secret)).toBe(true);

    const rotated = await glint('webhook', 'rotate-secret', id, '--json');
    const newSecret = (JSON.parse(rotated.stdout) as { secret: string }).secret;
    expect(newSecret).not.toBe(secret);
    expect((await glint('webhook', 'deliveries', id)).stdout).toBe('No deliveries yet.\n');
    expect((await glint('webhook', 'resume', id)).stdout).toBe(`Resumed ${id}  ${receiver.url}  [open,reply]  active (CRM)\n`);
    expect((await glint('webhook', 'remove', id)).stdout).toBe(`Removed ${id}.\n`);
    expect((await glint('webhook', 'list')).stdout).toBe('No webhooks.\n');
    const gone = await glint('webhook', 'remove', id);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^glint: No such webhook in your team/);
  });

  it('says what is wrong: unknown kinds exit 2, a refused URL and a failed test exit 1', async () => {
    const kinds = await glint('webhook', 'add', receiver.url, '--kinds', 'open,visit');
    expect(kinds.code).toBe(2);
    expect(kinds.stderr).toMatch(/^glint: --kinds takes a comma-separated list of .* \(not visit\)/);
    const http = await glint('webhook', 'add', 'http://hooks.example.com/x', '--kinds', 'open');
    expect(http.code).toBe(1);
    expect(http.stderr).toContain('must use https');
    const closed = await startWebhookReceiver();
    await closed.close();
    const added = JSON.parse((await glint('webhook', 'add', closed.url, '--kinds', 'open', '--json')).stdout) as {
      webhook: { id: string };
    };
    const failed = await glint('webhook', 'test', added.webhook.id);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('Test failed: the connection was refused.\n');
  });
});
