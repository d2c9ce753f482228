// How the extension reads the Glint server's error answers (one mapping for the service worker's
// requests and the picker's upload): what is retried later and what is refused for good.
import { describe, expect, it } from 'vitest';
import { httpError, isRefusal } from '../../src/extension/data/api-error.ts';

const ORIGIN = 'https://glint.example.com';
const body = (code: string, message: string): unknown => ({ error: { code, message } });

describe('httpError', () => {
  it('retries later on server trouble, timeouts and rate limits', () => {
    for (const status of [500, 503, 408, 429]) {
      const error = httpError(status, body('busy', 'Slow down'), ORIGIN);
      expect(error.code, String(status)).toBe('server-error');
      expect(isRefusal(error)).toBe(false);
    }
    expect(isRefusal(httpError(401, body('unauthorized', 'Bad token'), ORIGIN))).toBe(false);
  });

  it('tells a sign-in throttled after wrong passwords apart from server trouble', () => {
    const throttled = httpError(429, body('too_many_attempts', 'Too many failed sign-ins; try again in 42 s'), ORIGIN);
    expect(throttled).toMatchObject({ code: 'too-many-attempts', status: 429 });
    expect(isRefusal(throttled)).toBe(false);
  });

  it('refuses for good a request the server rejects, keeping its sentence', () => {
    const invalid = httpError(400, body('validation_failed', 'subject is too long'), ORIGIN);
    expect(invalid).toMatchObject({ code: 'invalid-request', message: 'subject is too long', status: 400 });
    expect(isRefusal(invalid)).toBe(true);
    const plan = httpError(403, body('plan_required', 'Tracked documents need the Team Starter plan.'), ORIGIN);
    expect(plan).toMatchObject({ code: 'plan-required', message: 'Tracked documents need the Team Starter plan.' });
    expect(isRefusal(plan)).toBe(true);
  });

  it('tells a page that is not a Glint server', () => {
    const error = httpError(404, '<html>Not found</html>', ORIGIN);
    expect(error.code).toBe('not-a-glint-server');
    expect(error.message).toContain(ORIGIN);
  });
});
