// Which feed events become desktop notifications, what they say in each language, and where a
// click leads.
import { describe, expect, it } from 'vitest';
import {
  eventIdOfNotification,
  gmailUrlFor,
  notificationFor,
  notificationsToWithdraw,
  shouldNotify,
  type Translate,
} from '../../src/extension/background/notifications.ts';
import { DEFAULT_SETTINGS } from '../../src/extension/data/settings.ts';
import { makeFeedEvent } from '../support/feed-events.ts';
import { translator } from '../support/locale-catalogue.ts';

const prefs = DEFAULT_SETTINGS.notifications;

describe('shouldNotify', () => {
  it('notifies human opens, clicks, document views and replies', () => {
    for (const kind of ['open', 'click', 'doc_open', 'reply'] as const)
      expect(shouldNotify(makeFeedEvent({ kind }), prefs), kind).toBe(true);
  });

  it('never for repeat opens, machine or self events, or kinds switched off', () => {
    expect(shouldNotify(makeFeedEvent({ repeat: true }), prefs)).toBe(false);
    expect(shouldNotify(makeFeedEvent({ label: 'machine', reason: 'apple-mpp' }), prefs)).toBe(false);
    expect(shouldNotify(makeFeedEvent({ label: 'self', reason: 'sender-device' }), prefs)).toBe(false);
    expect(shouldNotify(makeFeedEvent({ kind: 'doc_pages' }), prefs)).toBe(false);
    expect(shouldNotify(makeFeedEvent({ kind: 'click' }), { ...prefs, clicks: false })).toBe(false);
  });
});

describe('notificationsToWithdraw', () => {
  it('takes back the notifications of events relabelled machine or self, and only those', () => {
    const sweep = makeFeedEvent({ kind: 'click', label: 'machine', reason: 'link-scanner-all-links' });
    const ownView = makeFeedEvent({ label: 'self', reason: 'sender-self-view' });
    const stillHuman = makeFeedEvent({ repeat: true });
    expect(notificationsToWithdraw([sweep, ownView, stillHuman])).toEqual([`glint-event:${sweep.id}`, `glint-event:${ownView.id}`]);
    expect(notificationsToWithdraw([sweep]).map(eventIdOfNotification)).toEqual([sweep.id]);
  });
});

describe('notificationFor', () => {
  it('says what happened to which email, in English, French and Dutch', () => {
    const event = makeFeedEvent({ email: { subject: 'Proposal for Acme', to: ['buyer@acme.example'], cc: ['cfo@acme.example'] } });
    const texts = (['en', 'fr', 'nl'] as const).map((locale) => notificationFor(event, translator(locale) as Translate));
    expect(texts.map((spec) => spec?.title)).toEqual([
      'Opened: Proposal for Acme',
      'Ouvert\u00a0: Proposal for Acme',
      'Geopend: Proposal for Acme',
    ]);
    expect(texts[0]?.message).toBe('To buyer@acme.example, cfo@acme.example');
    expect(eventIdOfNotification(texts[0]?.id ?? '')).toBe(event.id);
  });

  it('says who replied and their first words, in each language; auto-replies and bounces stay quiet', () => {
    const reply = makeFeedEvent({
      kind: 'reply',
      email: { subject: 'Proposal for Acme' },
      details: {
        from: 'cfo@acme.example',
        fromName: 'Claire Dubois',
        senderRole: 'cc',
        firstLines: 'Looks good.\n\nCan we talk Thursday?',
      },
    });
    const [en, fr] = (['en', 'fr'] as const).map((locale) => notificationFor(reply, translator(locale) as Translate));
    expect(en).toMatchObject({
      title: 'Reply received: Proposal for Acme',
      message: 'From Claire Dubois',
      contextMessage: 'Looks good. Can we talk Thursday?',
    });
    expect(fr?.message).toBe('De Claire Dubois');
    const noName = notificationFor(
      makeFeedEvent({ kind: 'reply', details: { from: 'x@acme.example', senderRole: 'other', firstLines: '' } }),
      translator('en') as Translate,
    );
    expect(noName?.message).toBe('From x@acme.example');
    expect(noName?.contextMessage).toBeUndefined();
    for (const kind of ['auto_reply', 'bounce'] as const) expect(shouldNotify(makeFeedEvent({ kind }), prefs), kind).toBe(false);
  });

  it('shows the clicked URL and stands in for a missing subject', () => {
    const spec = notificationFor(
      makeFeedEvent({ kind: 'click', url: 'https://acme.example/pricing', linkIndex: 0, email: { subject: '   ' } }),
      translator('en') as Translate,
    );
    expect(spec).toMatchObject({ title: 'Link clicked: (no subject)', contextMessage: 'https://acme.example/pricing' });
  });
});

describe('gmailUrlFor', () => {
  it("opens the thread when known, else searches the sent subject, in the rep's Gmail account", () => {
    const account = 'rep+sales@seller.example';
    const inAccount = 'https://mail.google.com/mail/?authuser=rep%2Bsales%40seller.example';
    expect(gmailUrlFor({ gmailThreadId: '18f0aa00bb11cc22', subject: 'x' }, account)).toBe(`${inAccount}#inbox/18f0aa00bb11cc22`);
    const search = gmailUrlFor({ gmailThreadId: null, subject: 'Q3 "numbers"' }, account);
    expect(search.startsWith(`${inAccount}#search/`)).toBe(true);
    expect(decodeURIComponent(search.slice(inAccount.length))).toBe('#search/in:sent subject:"Q3 numbers"');
    expect(new URL(search).searchParams.get('authuser')).toBe(account);
  });

  it('falls back to the first account when the address is unknown; hostile ids never reach the URL', () => {
    expect(gmailUrlFor({ gmailThreadId: '18f0aa00bb11cc22', subject: 'x' }, null)).toBe(
      'https://mail.google.com/mail/u/0/#inbox/18f0aa00bb11cc22',
    );
    expect(gmailUrlFor({ gmailThreadId: '../../evil', subject: '' }, null)).toBe('https://mail.google.com/mail/u/0/#sent');
    expect(gmailUrlFor({ gmailThreadId: '../../evil', subject: '' }, 'a@b.example')).toBe(
      'https://mail.google.com/mail/?authuser=a%40b.example#sent',
    );
  });
});
