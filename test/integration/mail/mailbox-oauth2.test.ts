// A mailbox connected with an OAuth2 access token (XOAUTH2) instead of a password, against a
// Dovecot that checks the token with an introspection endpoint: the connection test signs in
// over IMAP and SMTP (submission),
// an expired token is refused in words, and the watcher reads replies over the token's sign-in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintEmailToken } from '../../../src/shared/email-tokens.ts';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';
import { newMessageId, replyMessage } from '../../support/mail-messages.ts';
import { feedHead, nextEvents, untilMailbox } from '../../support/mailbox-loop.ts';
import { startServer, type TestServer, type TestUser } from '../../support/start-server.ts';
import { registerEmail } from '../server/helpers.ts';

const REP = 'rep@northwind.example';
const TOKEN = 'ya29.a0AfH6SMB-valid-access-token';

describe('mailbox over OAuth2 (XOAUTH2)', () => {
  let dovecot: Dovecot;
  let server: TestServer;
  let rep: TestUser;

  beforeAll(async () => {
    dovecot = await startDovecot({ oauth2: true, submission: true });
    dovecot.addUser(REP, 'a password the rep does not use here');
    dovecot.addAccessToken(REP, TOKEN);
    server = await startServer();
    rep = await server.addUser(REP);
  });
  afterAll(async () => {
    await server?.close();
    await dovecot?.stop();
  });

  const settings = (accessToken: string): Record<string, unknown> => ({
    imap: { host: dovecot.host, port: dovecot.port, tls: 'none' },
    smtp: { host: dovecot.host, port: dovecot.submissionPort, tls: 'none' },
    username: REP,
    auth: { method: 'oauth2', accessToken },
  });
  const call = async (method: string, path: string, body: unknown): Promise<Record<string, unknown>> =>
    (await (await fetch(`${server.baseUrl}${path}`, { method, headers: rep.headers, body: JSON.stringify(body) })).json()) as Record<
      string,
      unknown
    >;

  it('signs in with a valid token and says in words when a token is refused', async () => {
    expect(await call('POST', '/api/v1/mailbox/test', { settings: settings(TOKEN) })).toMatchObject({
      ok: true,
      imap: { ok: true },
      smtp: { ok: true },
    });
    expect(await call('POST', '/api/v1/mailbox/test', { settings: settings('ya29.expired') })).toMatchObject({
      ok: false,
      failure: 'wrong-credentials',
      imap: {
        message: expect.stringMatching(/refused the access token for rep@northwind\.example: it may have expired or lack the IMAP scope/),
      },
      smtp: {
        failure: 'wrong-credentials',
        message: expect.stringMatching(/refused the access token for rep@northwind\.example: it may have expired or lack the SMTP scope/),
      },
    });
  });

  it('watches the mailbox with the token and sees a reply', async () => {
    const messageId = newMessageId('mail.gmail.com');
    const token = mintEmailToken(rep.signingKey);
    await registerEmail(server, rep, { token, subject: 'Proposal', to: ['buyer@acme.example'], rfcMessageId: messageId });
    await call('PUT', '/api/v1/mailbox', settings(TOKEN));
    await untilMailbox(server, rep, (view) => view.watcher.status === 'watching');
    const cursor = await feedHead(server, rep);
    await dovecot.append(
      REP,
      replyMessage({ from: 'buyer@acme.example', to: [REP], subject: 'Re: Proposal', inReplyTo: messageId, body: 'Yes.' }),
    );
    const { events } = await nextEvents(server, rep, cursor, 1);
    expect(events.map((event) => [event.kind, event.email.token])).toEqual([['reply', token]]);
  });
});
