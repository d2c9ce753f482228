// The Dovecot harness itself: a user signs in, a message APPENDed by another client is there, and
// the TLS variant serves its own certificate.
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';

const MESSAGE =
  'From: buyer@example.org\r\nTo: rep@example.com\r\nSubject: Re: our offer\r\nMessage-ID: <r1@example.org>\r\n\r\nYes, let us talk.\r\n';

async function subjectsIn(dovecot: Dovecot, secure: boolean): Promise<string[]> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure,
    ...(dovecot.certificate ? { tls: { ca: dovecot.certificate } } : {}),
    auth: { user: 'rep@example.com', pass: 'right horse' },
    logger: false,
  });
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    const subjects: string[] = [];
    for await (const message of client.fetch('1:*', { envelope: true })) subjects.push(message.envelope?.subject ?? '');
    return subjects;
  } finally {
    await client.logout();
  }
}

describe.each([
  { name: 'plain', tls: false },
  { name: 'TLS', tls: true },
])('Dovecot harness ($name)', ({ tls }) => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ tls });
    dovecot.addUser('rep@example.com', 'right horse');
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  it('keeps what another client appends', async () => {
    await dovecot.append('rep@example.com', MESSAGE);
    expect(await subjectsIn(dovecot, tls)).toEqual(['Re: our offer']);
    expect(dovecot.certificate === null).toBe(!tls);
    expect(dovecot.starttlsPort === null).toBe(!tls);
  });
});
