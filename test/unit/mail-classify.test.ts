// The message classifier on hand-written messages (test/fixtures/mail/): each file parsed with
// parseMessage() and classified against the tracked emails of sent.jsonl, as the watcher and
// `glint mail classify` do.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyMessage, type TrackedEmail } from '../../src/server/mail/classify-message.ts';
import { parseMessage } from '../../src/server/mail/message-parse.ts';

const fixture = (name: string): URL => new URL(`../fixtures/mail/${name}`, import.meta.url);

const TRACKED: TrackedEmail[] = readFileSync(fixture('sent.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => {
    const row = JSON.parse(line) as Omit<TrackedEmail, 'sentAt'> & { sentAt: string };
    return { ...row, sentAt: new Date(row.sentAt) };
  });
const OWN = ['rep@northwind.example'];
const ACME = 'em_Qx7aP2mLw9Rt4Kd8Vb3nZ1';
const GLOBEX = 'em_Hn4sT8uJk2Lq6Wc0Ye5rXa';
const CLIENT = 'em_Fr5cL9pQ2wE7tY1uI3oP8s';

async function classifyFile(name: string): Promise<ReturnType<typeof classifyMessage>> {
  return classifyMessage(await parseMessage(readFileSync(fixture(name))), TRACKED, OWN);
}

describe('replies', () => {
  it('from the To recipient, matched by In-Reply-To, quoted text stripped', async () => {
    expect(await classifyFile('reply-from-to.eml')).toEqual({
      kind: 'reply',
      token: ACME,
      returnDate: null,
      bouncedRecipients: [],
      senderRole: 'to',
      firstLines: 'Thanks, this looks good. Can we talk on Thursday at 10 to go through the pricing? Bea',
    });
  });

  it('from a CC recipient, matched by References, Outlook header block and sign-off stripped', async () => {
    const result = await classifyFile('reply-from-cc.eml');
    expect(result).toMatchObject({ kind: 'reply', token: ACME, senderRole: 'cc' });
    expect(result.firstLines).toBe('Hi, Budget is approved on our side. Please send the contract to me directly.');
  });

  it('from a third address (a colleague), French attribution stripped', async () => {
    const result = await classifyFile('reply-from-third-address.eml');
    expect(result).toMatchObject({ kind: 'reply', token: ACME, senderRole: 'other' });
    expect(result.firstLines).toBe(
      "Bonjour, Bea m'a transféré votre proposition : je m'occupe des achats. Pouvez-vous me faire parvenir les conditions de paiement ?",
    );
    expect(result.firstLines).not.toContain('Please find');
  });

  it('with the headers stripped, by the pixel URL in the quoted copy', async () => {
    const result = await classifyFile('reply-stripped-headers-pixel.eml');
    expect(result).toMatchObject({ kind: 'reply', token: GLOBEX, senderRole: 'other' });
    expect(result.firstLines).toMatch(/^Writing from my own address: yes, we want to start the pilot in April\./);
  });

  it('"I\'m out next week, but yes" is a person replying, not an auto-reply', async () => {
    const result = await classifyFile('human-out-next-week.eml');
    expect(result).toMatchObject({ kind: 'reply', token: ACME, senderRole: 'to', returnDate: null });
    expect(result.firstLines).toBe("I'm out next week, but yes: send the contract and I'll sign it when I'm back.");
  });
});

describe('auto-replies with their return dates', () => {
  it('English, Exchange headers', async () => {
    expect(await classifyFile('ooo-en.eml')).toMatchObject({ kind: 'auto_reply', token: ACME, returnDate: '2027-03-12', senderRole: 'to' });
  });

  it('French, a date without a year resolves to the next one after the message', async () => {
    expect(await classifyFile('ooo-fr.eml')).toMatchObject({ kind: 'auto_reply', token: CLIENT, returnDate: '2027-01-05' });
  });

  it('Dutch, "terug op" wins over "tot en met"', async () => {
    expect(await classifyFile('ooo-nl.eml')).toMatchObject({
      kind: 'auto_reply',
      token: ACME,
      returnDate: '2027-03-12',
      senderRole: 'other',
    });
  });

  it('German, recognised by its subject alone (X-Auto-Response-Suppress is no signal)', async () => {
    expect(await classifyFile('ooo-de.eml')).toMatchObject({ kind: 'auto_reply', token: ACME, returnDate: '2027-03-12' });
  });

  it('a ticket system acknowledgement', async () => {
    expect(await classifyFile('ticket-acknowledgement.eml')).toMatchObject({ kind: 'auto_reply', token: GLOBEX, returnDate: null });
  });
});

describe('bounces', () => {
  it('a DSN: only the failed recipient, matched by the returned message', async () => {
    expect(await classifyFile('dsn-failed.eml')).toEqual({
      kind: 'bounce',
      token: ACME,
      returnDate: null,
      bouncedRecipients: ['cfo@acme.example'],
      senderRole: null,
      firstLines: null,
    });
  });

  it('a DSN delay notice is not a bounce', async () => {
    expect(await classifyFile('dsn-delayed.eml')).toMatchObject({ kind: 'other', bouncedRecipients: [] });
  });

  it('an Exim failure notice, matched by the Message-ID of the copy in its text', async () => {
    expect(await classifyFile('exim-bounce.eml')).toMatchObject({
      kind: 'bounce',
      token: GLOBEX,
      bouncedRecipients: ['anna@globex.example'],
    });
  });

  it('a qmail failure notice, matched by the pixel in the returned copy', async () => {
    expect(await classifyFile('qmail-bounce.eml')).toMatchObject({
      kind: 'bounce',
      token: GLOBEX,
      bouncedRecipients: ['anna@globex.example'],
    });
  });
});

describe('other', () => {
  it('a read receipt', async () => {
    expect(await classifyFile('read-receipt.eml')).toMatchObject({ kind: 'other', token: null });
  });

  it("the rep's own message on the thread", async () => {
    expect(await classifyFile('own-message.eml')).toMatchObject({ kind: 'other', token: null });
  });

  it('one Message-ID on two tracked emails: the newest is answered, in either order', async () => {
    const message = await parseMessage(readFileSync(fixture('reply-from-to.eml')));
    const acme = TRACKED.find((email) => email.token === ACME);
    if (!acme) throw new Error('sent.jsonl has no ACME email');
    const again = { ...acme, token: 'em_Zz9aP2mLw9Rt4Kd8Vb3nZ9', sentAt: new Date(acme.sentAt.getTime() + 60_000) };
    expect(classifyMessage(message, [again, acme], OWN).token).toBe(again.token);
    expect(classifyMessage(message, [acme, again], OWN).token).toBe(again.token);
  });

  it('a reply to an email that is not tracked', async () => {
    const result = classifyMessage(await parseMessage(readFileSync(fixture('reply-from-to.eml'))), [], OWN);
    expect(result.kind).toBe('other');
  });
});
