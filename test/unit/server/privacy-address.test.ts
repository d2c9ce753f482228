// Whole-address matching for `glint privacy forget`, and the retention argument of
// `glint team set-retention`.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/server/cli/cli-errors.ts';
import { parseRetention } from '../../../src/server/cli/team-retention-command.ts';
import { mentionsAddress, withoutAddress } from '../../../src/server/store/rows/privacy.ts';

describe('mentionsAddress', () => {
  it('finds the whole address in any case, inside JSON, names and URLs', () => {
    for (const text of [
      'bo@acme.example',
      '{"from":"BO@Acme.Example","senderRole":"to"}',
      'Bo <bo@acme.example>',
      'https://example.com/?email=bo@acme.example&x=1',
      'bo@acme.example.',
    ]) {
      expect(mentionsAddress(text, 'bo@acme.example'), text).toBe(true);
    }
  });

  it('leaves longer addresses that contain it alone', () => {
    for (const text of ['jimbo@acme.example', 'bo@acme.example.org', 'bo@acme.examples', 'x.bo@acme.example', null]) {
      expect(mentionsAddress(text, 'bo@acme.example'), String(text)).toBe(false);
    }
  });

  it('removes only the entries naming it from a recipient list', () => {
    expect(withoutAddress(['Bo <BO@acme.example>', 'jimbo@acme.example', 'bo@acme.example'], 'bo@acme.example')).toEqual([
      'jimbo@acme.example',
    ]);
  });
});

describe('parseRetention', () => {
  it('reads days from 1 to 3650, or off', () => {
    expect(parseRetention('1')).toBe(1);
    expect(parseRetention('3650')).toBe(3650);
    expect(parseRetention('OFF')).toBeNull();
    for (const text of ['0', '3651', '-5', '1.5', '30d', '']) expect(() => parseRetention(text), text).toThrow(UsageError);
  });
});
