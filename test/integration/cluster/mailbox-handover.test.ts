// A mailbox watched by one of two `glint serve` processes on one PostgreSQL database, against a real
// Dovecot: the instance that took the mailbox's lease watches it; when that instance is SIGKILLed
// the other takes the lease once it runs out (WORK_LEASE_S) and the next reply still reaches the
// feed, and the reply read before the kill is not stored twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { authorized, readFeed, type FeedItem } from '../../support/cluster-feed.ts';
import { startGlintCluster, type GlintCluster } from '../../support/glint-cluster.ts';
import { newMessageId, replyMessage } from '../../support/mail-messages.ts';

const REP = 'rep@northwind.example';
const PASSWORD = 'correct horse';
const BUYER = 'buyer@acme.example';
let dovecot: Dovecot;
let cluster: GlintCluster;

beforeAll(async () => {
  dovecot = await startDovecot();
  dovecot.addUser(REP, PASSWORD);
  // The first instance alone, so that it takes the mailbox; the second joins after.
  cluster = await startGlintCluster({ instances: 1, env: { MAILBOX_HOSTS: 'loopback', WORK_LEASE_S: '5', WEBHOOK_DELIVERY: 'off' } });
});

afterAll(async () => {
  await cluster?.stop();
  await dovecot?.stop();
});

/** Long-polls the feed on `baseUrl` from `cursor` until `count` replies arrived (30 s at most). */
async function nextReplies(
  baseUrl: string,
  apiToken: string,
  cursor: string,
  count: number,
): Promise<{ replies: FeedItem[]; cursor: string }> {
  const replies: FeedItem[] = [];
  const deadline = Date.now() + 30_000;
  while (replies.length < count) {
    if (Date.now() > deadline) throw new Error(`only ${replies.length} of ${count} replies arrived`);
    const page = await readFeed(baseUrl, apiToken, `?cursor=${encodeURIComponent(cursor)}&wait=5`);
    replies.push(...page.events.filter((event) => event.kind === 'reply'));
    cursor = page.cursor;
  }
  return { replies, cursor };
}

describe('a watched mailbox across a killed instance', () => {
  it('moves to the other instance within the lease, and no reply is lost or stored twice', async () => {
    const apiToken = await cluster.addUser(REP);
    const a = cluster.instances[0]?.url ?? '';
    const me = (await (await fetch(`${a}/api/v1/me`, { headers: authorized(apiToken) })).json()) as {
      signingKey: { id: string; secret: string };
    };
    const token = mintEmailToken(me.signingKey);
    const sentMessageId = newMessageId('mail.gmail.com');
    const registered = await fetch(`${a}/api/v1/emails`, {
      method: 'POST',
      headers: authorized(apiToken),
      body: JSON.stringify({ token, subject: 'Proposal', to: [BUYER], rfcMessageId: sentMessageId }),
    });
    expect(registered.status).toBe(201);
    const endpoint = { host: dovecot.host, port: dovecot.port, tls: 'none' };
    const connected = await fetch(`${a}/api/v1/mailbox`, {
      method: 'PUT',
      headers: authorized(apiToken),
      body: JSON.stringify({
        imap: endpoint,
        smtp: { ...endpoint, port: 25 },
        username: REP,
        auth: { method: 'password', password: PASSWORD },
      }),
    });
    expect(connected.status).toBe(200);
    const b = (await cluster.restart(1)).url;

    const reply = (body: string): string =>
      replyMessage({ from: BUYER, fromName: 'Bea Buyer', to: [REP], subject: 'Re: Proposal', inReplyTo: sentMessageId, body });
    let cursor = (await readFeed(b, apiToken)).cursor;
    await dovecot.append(REP, reply('Yes, let us sign on Friday.'));
    ({ cursor } = await nextReplies(b, apiToken, cursor, 1));

    await cluster.instances[0]?.stop('SIGKILL');
    await dovecot.append(REP, reply('And the CFO agrees.'));
    await nextReplies(b, apiToken, cursor, 1);

    const history = await readFeed(b, apiToken, '?limit=500');
    expect(history.events.filter((event) => event.kind === 'reply')).toHaveLength(2);
  });
});
