// What the popup shows for the rep's filters and the machine switch (pure logic), and how one
// email row and one document visit render as HTML (react-dom/server, real catalogues).
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailRow as EmailData, StoredFeedEvent } from '../../src/extension/data/feed-db.ts';
import { EmailRow } from '../../src/extension/popup/email-row.tsx';
import { EventRow } from '../../src/extension/popup/event-row.tsx';
import { isEmailVisible, isEventVisible, type FeedFilter, type FeedView } from '../../src/extension/popup/feed-filters.ts';
import { buildFeedRows } from '../../src/extension/popup/feed-rows.ts';
import { EVENT_KINDS } from '../../src/shared/event-model.ts';
import { makeEmail, makeFeedEvent, type FeedEventOverrides } from '../support/feed-events.ts';
import { installI18n } from '../support/popup-i18n.ts';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installI18n('en');
});
afterAll(() => uninstall());

const view = (filters: FeedFilter[] = [], showMachine = false): FeedView => ({ filters: new Set(filters), showMachine });

function stored(overrides: FeedEventOverrides = {}): StoredFeedEvent {
  const event = makeFeedEvent(overrides);
  return { ...event, emailToken: event.email.token, read: 1 };
}

function emailRow(overrides: Partial<EmailData> = {}): EmailData {
  const email = makeEmail();
  const counts = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as EmailData['counts'];
  return { ...email, lastActivityAt: email.sentAt, lastEventAt: email.sentAt, counts, unreadCount: 0, machineCount: 0, ...overrides };
}

describe('which events show', () => {
  const human = stored();
  const machine = stored({ label: 'machine', reason: 'apple-mpp' });
  const self = stored({ label: 'self', reason: 'sender-device' });
  const click = stored({ kind: 'click', url: 'https://acme.example/', linkIndex: 0 });

  it('never shows self events, not even with machine activity on', () => {
    expect(isEventVisible(self, view())).toBe(false);
    expect(isEventVisible(self, view([], true))).toBe(false);
    expect(isEventVisible(self, view(['opens'], true))).toBe(false);
  });

  it('shows machine events only with the switch on', () => {
    expect(isEventVisible(machine, view())).toBe(false);
    expect(isEventVisible(machine, view([], true))).toBe(true);
    expect(isEventVisible(human, view())).toBe(true);
  });

  it('filters by kind; several filters add up', () => {
    expect(isEventVisible(click, view(['opens']))).toBe(false);
    expect(isEventVisible(click, view(['clicks']))).toBe(true);
    expect(isEventVisible(human, view(['opens', 'clicks']))).toBe(true);
    expect(isEventVisible(stored({ kind: 'doc_pages' }), view(['documents']))).toBe(true);
    expect(isEventVisible(stored({ kind: 'reply' }), view(['replies']))).toBe(true);
  });
});

describe('which emails show', () => {
  const opened = emailRow({ counts: { ...emailRow().counts, open: 2 } });
  const machineOnly = emailRow({ machineCount: 3 });
  const selfOnly = emailRow();

  it('hides emails with nothing but machine or self activity until the switch is on', () => {
    expect(isEmailVisible(opened, view(), new Set())).toBe(true);
    expect(isEmailVisible(machineOnly, view(), new Set())).toBe(false);
    expect(isEmailVisible(machineOnly, view([], true), new Set())).toBe(true);
    expect(isEmailVisible(selfOnly, view([], true), new Set())).toBe(false);
  });

  it('keeps an email for a filter when it has human events of that kind, or machine ones when shown', () => {
    expect(isEmailVisible(opened, view(['clicks']), new Set())).toBe(false);
    expect(isEmailVisible(opened, view(['opens']), new Set())).toBe(true);
    expect(isEmailVisible(machineOnly, view(['clicks'], true), new Set())).toBe(false);
    expect(isEmailVisible(machineOnly, view(['clicks'], true), new Set([machineOnly.token]))).toBe(true);
  });

  it('puts the events of an expanded email right under it, without self events', () => {
    const a = emailRow();
    const b = emailRow();
    const events = [stored({ email: a }), stored({ email: a, label: 'self', reason: 'sender-device' })];
    const rows = buildFeedRows([a, b], new Set([a.token]), new Map([[a.token, events]]), view());
    expect(rows.map((row) => row.type)).toEqual(['email', 'event', 'email']);
    const onlyClicks = buildFeedRows([a], new Set([a.token]), new Map([[a.token, events]]), view(['clicks']));
    expect(onlyClicks.map((row) => row.type)).toEqual(['email', 'no-events']);
  });
});

describe('rendering', () => {
  it('shows a hostile subject, recipients and counts as text, never as markup', () => {
    const email = emailRow({
      subject: '<img src=x onerror=alert(1)>',
      to: ['"<script>x</script>"@evil.example'],
      counts: { ...emailRow().counts, open: 3, click: 1, doc_open: 2, reply: 1 },
      unreadCount: 2,
    });
    const html = renderToStaticMarkup(
      <EmailRow email={email} view={view()} expanded={false} onToggle={() => {}} onOpenThread={() => {}} />,
    );
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('3 opens');
    expect(html).toContain('1 click');
    expect(html).toContain('2 doc views');
    expect(html).toContain('1 reply');
    expect(html).toContain('2 new');
    expect(html).toContain('aria-label="Open in Gmail"');
  });

  it('explains a machine event in words and dims it', () => {
    const html = renderToStaticMarkup(<EventRow event={stored({ label: 'machine', reason: 'apple-mpp' })} />);
    expect(html).toContain('Machine: Apple Mail Privacy Protection prefetch');
    expect(html).toContain('event--machine');
  });

  it('names the network of a datacenter-network event beside its reason', () => {
    const event = stored({ label: 'machine', reason: 'datacenter-network', details: { network: 'AWS' } });
    const html = renderToStaticMarkup(<EventRow event={event} />);
    expect(html).toContain('Machine: cloud or hosting network (AWS)');
  });

  it('draws one bar per page, the longest full width, with a hostile file name as text', () => {
    const event = stored({
      kind: 'doc_pages',
      details: {
        documentName: '<b onmouseover=x>.pdf',
        pages: [
          { page: 2, seconds: 10 },
          { page: 1, seconds: 40 },
        ],
        totalSeconds: 50,
      },
    });
    const html = renderToStaticMarkup(<EventRow event={event} />);
    expect(html).toContain('Time per page: &lt;b onmouseover=x&gt;.pdf');
    expect(html.indexOf('Page 1')).toBeLessThan(html.indexOf('Page 2'));
    expect(html).toContain('width:100%');
    expect(html).toContain('width:25%');
    expect(html).toContain('Total 50 sec');
  });

  it('shows who replied, from where on the thread, and the first lines, as text', () => {
    const event = stored({
      kind: 'reply',
      details: { from: 'cfo@acme.example', fromName: '<b>Claire</b>', senderRole: 'cc', firstLines: 'Yes, <i>let us</i> talk.' },
    });
    const html = renderToStaticMarkup(<EventRow event={event} />);
    expect(html).toContain('Replied');
    expect(html).toContain('From &lt;b&gt;Claire&lt;/b&gt; &lt;cfo@acme.example&gt;');
    expect(html).toContain('CC&#x27;d');
    expect(html).toContain('<blockquote class="event__quote">Yes, &lt;i&gt;let us&lt;/i&gt; talk.</blockquote>');
    expect(html).not.toContain('<b>');
  });

  it('shows the day an absent person is back, in the rep language, and where a bounce failed', () => {
    const away = stored({ kind: 'auto_reply', details: { from: 'buyer@acme.example', senderRole: 'to', returnDate: '2027-03-12' } });
    expect(renderToStaticMarkup(<EventRow event={away} />)).toContain('Back on Mar 12, 2027');
    const noDate = stored({ kind: 'auto_reply', details: { from: 'buyer@acme.example', senderRole: 'to', returnDate: null } });
    expect(renderToStaticMarkup(<EventRow event={noDate} />)).not.toContain('Back on');
    const bounce = stored({ kind: 'bounce', details: { bouncedRecipients: ['gone@acme.example', 'old@acme.example'] } });
    expect(renderToStaticMarkup(<EventRow event={bounce} />)).toContain('Not delivered to gone@acme.example, old@acme.example');
    const malformed = stored({ kind: 'reply', details: { from: 42 } });
    expect(renderToStaticMarkup(<EventRow event={malformed} />)).not.toContain('event__quote');
  });

  it('ignores malformed document details instead of trusting them', () => {
    const html = renderToStaticMarkup(<EventRow event={stored({ kind: 'doc_pages', details: { pages: 'nope' } })} />);
    expect(html).toContain('Read a document');
    expect(html).not.toContain('page-bars');
  });
});
