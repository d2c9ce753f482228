// The options page's list of emails that went out untracked: newest first, the reason in the
// rep's words (one sentence per reason, in en/fr/nl), that the email was sent untracked, hostile
// subjects as plain text, an empty state without a Clear button.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { SendFailure } from '../../src/extension/data/send-failures.ts';
import { failureReasonText, newestFirst } from '../../src/extension/options/failure-words.ts';
import { SendFailuresView } from '../../src/extension/options/failures-section.tsx';
import { SEND_FAILURE_REASONS } from '../../src/shared/messages.ts';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

/** The visible text of rendered markup, one entry per list item. */
function itemsText(html: string): string[] {
  const items = [...html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((match) => match[1] ?? '');
  const decode = (text: string): string =>
    text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&');
  return items.map((item) =>
    decode(
      item
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

/** The local time as the page shows it (the test machine's time zone). */
const when = (at: string, lang = 'en'): string =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)).replace(/\s+/g, ' ');

const older: SendFailure = {
  at: '2025-03-10T09:15:00.000Z',
  reason: 'signed-out',
  detail: 'Not signed in to Glint',
  subject: 'Pricing for Q2',
};
const newer: SendFailure = {
  at: '2025-03-11T14:30:00.000Z',
  reason: 'rejected',
  detail: 'email token already registered by another user',
  subject: '',
};

describe('send failures on the options page', () => {
  it('lists failures newest first with when, subject, what happened and that the email went out untracked', () => {
    speak('en');
    const html = renderToStaticMarkup(<SendFailuresView failures={[older, newer]} language="en" onClear={() => undefined} />);
    expect(html).toContain('Emails sent without tracking');
    expect(when(newer.at)).toMatch(/^Mar 1[01], 2025, \d+:\d\d [AP]M$/);
    expect(itemsText(html)).toEqual([
      `${when(newer.at)} (no subject) The Glint server refused to track this email. It was sent without tracking: opens and clicks on it are not recorded. Details: email token already registered by another user`,
      `${when(older.at)} Pricing for Q2 You were not signed in to Glint. Sign in above to track your next emails. It was sent without tracking: opens and clicks on it are not recorded. Details: Not signed in to Glint`,
    ]);
    expect(html).toContain('<time dateTime="2025-03-11T14:30:00.000Z">');
    expect(html).toMatch(/<button[^>]*>Clear<\/button>/);
  });

  it('leaves the subject out when it is unknown', () => {
    speak('en');
    const html = renderToStaticMarkup(
      <SendFailuresView failures={[{ at: older.at, reason: 'no-context', detail: '' }]} language="en" onClear={() => undefined} />,
    );
    expect(itemsText(html)).toEqual([
      `${when(older.at)} Glint had not finished loading in Gmail when you sent it. Reload Gmail if this keeps happening. It was sent without tracking: opens and clicks on it are not recorded.`,
    ]);
    expect(html).not.toContain('failure__subject');
  });

  it('says so when nothing failed, with nothing to clear', () => {
    speak('en');
    const html = renderToStaticMarkup(<SendFailuresView failures={[]} language="en" onClear={() => undefined} />);
    expect(html).toContain('Nothing to report: no email had to go out without tracking.');
    expect(html).not.toContain('<ul');
    expect(html).not.toContain('<button');
  });

  it('renders a hostile subject and detail as text', () => {
    speak('en');
    const hostile: SendFailure = {
      at: newer.at,
      reason: 'instrument-error',
      detail: '<script>alert(1)</script>',
      subject: '<img src=x onerror="alert(1)">',
    };
    const html = renderToStaticMarkup(<SendFailuresView failures={[hostile]} language="en" onClear={() => undefined} />);
    expect(html).not.toMatch(/<img|<script/i);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(itemsText(html)[0]).toContain('<img src=x onerror="alert(1)"> Glint could not add tracking to this email.');
    expect(itemsText(html)[0]).toContain('Details: <script>alert(1)</script>');
  });

  it('keeps stored order for equal times and puts unreadable dates last', () => {
    const a: SendFailure = { at: 'garbage', reason: 'rejected', detail: 'a' };
    const b: SendFailure = { at: older.at, reason: 'rejected', detail: 'b' };
    const c: SendFailure = { at: older.at, reason: 'rejected', detail: 'c' };
    expect(newestFirst([a, b, newer, c]).map((failure) => failure.detail)).toEqual([newer.detail, 'b', 'c', 'a']);
  });

  it.each(['en', 'fr', 'nl'])('has one distinct sentence per reason in %s', (lang) => {
    speak(lang);
    const sentences = SEND_FAILURE_REASONS.map((reason) => failureReasonText(reason));
    for (const sentence of sentences) expect(sentence).not.toMatch(/^options_/);
    expect(new Set(sentences).size).toBe(SEND_FAILURE_REASONS.length);
  });

  it('speaks French', () => {
    speak('fr');
    const html = renderToStaticMarkup(<SendFailuresView failures={[newer]} language="fr" onClear={() => undefined} />);
    expect(html).toContain('E-mails envoyés sans suivi');
    expect(itemsText(html)[0]).toContain('(sans objet) Le serveur Glint a refusé de suivre cet e-mail. Il a été envoyé sans suivi');
    expect(html).toMatch(/<button[^>]*>Effacer<\/button>/);
  });
});
