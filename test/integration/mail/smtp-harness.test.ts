// The harness's outgoing path: a message sent over Dovecot's submission service, signed in as the
// rep, is read back from the recipient's mailbox; a recipient the relay refuses gives the SMTP
// answer a real server would (permanent 5xx, temporary 4xx).
import { createTransport } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../../support/dovecot.ts';

describe('Dovecot submission harness', () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ submission: true });
    dovecot.addUser('rep@example.com', 'right horse');
    dovecot.addUser('buyer@example.org', 'other horse');
  });
  afterAll(async () => {
    await dovecot?.stop();
  });

  const transport = (pass: string) =>
    createTransport({
      host: dovecot.host,
      port: dovecot.submissionPort ?? 0,
      secure: false,
      ignoreTLS: true,
      auth: { user: 'rep@example.com', pass },
    });

  it('delivers a message sent by the rep to the recipient, headers intact', async () => {
    const sent = await transport('right horse').sendMail({
      from: 'rep@example.com',
      to: 'buyer@example.org',
      subject: 'Re: our offer',
      messageId: '<step-1@glint.test>',
      inReplyTo: '<first@example.com>',
      references: '<first@example.com>',
      text: 'Any news?',
    });
    expect(sent.accepted).toEqual(['buyer@example.org']);
    const inbox = await dovecot.messages('buyer@example.org');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatch(/^Message-ID: <step-1@glint\.test>/im);
    expect(inbox[0]).toMatch(/^In-Reply-To: <first@example\.com>/im);
    expect(dovecot.relay?.delivered()).toBe(1);
  });

  it('refuses a wrong password and passes on the relay refusals', async () => {
    await expect(transport('wrong').sendMail({ from: 'rep@example.com', to: 'buyer@example.org', text: 'x' })).rejects.toMatchObject({
      code: 'EAUTH',
    });
    dovecot.relay?.refuse('gone@example.org', 550, 'No such user here');
    dovecot.relay?.refuse('busy@example.org', 451, 'Try again later');
    const gone = transport('right horse').sendMail({ from: 'rep@example.com', to: 'gone@example.org', text: 'x' });
    await expect(gone).rejects.toMatchObject({ responseCode: 550 });
    const busy = transport('right horse').sendMail({ from: 'rep@example.com', to: 'busy@example.org', text: 'x' });
    await expect(busy).rejects.toMatchObject({ responseCode: 451 });
  });
});
