// Type-prefixed ids: random ones from the pooled generator and the time-prefixed event ids.
import { describe, expect, it } from 'vitest';
import { decodeBase64Url } from '../../src/shared/base64url.ts';
import { isId, mintId, mintTimePrefixedId } from '../../src/shared/ids.ts';

describe('ids', () => {
  it('mints distinct well-formed ids across many refills of the random pool', () => {
    const ids = Array.from({ length: 2000 }, () => mintId('event'));
    expect(ids.every((id) => isId('event', id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(isId('emailToken', ids[0] ?? '')).toBe(false);
  });

  it('puts the minting time in the first 48 bits of a time-prefixed id, the rest random', () => {
    const at = new Date(Date.UTC(2026, 10, 23, 12, 0, 0, 123));
    const ids = Array.from({ length: 100 }, () => mintTimePrefixedId('event', at));
    expect(ids.every((id) => isId('event', id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const bytes = decodeBase64Url((ids[0] ?? '').slice('ev_'.length)) ?? new Uint8Array();
    const time = [...bytes.subarray(0, 6)].reduce((value, byte) => value * 256 + byte, 0);
    expect(time).toBe(at.getTime());
    // Ids of the same moment share the prefix, so an index takes them side by side.
    expect(new Set(ids.map((id) => id.slice(0, 'ev_'.length + 8))).size).toBe(1);
  });
});
