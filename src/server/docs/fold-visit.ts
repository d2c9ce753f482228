// Folds the page-time beacons of one viewer visit into the single doc_pages summary the feed
// shows: which pages, seconds on each, total time. Pure: the route keeps the state between
// beacons. Beacons are cumulative, so folding keeps the largest value per page, and the total is
// bounded by the wall time the server itself has seen (a viewer cannot claim an hour in a minute).
import { DOC_VISIT_CLOCK_SLACK_MS } from '../../shared/doc-tracking-config.ts';
import type { PageMillis } from '../../shared/doc-beacons.ts';

/** Matches the `doc_pages` feed details (pages with seconds, total) that the popup draws. */
export type VisitSummary = {
  pages: Array<{ page: number; seconds: number }>;
  totalSeconds: number;
};

export interface VisitState {
  /** Server time (ms) of the visit's first beacon. */
  startedAt: number;
  /** Server time (ms) of its latest beacon. */
  lastAt: number;
  /** Largest cumulative milliseconds reported per page. */
  msByPage: Record<string, number>;
  beacons: number;
  ended: boolean;
}

export interface FoldInput {
  at: number;
  pages: readonly PageMillis[];
  final: boolean;
}

export function startVisit(at: number): VisitState {
  return { startedAt: at, lastAt: at, msByPage: {}, beacons: 0, ended: false };
}

/** The visit after one more beacon; pages beyond `pageCount` are ignored. */
export function foldBeacon(state: VisitState, beacon: FoldInput, pageCount: number): VisitState {
  const msByPage = { ...state.msByPage };
  for (const { page, ms } of beacon.pages) {
    if (page < 1 || page > pageCount) continue;
    msByPage[page] = Math.max(msByPage[page] ?? 0, ms);
  }
  return {
    startedAt: Math.min(state.startedAt, beacon.at),
    lastAt: Math.max(state.lastAt, beacon.at),
    msByPage,
    beacons: state.beacons + 1,
    ended: state.ended || beacon.final,
  };
}

const tenths = (ms: number): number => Math.round(ms / 100) / 10;

/** The feed event's details: pages in order with seconds (tenths), and the total. */
export function summarizeVisit(state: VisitState): VisitSummary {
  const entries = Object.entries(state.msByPage)
    .map(([page, ms]) => ({ page: Number(page), ms }))
    .filter((entry) => entry.ms > 0)
    .sort((a, b) => a.page - b.page);
  const claimed = entries.reduce((sum, entry) => sum + entry.ms, 0);
  const allowed = state.lastAt - state.startedAt + DOC_VISIT_CLOCK_SLACK_MS;
  const scale = claimed > allowed ? allowed / claimed : 1;
  const pages = entries.map((entry) => ({ page: entry.page, seconds: tenths(entry.ms * scale) }));
  const totalSeconds = tenths(Math.min(claimed, allowed));
  return { pages, totalSeconds };
}
