// Webhooks across a SIGKILL of the real `glint serve` process, set up as the README says (the
// `glint webhook add` command): the receiver gets exactly the stored events (at least once; a
// repeat only of what was in flight at the kill) even when the server dies in the middle of a request. And the whole loop: a tracked email gets
// an open and a reply (through a real Dovecot mailbox), the receiver answers 500 first, the server
// is killed and restarted in between, and both arrive signed, once each.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedResponse } from '../../../src/shared/api-schemas.ts';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import type { SigningKey } from '../../../src/shared/link-signing.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { glintCommand, spawnServe, type ServeProcess } from '../../support/glint-serve.ts';
import { newMessageId, replyMessage } from '../../support/mail-messages.ts';
import { startWebhookReceiver, verifySignature, type ReceivedRequest, type WebhookReceiver } from '../../support/webhook-receiver.ts';
import { BROWSER_UA } from '../server/helpers.ts';

const PASSWORD = 'mailbox-secret-7';
const root = mkdtempSync(join(tmpdir(), 'glint-webhook-crash-'));
const running = new Set<ServeProcess>();
const receivers: WebhookReceiver[] = [];
let dovecot: Dovecot;

beforeAll(async () => {
  dovecot = await startDovecot();
});
afterAll(async () => {
  for (const serve of running) await serve.stop('SIGKILL');
  for (const receiver of receivers) await receiver.close();
  await dovecot?.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Rep {
  env: NodeJS.ProcessEnv;
  apiToken: string;
  email: string;
}

/** A data directory, a rep added with `glint user add`, and the environment of their server. */
async function newRep(name: string): Promise<Rep> {
  const email = `${name}@northwind.example`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: join(root, name),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MAILBOX_HOSTS: 'loopback',
    WEBHOOK_TIMEOUT_S: '1',
    WEBHOOK_LEASE_S: '2',
    WEBHOOK_RETRY_BASE_S: '0.05',
    WEBHOOK_RETRY_MAX_S: '0.2',
    WEBHOOK_POLL_MS: '50',
  };
  const added = await glintCommand(env)('user', 'add', email, '--json');
  expect(added.code).toBe(0);
  return { env, apiToken: (JSON.parse(added.stdout) as { apiToken: string }).apiToken, email };
}

async function serve(rep: Rep): Promise<ServeProcess> {
  const started = await spawnServe(rep.env);
  running.add(started);
  return started;
}

/** `glint webhook add` against the running server; returns the secret it printed once. */
async function addWebhook(rep: Rep, url: string, serverUrl: string, kinds: string): Promise<string> {
  const result = await glintCommand({ ...rep.env, GLINT_TOKEN: rep.apiToken, GLINT_SERVER: serverUrl })(
    'webhook',
    'add',
    url,
    '--kinds',
    kinds,
    '--json',
  );
  expect(result.code).toBe(0);
  return (JSON.parse(result.stdout) as { secret: string }).secret;
}

async function api(serverUrl: string, rep: Rep, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${serverUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${rep.apiToken}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function trackedEmail(serverUrl: string, rep: Rep, fields: Record<string, unknown> = {}): Promise<string> {
  const me = (await (await api(serverUrl, rep, 'GET', '/api/v1/me')).json()) as { signingKey: SigningKey };
  const token = mintEmailToken(me.signingKey);
  const response = await api(serverUrl, rep, 'POST', '/api/v1/emails', {
    token,
    subject: 'Proposal',
    to: ['buyer@acme.example'],
    ...fields,
  });
  expect(response.status).toBe(201);
  return token;
}

async function storedEventIds(serverUrl: string, rep: Rep): Promise<string[]> {
  const page = (await (await api(serverUrl, rep, 'GET', '/api/v1/feed?cursor=0&limit=500')).json()) as FeedResponse;
  return page.events.map((event) => event.id).sort();
}

/** The ids the receiver accepted (answered 200), with how often each. */
function accepted(requests: readonly ReceivedRequest[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of requests) if (request.answer === 200) counts.set(request.json.id, (counts.get(request.json.id) ?? 0) + 1);
  return counts;
}

async function newReceiver(): Promise<WebhookReceiver> {
  const receiver = await startWebhookReceiver();
  receivers.push(receiver);
  return receiver;
}

describe('webhooks across a SIGKILL of the server', () => {
  it('delivers exactly the stored events after a kill in the middle of a delivery', async () => {
    const rep = await newRep('burst');
    const receiver = await newReceiver();
    let first = await serve(rep);
    const secret = await addWebhook(rep, receiver.url, first.url, 'open');
    // The sixth request never gets an answer: the server dies while it waits. It is killed once every
    // open was answered, so only deliveries are cut, never the test's own requests.
    receiver.answerWith((_request, index) => (index < 5 ? 200 : 'hang'));
    const tokens = await Promise.all(Array.from({ length: 12 }, () => trackedEmail(first.url, rep)));
    await Promise.all(tokens.map((token) => fetch(`${first.url}/t/o/${token}.gif`, { headers: { 'user-agent': BROWSER_UA } })));
    await receiver.until((requests) => requests.length >= 6);
    await first.stop('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    receiver.answerWith(() => 200);

    first = await serve(rep);
    const stored = await storedEventIds(first.url, rep);
    expect(stored).toHaveLength(12);
    await receiver.until((requests) => accepted(requests).size === stored.length);
    const counts = accepted(receiver.requests);
    expect([...counts.keys()].sort()).toEqual(stored);
    // At least once: a request answered just before the kill, whose outcome the server had no time
    // to record, comes again (same id, for the receiver to drop). Nothing delivered afterwards does.
    const beforeKill = new Set(receiver.requests.slice(0, 5).map((request) => request.json.id));
    const repeated = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
    expect(repeated.filter((id) => !beforeKill.has(id))).toEqual([]);
    for (const request of receiver.requests) expect(verifySignature(request.headers['glint-signature'], request.body, secret)).toBe(true);
    await first.stop();
  });

  it('gets an open and a reply to the receiver, signed, once each, across a 500 and a restart', async () => {
    const rep = await newRep('done-when');
    dovecot.addUser(rep.email, PASSWORD);
    const receiver = await newReceiver();
    let server = await serve(rep);
    const secret = await addWebhook(rep, receiver.url, server.url, 'open,reply');
    const sentMessageId = newMessageId('mail.gmail.com');
    const token = await trackedEmail(server.url, rep, { rfcMessageId: sentMessageId });
    const endpoint = { host: dovecot.host, port: dovecot.port, tls: 'none' };
    const connected = await api(server.url, rep, 'PUT', '/api/v1/mailbox', {
      imap: endpoint,
      smtp: { ...endpoint, port: 25 },
      username: rep.email,
      auth: { method: 'password', password: PASSWORD },
    });
    expect(connected.status).toBe(200);

    // First answer 500; the retry never gets an answer because the server is killed meanwhile.
    let killed: Promise<void> | undefined;
    receiver.answerWith((_request, index) => {
      if (index === 0) return 500;
      const current = server;
      killed ??= current.stop('SIGKILL');
      return 'hang';
    });
    await fetch(`${server.url}/t/o/${token}.gif`, { headers: { 'user-agent': BROWSER_UA } });
    await receiver.until((requests) => requests.length >= 2);
    await killed;
    receiver.answerWith(() => 200);

    server = await serve(rep);
    await dovecot.append(
      rep.email,
      replyMessage({
        from: 'buyer@acme.example',
        to: [rep.email],
        subject: 'Re: Proposal',
        inReplyTo: sentMessageId,
        body: 'Yes, let us sign.',
      }),
    );
    await receiver.until((requests) => accepted(requests).size === 2, 30_000);
    const stored = await storedEventIds(server.url, rep);
    const counts = accepted(receiver.requests);
    expect([...counts.keys()].sort()).toEqual(stored);
    expect([...counts.values()]).toEqual([1, 1]);
    const kinds = receiver.requests.filter((request) => request.answer === 200).map((request) => request.json.data.event.kind);
    expect(kinds.sort()).toEqual(['open', 'reply']);
    for (const request of receiver.requests) expect(verifySignature(request.headers['glint-signature'], request.body, secret)).toBe(true);
    await server.stop();
  });
});
