// The abuse limits of document links: token buckets (burst, refill, bounded memory), the network
// key (an IPv6 /64 is one reader) and the limits a stranger meets, with the time they must wait.
import { describe, expect, it } from 'vitest';
import {
  DOC_BEACONS_PER_VISIT,
  DOC_DOWNLOAD_REPEAT_WINDOW_MS,
  DOC_NEW_VISITS_PER_READER,
  DOC_REQUESTS_PER_READER,
} from '../../src/shared/doc-tracking-config.ts';
import { ReaderLimits } from '../../src/server/docs/reader-limits.ts';
import { networkKey } from '../../src/server/ingest/ip-match.ts';
import { TokenBuckets } from '../../src/server/lib/token-buckets.ts';

const T0 = 1_700_000_000_000;

describe('TokenBuckets', () => {
  it('allows a burst, then one more per refill interval, and says how long to wait', () => {
    const buckets = new TokenBuckets({ burst: 3, perMinute: 6 }); // one token per 10 s
    expect([1, 2, 3].map(() => buckets.take('k', T0))).toEqual([0, 0, 0]);
    expect(buckets.take('k', T0)).toBe(10_000);
    expect(buckets.take('k', T0 + 4_000)).toBe(6_000);
    expect(buckets.take('k', T0 + 10_000)).toBe(0);
    expect(buckets.take('other', T0)).toBe(0);
    // A long pause refills to the burst, never beyond it.
    expect([1, 2, 3, 4].map(() => buckets.take('k', T0 + 3_600_000))).toEqual([0, 0, 0, 10_000]);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used', () => {
    const buckets = new TokenBuckets({ burst: 1, perMinute: 1 }, 2);
    buckets.take('a', T0);
    buckets.take('b', T0);
    expect(buckets.take('a', T0)).toBeGreaterThan(0); // a is now the most recent
    buckets.take('c', T0); // evicts b
    expect(buckets.size).toBe(2);
    expect(buckets.take('a', T0)).toBeGreaterThan(0);
    expect(buckets.take('b', T0)).toBe(0);
  });
});

describe('networkKey', () => {
  it('is the IPv4 address, or the /64 of an IPv6 one (IPv4-mapped addresses as IPv4)', () => {
    expect(networkKey('203.0.113.45')).toBe('203.0.113.45');
    expect(networkKey('::ffff:203.0.113.45')).toBe('203.0.113.45');
    expect(networkKey('2001:db8:1:2::1')).toBe(networkKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
    expect(networkKey('2001:db8:1:2::1')).not.toBe(networkKey('2001:db8:1:3::1'));
  });
});

describe('ReaderLimits', () => {
  it('caps the beacons of one visit', () => {
    const limits = new ReaderLimits();
    for (let index = 0; index < DOC_BEACONS_PER_VISIT.burst; index++) expect(limits.visitBeacon('dl_x', 'V', T0)).toBeNull();
    expect(limits.visitBeacon('dl_x', 'V', T0)).toEqual({
      retryAfterMs: 5_000,
      message: 'Too many beacons for this visit; try again in 5 s',
    });
    expect(limits.visitBeacon('dl_x', 'W', T0)).toBeNull();
  });

  it('caps requests and new visits per link and network; other links and networks are unaffected', () => {
    const limits = new ReaderLimits();
    for (let index = 0; index < DOC_REQUESTS_PER_READER.burst; index++) expect(limits.reader('dl_x', '2001:db8::1', T0)).toBeNull();
    expect(limits.reader('dl_x', '2001:db8::2', T0)?.message).toBe(
      'Too many requests for this document from your network; try again in 1 s',
    );
    expect(limits.reader('dl_y', '2001:db8::2', T0)).toBeNull();
    expect(limits.reader('dl_x', '2001:db9::1', T0)).toBeNull();
    for (let index = 0; index < DOC_NEW_VISITS_PER_READER.burst; index++) expect(limits.newVisit('dl_x', '198.51.100.17', T0)).toBeNull();
    expect(limits.newVisit('dl_x', '198.51.100.17', T0)?.message).toBe(
      'Too many new visits of this document from your network; try again in 60 s',
    );
  });

  it('counts a download start once per reader and browser within the repeat window', () => {
    const limits = new ReaderLimits();
    const chrome = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/124.0.0.0 Safari/537.36';
    expect(limits.repeatedDownload('dl_x', '203.0.113.45', chrome, T0)).toBe(false);
    expect(limits.repeatedDownload('dl_x', '203.0.113.45', chrome, T0 + 1_000)).toBe(true);
    expect(limits.repeatedDownload('dl_x', '203.0.113.45', 'curl/8.5.0', T0 + 1_000)).toBe(false);
    expect(limits.repeatedDownload('dl_x', '203.0.113.45', chrome, T0 + DOC_DOWNLOAD_REPEAT_WINDOW_MS)).toBe(false);
  });
});
