// Return dates of out-of-office texts in the four languages and their usual formats, and the
// auto-reply signals, on plain ParsedMessage values (no parsing).
import { describe, expect, it } from 'vitest';
import { classifyMessage } from '../../src/server/mail/classify-message.ts';
import { localDay, returnDateIn } from '../../src/server/mail/classify-return-date.ts';
import type { ParsedMessage, TrackedEmail } from '../../src/server/mail/message-types.ts';

const MARCH_2 = new Date(Date.UTC(2027, 2, 2));

describe('returnDateIn', () => {
  it.each([
    ['I will be back on 12 March.', '2027-03-12'],
    ['Back on March 12th, 2027.', '2027-03-12'],
    ['I am returning on Monday 15 March', '2027-03-15'],
    ['Back in the office on 2027-03-12', '2027-03-12'],
    ['I am out of the office until 03/25 with no access to email.', '2027-03-25'],
    ['Je serai de retour le 12/03.', '2027-03-12'],
    ['Absente, de retour le lundi 1er mars 2027.', '2027-03-01'],
    ["Je suis absent jusqu'au 12 mars inclus.", '2027-03-13'],
    ['Ik ben terug op 12 maart.', '2027-03-12'],
    ['Afwezig t/m 11-03-2027.', '2027-03-12'],
    ['Vanaf 12 mrt ben ik weer bereikbaar.', '2027-03-12'],
    ['Ab dem 12.03.2027 bin ich wieder erreichbar.', '2027-03-12'],
    ['Ich bin ab 12. März wieder im Büro.', '2027-03-12'],
    ['Ich bin bis zum 11.03. nicht im Büro.', '2027-03-11'],
    ["I'm away until Friday, March 5th inclusive.", '2027-03-06'],
    ['Ich bin am 12.03. zurück.', '2027-03-12'],
    ['Ab Montag, 15.03. bin ich wieder im Büro.', '2027-03-15'],
    ['Ik ben op 12 maart weer terug.', '2027-03-12'],
    ['I am out of the office until 3/11 and back on 3/12.', '2027-03-12'],
    ['De retour le 3/12.', '2027-12-03'],
    ['Ik ben terug op 3-12.', '2027-12-03'],
  ])('%s -> %s', (text, expected) => {
    expect(returnDateIn(text, MARCH_2)).toBe(expected);
  });

  it('reads an ambiguous English 3/12 as the one of its dates that comes first after the message', () => {
    expect(returnDateIn('Back on 3/12.', new Date(Date.UTC(2027, 10, 20)))).toBe('2027-12-03');
    expect(returnDateIn('Back on 3/12/2027.', new Date(Date.UTC(2027, 2, 1)))).toBe('2027-03-12');
    expect(returnDateIn('Back on 3/12/2027.', new Date(Date.UTC(2027, 5, 1)))).toBe('2027-12-03');
  });

  it('resolves a date without a year to the next one on or after the message', () => {
    expect(returnDateIn('back on 5 January', new Date(Date.UTC(2026, 11, 20)))).toBe('2027-01-05');
    expect(returnDateIn('back on 5 January', null)).toBeNull();
    expect(returnDateIn('back on 5 January 2027', null)).toBe('2027-01-05');
  });

  it('gives null when no date follows a return phrase', () => {
    expect(returnDateIn("I'm out of the office Friday. Back soon.", MARCH_2)).toBeNull();
    expect(returnDateIn('The meeting on 12 March is confirmed.', MARCH_2)).toBeNull();
  });

  it("uses the message's own day in its time zone", () => {
    const late = new Date('2027-03-02T23:30:00Z');
    expect(localDay(late, 'Tue, 2 Mar 2027 23:30:00 +0000').toISOString()).toBe('2027-03-02T00:00:00.000Z');
    expect(localDay(late, 'Wed, 3 Mar 2027 00:30:00 +0100').toISOString()).toBe('2027-03-03T00:00:00.000Z');
  });
});

const TRACKED: TrackedEmail = {
  token: 'em_Qx7aP2mLw9Rt4Kd8Vb3nZ1',
  messageId: '<sent-1@northwind.example>',
  from: 'rep@northwind.example',
  to: ['Buyer@Acme.example'],
  cc: ['cfo@acme.example'],
  subject: 'Proposal',
  sentAt: new Date('2027-03-02T09:00:00Z'),
};

function message(overrides: Partial<ParsedMessage>): ParsedMessage {
  return {
    messageId: 'answer@acme.example',
    inReplyTo: ['sent-1@northwind.example'],
    references: [],
    from: ['buyer@acme.example'],
    fromName: null,
    to: ['rep@northwind.example'],
    cc: [],
    subject: 'Re: Proposal',
    date: new Date('2027-03-02T10:00:00Z'),
    headers: {},
    contentType: 'text/plain',
    reportType: null,
    text: 'Yes, go ahead.',
    html: '',
    parts: [],
    ...overrides,
  };
}

const classify = (overrides: Partial<ParsedMessage>): ReturnType<typeof classifyMessage> =>
  classifyMessage(message(overrides), [TRACKED], ['rep@northwind.example']);

describe('auto-reply signals', () => {
  it.each([
    ['auto-submitted', 'auto-replied'],
    ['x-autoreply', 'yes'],
    ['x-autorespond', 'Out of office'],
    ['precedence', 'auto_reply'],
    ['precedence', 'junk'],
    ['x-ms-exchange-inbox-rules-loop', 'buyer@acme.example'],
  ])('%s: %s', (name, value) => {
    expect(classify({ headers: { [name]: [value] } }).kind).toBe('auto_reply');
  });

  it.each([
    ['auto-submitted', 'no'],
    ['x-auto-response-suppress', 'All'],
  ])('%s: %s is no signal', (name, value) => {
    expect(classify({ headers: { [name]: [value] } }).kind).toBe('reply');
  });

  it('Precedence: bulk on a mailing list message is no signal', () => {
    expect(classify({ headers: { precedence: ['bulk'], 'list-id': ['<team.acme.example>'] } }).kind).toBe('reply');
  });

  it.each([
    'Automatic reply: Proposal',
    'Out of Office: Proposal',
    'Réponse automatique : Proposal',
    'Automatisch antwoord: Proposal',
    'Abwesenheitsnotiz: Proposal',
  ])('subject %s', (subject) => {
    expect(classify({ subject }).kind).toBe('auto_reply');
  });

  it('compares the sender case-insensitively to find its role', () => {
    expect(classify({}).senderRole).toBe('to');
    expect(classify({ from: ['cfo@acme.example'] }).senderRole).toBe('cc');
  });
});

describe('delay words from a person', () => {
  it('a reply whose subject mentions a delay is still a reply', () => {
    expect(classify({ subject: 'Re: Proposal (delay)', text: 'No problem, we will try again next week.' }).kind).toBe('reply');
  });
});
