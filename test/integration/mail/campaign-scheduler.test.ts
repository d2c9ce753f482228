// The campaign scheduler in the real server: a rep's mailbox connected on the harness Dovecot
// (IMAP watched for replies, SMTP through its submission service relaying to LMTP), a campaign
// created and tracked emails enrolled through the API. A due step arrives by itself in the
// recipient's mailbox as a reply in the thread; a thread answered before its step is due is
// stopped (the feed says so) and nothing is ever sent to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { newMessageId, replyMessage } from '../../support/mail-messages.ts';
import { feedHead, nextEvents, untilMailbox } from '../../support/mailbox-loop.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { json, registerEmail } from '../server/helpers.ts';

const REP = 'rep@rep.example';
const PASSWORD = 'rep-secret';
const CAMILLE = 'camille.martin@buyer.example';
const JO = 'jo.doe@buyer.example';

interface Enrolment {
  id: string;
  recipient: string;
  state: string;
  stopReason: string | null;
}

let dovecot: Dovecot;
let server: TestServer;
let rep: TestUser;
let campaignId: string;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: rep.headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return json<T>(response);
}

/** Polls `read` until `accept` holds, 30 s at most: the scheduler polls every 100 ms here. */
async function until<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} never happened: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A tracked email sent `agoMs` ago, enrolled in the campaign; its Message-ID and enrolment. */
async function enrolledEmail(recipient: string, agoMs: number): Promise<{ messageId: string; enrolment: Enrolment }> {
  const messageId = newMessageId('rep.example');
  const { token, response } = await registerEmail(server, rep, {
    token: mintEmailToken(rep.signingKey),
    subject: 'Proposal',
    to: [recipient],
    rfcMessageId: messageId,
    sentAt: new Date(Date.now() - agoMs).toISOString(),
  });
  expect(response.status).toBeLessThan(300);
  const { enrolments } = await call<{ enrolments: Enrolment[] }>('POST', `/api/v1/campaigns/${campaignId}/enrolments`, {
    emailToken: token,
  });
  const [enrolment] = enrolments;
  if (!enrolment) throw new Error('no enrolment was made');
  return { messageId: messageId.replace(/^<|>$/g, ''), enrolment };
}

const enrolmentOf = async (id: string): Promise<Enrolment | undefined> =>
  (await call<{ enrolments: Enrolment[] }>('GET', `/api/v1/campaigns/${campaignId}`)).enrolments.find((e) => e.id === id);

beforeAll(async () => {
  dovecot = await startDovecot({ submission: true });
  // Every user before the first sign-in: Dovecot rereads the passwd-file when its mtime changes.
  dovecot.addUser(REP, PASSWORD);
  dovecot.addUser(CAMILLE, 'reader');
  dovecot.addUser(JO, 'reader');
  server = await startServer({ env: { CAMPAIGN_SENDING: 'on', CAMPAIGN_POLL_MS: '100' } });
  rep = await server.addUser(REP);
  await call('PUT', '/api/v1/mailbox', {
    imap: { host: dovecot.host, port: dovecot.port, tls: 'none' },
    smtp: { host: dovecot.host, port: dovecot.submissionPort ?? 0, tls: 'none' },
    username: REP,
    auth: { method: 'password', password: PASSWORD },
  });
  await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
  const campaign = await call<{ id: string }>('POST', '/api/v1/campaigns', {
    name: 'Demo follow-up',
    team: false,
    stopSameCompany: false,
    sender: { first_name: 'Alice' },
    window: { days: [1, 2, 3, 4, 5, 6, 7], startHour: 0, endHour: 24, timeZone: 'UTC' },
    steps: [{ wait: { amount: 1, unit: 'minutes' }, subject: '', body: 'Hi {{first_name|there}},\n\nAny news?\n\n{{sender.first_name}}' }],
  });
  campaignId = campaign.id;
}, 60_000);
afterAll(async () => {
  await server?.close();
  await dovecot?.stop();
});

describe('campaign scheduler in the running server', () => {
  it('sends a due step by itself, as a reply in the thread, into the recipient mailbox', async () => {
    const { messageId, enrolment } = await enrolledEmail(CAMILLE, 2 * 60_000);
    const [received] = await until(
      'the follow-up in the recipient mailbox',
      () => dovecot.messages(CAMILLE),
      (m) => m.length > 0,
    );
    expect(received).toMatch(new RegExp(`^In-Reply-To: <${messageId.replace(/[.]/g, '\\.')}>`, 'im'));
    expect(received).toMatch(/^Subject: Re: Proposal/im);
    expect(received).toContain('Hi Camille,');
    await until(
      'the enrolment finished',
      () => enrolmentOf(enrolment.id),
      (e) => e?.state === 'finished',
    );
    expect(await dovecot.messages(CAMILLE)).toHaveLength(1);
  }, 60_000);

  it('never sends a step whose thread got a reply before it was due', async () => {
    // Due in about 20 s; the reply arrives now.
    const { messageId, enrolment } = await enrolledEmail(JO, 40_000);
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({ from: JO, to: [REP], subject: 'Re: Proposal', inReplyTo: `<${messageId}>`, body: 'Thanks, not for now.' }),
    );
    // The watcher applies the stop rules as it records the reply (the claim would stop it too).
    const { events } = await nextEvents(server, rep, cursor, 2);
    expect(events.map((event) => event.kind)).toEqual(['reply', 'campaign_stopped']);
    expect(events[1]?.details).toMatchObject({ reason: 'reply', who: JO, enrolmentId: enrolment.id });
    const stopped = await until(
      'the enrolment stopped by the reply',
      () => enrolmentOf(enrolment.id),
      (e) => e?.state === 'stopped',
    );
    expect(stopped?.stopReason).toBe('reply');
    expect(await dovecot.messages(JO)).toEqual([]);
  }, 60_000);
});
