import { describe, expect, it } from 'vitest';
import { foldBeacon, startVisit, summarizeVisit, type FoldInput, type VisitState } from '../../src/server/docs/fold-visit.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function fold(beacons: FoldInput[], pageCount = 10): VisitState {
  return beacons.reduce((state, beacon) => foldBeacon(state, beacon, pageCount), startVisit(beacons[0]?.at ?? T0));
}

describe('folding a visit', () => {
  it('turns cumulative heartbeats into seconds per page and a total', () => {
    const state = fold([
      { at: T0, pages: [], final: false },
      { at: T0 + 10_000, pages: [{ page: 1, ms: 9_800 }], final: false },
      {
        at: T0 + 20_000,
        pages: [
          { page: 1, ms: 12_000 },
          { page: 2, ms: 7_900 },
        ],
        final: false,
      },
      {
        at: T0 + 24_000,
        pages: [
          { page: 1, ms: 12_000 },
          { page: 2, ms: 8_000 },
          { page: 3, ms: 3_960 },
        ],
        final: true,
      },
    ]);
    expect(summarizeVisit(state)).toEqual({
      pages: [
        { page: 1, seconds: 12 },
        { page: 2, seconds: 8 },
        { page: 3, seconds: 4 },
      ],
      totalSeconds: 24,
    });
    expect(state.ended).toBe(true);
    expect(state.beacons).toBe(4);
  });

  it('loses nothing to a lost, repeated or reordered heartbeat', () => {
    const late = { at: T0 + 10_000, pages: [{ page: 1, ms: 10_000 }], final: false };
    const last = {
      at: T0 + 20_000,
      pages: [
        { page: 1, ms: 10_000 },
        { page: 2, ms: 10_000 },
      ],
      final: false,
    };
    const inOrder = summarizeVisit(fold([{ at: T0, pages: [], final: false }, late, last]));
    const shuffled = summarizeVisit(fold([{ at: T0, pages: [], final: false }, last, late, last]));
    expect(shuffled).toEqual(inOrder);
  });

  it('ignores pages the document does not have', () => {
    const state = fold(
      [
        {
          at: T0,
          pages: [
            { page: 2, ms: 1000 },
            { page: 99, ms: 5000 },
          ],
          final: false,
        },
      ],
      3,
    );
    expect(summarizeVisit(state).pages).toEqual([{ page: 2, seconds: 1 }]);
  });

  it('does not believe more time than the server has seen pass (plus slack)', () => {
    const state = fold([
      { at: T0, pages: [], final: false },
      {
        at: T0 + 5_000,
        pages: [
          { page: 1, ms: 3_000_000 },
          { page: 2, ms: 1_000_000 },
        ],
        final: true,
      },
    ]);
    const summary = summarizeVisit(state);
    expect(summary.totalSeconds).toBe(20);
    expect(summary.pages).toEqual([
      { page: 1, seconds: 15 },
      { page: 2, seconds: 5 },
    ]);
  });
});
