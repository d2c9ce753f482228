// Merge fields: values the rep entered, guesses from the address, fallbacks, and a clear block
// instead of "Hi ,".
import { describe, expect, it } from 'vitest';
import { blockedSentence, renderTemplate } from '../../src/server/campaigns/merge-fields.ts';

const values = (recipient: string, fields: Record<string, string> = {}) => ({ recipient, fields, sender: { first_name: 'Alice' } });

describe('campaign merge fields', () => {
  it('guesses first name and company from the address and fills sender fields', () => {
    expect(renderTemplate('Hi {{first_name}} at {{ company }}, {{sender.first_name}}', values('camille.martin@acme.example'))).toEqual({
      ok: true,
      text: 'Hi Camille at Acme, Alice',
    });
    expect(renderTemplate('{{company}}', values('jo@mail.globex.co.uk'))).toEqual({ ok: true, text: 'Globex' });
  });

  it('prefers what the rep entered and uses fallbacks when nothing is known', () => {
    expect(renderTemplate('Hi {{first_name|there}}', values('sales@gmail.com'))).toEqual({ ok: true, text: 'Hi there' });
    expect(renderTemplate('Hi {{first_name|there}}', values('sales@gmail.com', { first_name: 'Sam' }))).toEqual({
      ok: true,
      text: 'Hi Sam',
    });
  });

  it('blocks on a field with no value and no fallback, naming it', () => {
    const result = renderTemplate('Hi {{first_name}} from {{company}}', values('info@gmail.com'));
    expect(result).toEqual({ ok: false, missing: ['first_name', 'company'] });
    expect(blockedSentence(['first_name', 'company'])).toMatch(
      /\{\{first_name\}\}, \{\{company\}\} with no value .* \{\{first_name\|there\}\}/,
    );
  });
});
