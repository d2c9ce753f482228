// The whole reply loop against a real Dovecot: a rep connects their mailbox, tracked emails are
// registered, and messages are APPENDed by another client as a mail server would deliver them.
// Replies from the To, a CC'd person and a third address, an out-of-office and a bounce reach the
// feed as events; the rep's own message and unrelated mail do not. Over plain IMAP, over TLS
// with the certificate the harness makes, and with the store on PostgreSQL.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { startPostgres, type PostgresCluster } from '../../support/postgres.ts';
import { frenchOutOfOffice, newMessageId, postfixBounce, replyMessage } from '../../support/mail-messages.ts';
import { connectMailbox, feedHead, getMailbox, nextEvents, untilMailbox } from '../../support/mailbox-loop.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { registerEmail } from '../server/helpers.ts';

const REP = 'rep@northwind.example';
const PASSWORD = 'correct horse';
const BUYER = 'buyer@acme.example';
const CFO = 'cfo@acme.example';

describe.each([
  { name: 'plain IMAP', tls: false, postgres: false },
  { name: 'TLS, a certificate trusted through MAILBOX_CA_FILE', tls: true, postgres: false },
  { name: 'the PostgreSQL store', tls: false, postgres: true },
])('mailbox watcher ($name): replies, auto-replies and bounces reach the feed', ({ tls, postgres }) => {
  let dovecot: Dovecot;
  let cluster: PostgresCluster | undefined;
  let caDir = '';
  let server: TestServer;
  let rep: TestUser;
  let token: string;
  const sentMessageId = newMessageId('mail.gmail.com');

  beforeAll(async () => {
    dovecot = await startDovecot({ tls });
    dovecot.addUser(REP, PASSWORD);
    caDir = mkdtempSync(join(tmpdir(), 'glint-ca-'));
    const caFile = join(caDir, 'dovecot.pem');
    if (dovecot.certificate) writeFileSync(caFile, dovecot.certificate);
    cluster = postgres ? await startPostgres() : undefined;
    const databaseUrl = cluster ? await cluster.createDatabase('glint_replies') : undefined;
    server = await startServer({
      env: { ...(tls ? { MAILBOX_CA_FILE: caFile } : {}), ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    });
    rep = await server.addUser(REP);
    token = mintEmailToken(rep.signingKey);
    await registerEmail(server, rep, { token, subject: 'Proposal', to: [BUYER], cc: [CFO], rfcMessageId: sentMessageId });
    await connectMailbox(server, rep, dovecot, PASSWORD, tls ? 'tls' : 'none');
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
  });
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
    await cluster?.stop();
    rmSync(caDir, { recursive: true, force: true });
  });

  it('shows replies from the recipient, a CC and a colleague with who wrote and the first line', async () => {
    const cursor = await feedHead(server, rep);
    const answer = (from: string, fromName: string, body: string): string =>
      replyMessage({
        from,
        fromName,
        to: [REP],
        subject: 'Re: Proposal',
        inReplyTo: sentMessageId,
        body: `${body}\n\n> Hello, here is the proposal.`,
      });
    await dovecot.append(REP, answer(BUYER, 'Bea Buyer', 'Yes, let us sign on Friday.'));
    await dovecot.append(REP, answer(CFO, 'Carl Finance', "I'm out next week, but yes: budget approved."));
    await dovecot.append(REP, answer('dana@acme-partners.example', 'Dana', 'Forwarded to me: count us in.'));

    const { events } = await nextEvents(server, rep, cursor, 3);
    expect(events.map((event) => [event.kind, event.email.token, event.label])).toEqual([
      ['reply', token, 'human'],
      ['reply', token, 'human'],
      ['reply', token, 'human'],
    ]);
    expect(events.map((event) => event.details)).toEqual([
      { from: BUYER, fromName: 'Bea Buyer', senderRole: 'to', firstLines: 'Yes, let us sign on Friday.' },
      { from: CFO, fromName: 'Carl Finance', senderRole: 'cc', firstLines: "I'm out next week, but yes: budget approved." },
      { from: 'dana@acme-partners.example', fromName: 'Dana', senderRole: 'other', firstLines: 'Forwarded to me: count us in.' },
    ]);
    const view = await getMailbox(server, rep);
    expect(view.watcher.status).toBe('watching');
    expect(view.watcher.lastReplyAt).not.toBeNull();
  });

  it('tells an out-of-office (with its return date) and a bounce (with the failed address) from replies', async () => {
    const cursor = await feedHead(server, rep);
    await dovecot.append(REP, frenchOutOfOffice(BUYER, REP, sentMessageId, '15/01/2027'));
    await dovecot.append(REP, postfixBounce(REP, CFO, sentMessageId));

    const { events } = await nextEvents(server, rep, cursor, 2);
    expect(events.map((event) => event.kind)).toEqual(['auto_reply', 'bounce']);
    expect(events[0]?.details).toMatchObject({ from: BUYER, senderRole: 'to', returnDate: '2027-01-15' });
    expect(events[1]?.details).toEqual({ bouncedRecipients: [CFO] });
  });

  it("records nothing for the rep's own message on the thread or for unrelated mail", async () => {
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({ from: REP, to: [BUYER], subject: 'Re: Proposal', inReplyTo: sentMessageId, body: 'Great, see you Friday.' }),
    );
    await dovecot.append(REP, replyMessage({ from: 'news@shop.example', to: [REP], subject: 'Our sale', body: 'Everything must go.' }));
    // A marker reply after them: once it is in the feed, the two before it were read too.
    await dovecot.append(
      REP,
      replyMessage({ from: BUYER, to: [REP], subject: 'Re: Proposal', inReplyTo: sentMessageId, body: 'One more thing.' }),
    );
    const { events } = await nextEvents(server, rep, cursor, 1);
    expect(events.map((event) => [event.kind, event.details?.['firstLines']])).toEqual([['reply', 'One more thing.']]);
  });
});
