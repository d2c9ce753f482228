// The watcher through what goes wrong: Glint stopped while mail arrives, Dovecot restarting, a
// mailbox renumbered (new UIDVALIDITY), a wrong password; and how it learns the Message-ID of a
// tracked email the extension could not report, from the Sent folder or Gmail's All Mail.
import { afterEach, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { pixelUrl } from '../../../src/shared/tracking-urls.ts';
import { ALL_MAIL_FOLDER, SENT_FOLDER, startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { newMessageId, replyMessage, sentCopy } from '../../support/mail-messages.ts';
import { connectMailbox, feedHead, nextEvents, untilMailbox } from '../../support/mailbox-loop.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { registerEmail } from '../server/helpers.ts';

const REP = 'rep@northwind.example';
const PASSWORD = 'correct horse';
const BUYER = 'buyer@acme.example';
/**
 * Dovecot restarts twice within a minute here, and each start is retried while it is down: the
 * default backoff (doubling up to 5 min) could then outlast the 15 s a test waits for a reply.
 */
const RECONNECT_SOON = { MAILBOX_RECONNECT_MAX_S: '2' };

const replyTo = (messageId: string, body: string): string =>
  replyMessage({ from: BUYER, to: [REP], subject: 'Re: Proposal', inReplyTo: messageId, references: [messageId], body });

describe('mailbox watcher: recovery and Message-ID learning', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function setUp(options: { allMailFolder?: boolean; rfcMessageId?: string | null } = {}): Promise<{
    dovecot: Dovecot;
    server: TestServer;
    rep: TestUser;
    token: string;
    messageId: string;
  }> {
    const dovecot = await startDovecot({ allMailFolder: options.allMailFolder ?? false });
    cleanups.push(() => dovecot.stop());
    dovecot.addUser(REP, PASSWORD);
    const server = await startServer({ keepDataDir: true, env: RECONNECT_SOON });
    cleanups.push(() => server.close());
    const rep = await server.addUser(REP);
    const token = mintEmailToken(rep.signingKey);
    const messageId = newMessageId('mail.gmail.com');
    const rfc = options.rfcMessageId === undefined ? messageId : options.rfcMessageId;
    await registerEmail(server, rep, { token, subject: 'Proposal', to: [BUYER], ...(rfc ? { rfcMessageId: rfc } : {}) });
    return { dovecot, server, rep, token, messageId };
  }

  it('finds, after a restart, the reply that arrived while Glint was stopped, and nothing twice', async () => {
    const { dovecot, server, rep, token, messageId } = await setUp();
    await connectMailbox(server, rep, dovecot, PASSWORD);
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
    let cursor = await feedHead(server, rep);
    await dovecot.append(REP, replyTo(messageId, 'First answer.'));
    ({ cursor } = await nextEvents(server, rep, cursor, 1));

    await server.close();
    await dovecot.append(REP, replyTo(messageId, 'Written while you were away.'));
    const restarted = await startServer({ dataDir: server.dataDir, env: RECONNECT_SOON });
    cleanups.push(() => restarted.close());
    await dovecot.append(REP, replyTo(messageId, 'And after.'));

    const { events } = await nextEvents(restarted, rep, cursor, 2);
    expect(events.map((event) => [event.email.token, event.details?.['firstLines']])).toEqual([
      [token, 'Written while you were away.'],
      [token, 'And after.'],
    ]);
  });

  it('connects again after the mail server restarts, and reads a renumbered mailbox without repeats', async () => {
    const { dovecot, server, rep, messageId } = await setUp();
    await connectMailbox(server, rep, dovecot, PASSWORD);
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
    let cursor = await feedHead(server, rep);
    await dovecot.append(REP, replyTo(messageId, 'Before the restart.'));
    ({ cursor } = await nextEvents(server, rep, cursor, 1));

    await dovecot.restart();
    await dovecot.append(REP, replyTo(messageId, 'After the restart.'));
    let events;
    ({ events, cursor } = await nextEvents(server, rep, cursor, 1));
    expect(events.map((event) => event.details?.['firstLines'])).toEqual(['After the restart.']);

    // Renumbered: every UID changes. The old replies are read again but recorded once.
    await dovecot.renumber(REP);
    await dovecot.append(REP, replyTo(messageId, 'After the renumbering.'));
    ({ events, cursor } = await nextEvents(server, rep, cursor, 1));
    expect(events.map((event) => event.details?.['firstLines'])).toEqual(['After the renumbering.']);
    await dovecot.append(REP, replyTo(messageId, 'Last one.'));
    ({ events } = await nextEvents(server, rep, cursor, 1));
    expect(events.map((event) => event.details?.['firstLines'])).toEqual(['Last one.']);
  });

  it('pauses a mailbox whose password is refused, says why, and watches again once it is fixed', async () => {
    const { dovecot, server, rep, messageId } = await setUp();
    await connectMailbox(server, rep, dovecot, 'not the password');
    const paused = await untilMailbox(server, rep, (view) => view.watcher.status === 'paused');
    expect(paused.watcher.pausedReason).toMatch(/refused the username or password for rep@northwind\.example/);
    expect(paused.watcher.pausedReason).toMatch(/paused until the mailbox settings change/);

    await connectMailbox(server, rep, dovecot, PASSWORD);
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching' && view.watcher.pausedReason === null);
    const cursor = await feedHead(server, rep);
    await dovecot.append(REP, replyTo(messageId, 'Now you see me.'));
    expect((await nextEvents(server, rep, cursor, 1)).events[0]?.kind).toBe('reply');
  });

  it('learns the Message-ID from the Sent folder, so a reply with bare headers still matches', async () => {
    const { dovecot, server, rep, token, messageId } = await setUp({ rfcMessageId: null });
    await connectMailbox(server, rep, dovecot, PASSWORD);
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
    const cursor = await feedHead(server, rep);
    await dovecot.append(REP, sentCopy(REP, BUYER, 'Proposal', messageId, pixelUrl(server.baseUrl, token)), SENT_FOLDER);
    // No quote, no pixel: only In-Reply-To names the tracked email.
    await dovecot.append(REP, replyTo(messageId, 'Sounds good.'));
    const { events } = await nextEvents(server, rep, cursor, 1);
    expect(events.map((event) => [event.kind, event.email.token])).toEqual([['reply', token]]);
  });

  it('on a Gmail layout watches All Mail, where sent copies teach the Message-ID, even mail that came before connecting', async () => {
    const { dovecot, server, rep, token, messageId } = await setUp({ allMailFolder: true, rfcMessageId: null });
    await dovecot.append(REP, sentCopy(REP, BUYER, 'Proposal', messageId, pixelUrl(server.baseUrl, token)), ALL_MAIL_FOLDER);
    await dovecot.append(REP, replyTo(messageId, 'Archived by a filter, still a reply.'), ALL_MAIL_FOLDER);
    const cursor = await feedHead(server, rep);
    await connectMailbox(server, rep, dovecot, PASSWORD);
    const { events } = await nextEvents(server, rep, cursor, 1);
    expect(events.map((event) => [event.kind, event.email.token, event.details?.['firstLines']])).toEqual([
      ['reply', token, 'Archived by a filter, still a reply.'],
    ]);
  });
});
