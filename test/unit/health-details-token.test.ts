// HEALTH_DETAILS_TOKEN: read with zod at start (a weak or unsendable token is refused in a
// sentence), and compared in constant time whatever the length of what a client sends.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { healthTokenMatches } from '../../src/server/http/health-token.ts';

const TOKEN = 'a'.repeat(20) + 'bcdefgh';

describe('HEALTH_DETAILS_TOKEN', () => {
  it('is off unless set, and kept as given', () => {
    expect(loadConfig({}).healthDetailsToken).toBeUndefined();
    expect(loadConfig({ HEALTH_DETAILS_TOKEN: '' }).healthDetailsToken).toBeUndefined();
    expect(loadConfig({ HEALTH_DETAILS_TOKEN: TOKEN }).healthDetailsToken).toBe(TOKEN);
  });

  it('refuses a short token or one that cannot travel in a header, naming the variable', () => {
    expect(() => loadConfig({ HEALTH_DETAILS_TOKEN: 'secret' })).toThrow(/HEALTH_DETAILS_TOKEN: must be at least 24 characters/);
    expect(() => loadConfig({ HEALTH_DETAILS_TOKEN: `${TOKEN} x` })).toThrow(/HEALTH_DETAILS_TOKEN: must be printable ASCII/);
  });

  it('matches the exact token only', () => {
    expect(healthTokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(healthTokenMatches(null, TOKEN)).toBe(false);
    expect(healthTokenMatches('', TOKEN)).toBe(false);
    expect(healthTokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(healthTokenMatches(`${TOKEN}x`, TOKEN)).toBe(false);
    expect(healthTokenMatches(TOKEN.toUpperCase(), TOKEN)).toBe(false);
  });
});
