// `glint feed` lines: what they say of clicks and mail events; what reaches the terminal from
// subjects, destinations and reply text is inert.
import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '../../../src/shared/api-schemas.ts';
import { formatEvent } from '../../../src/server/cli/feed-command.ts';
import { printable } from '../../../src/server/cli/printable.ts';

const click = (subject: string, url: string): FeedEvent => ({
  id: 'ev_AAAAAAAAAAAAAAAAAAAAAA',
  cursor: '7',
  kind: 'click',
  label: 'human',
  reason: 'no-machine-signal',
  at: '2026-01-02T03:04:05.000Z',
  repeat: false,
  email: {
    token: 'em_AAAAAAAAAAAAAAAAAAAAAA',
    subject,
    to: ['buyer@example.org'],
    cc: [],
    sentAt: '2026-01-02T03:00:00.000Z',
    gmailThreadId: null,
  },
  linkIndex: 0,
  url,
  userAgent: null,
  details: null,
});

describe('glint feed lines', () => {
  it('prints an ordinary click as time, kind, label, quoted subject, recipients and destination', () => {
    expect(formatEvent(click('Q3 pricing – 10% off', 'https://example.com/pricing?a=1'))).toBe(
      '2026-01-02T03:04:05.000Z  click  human  "Q3 pricing – 10% off"  to buyer@example.org  -> https://example.com/pricing?a=1',
    );
  });

  it('says until when a click is still checked for a link sweep', () => {
    const held = { ...click('Pricing', 'https://example.com/p'), checkingUntil: '2026-01-02T03:04:15.000Z' };
    expect(formatEvent(held)).toBe(
      '2026-01-02T03:04:05.000Z  click  human  "Pricing"  to buyer@example.org  -> https://example.com/p  [checking until 2026-01-02T03:04:15.000Z]',
    );
    expect(formatEvent({ ...held, checkingUntil: null })).not.toContain('checking');
  });

  it('shows terminal escapes, C1 controls and bidi overrides as \\u escapes', () => {
    const line = formatEvent(click('Hi\u001b]0;pwned\u0007 \u009b31m\u202egnp.exe', 'https://example.com/\u001b[2J\u0085x'));
    expect(line).not.toMatch(/[\p{Cc}\u202a-\u202e]/u);
    expect(line).toContain('"Hi\\u001b]0;pwned\\u0007 \\u009b31m\\u202egnp.exe"');
    expect(line).toContain('-> https://example.com/\\u001b[2J\\u0085x');
  });

  it('prints who answered and their first line, the return day of an out-of-office, and failed addresses', () => {
    const mail = (kind: FeedEvent['kind'], details: Record<string, unknown>): FeedEvent => ({
      ...click('Proposal', ''),
      kind,
      url: null,
      details,
    });
    expect(formatEvent(mail('reply', { from: 'cfo@acme.example', senderRole: 'cc', firstLines: 'Budget approved.\u001b[2J' }))).toBe(
      '2026-01-02T03:04:05.000Z  reply  human  "Proposal"  to buyer@example.org  from cfo@acme.example (CC): "Budget approved.\\u001b[2J"',
    );
    expect(formatEvent(mail('auto_reply', { from: 'camille@acme.example', senderRole: 'to', returnDate: '2026-12-15' }))).toMatch(
      /auto_reply .* from camille@acme\.example \(recipient\), back 2026-12-15$/,
    );
    expect(formatEvent(mail('bounce', { bouncedRecipients: ['gone@acme.example'] }))).toMatch(/bounce .* failed: gone@acme\.example$/);
    // Details that do not have the expected shape are left out, not printed raw.
    expect(formatEvent(mail('reply', { from: 42 }))).toBe('2026-01-02T03:04:05.000Z  reply  human  "Proposal"  to buyer@example.org');
  });

  it('leaves printable text, non-Latin scripts and emoji alone', () => {
    expect(printable('Offre spéciale 日本 🎉 שלום')).toBe('Offre spéciale 日本 🎉 שלום');
  });
});
