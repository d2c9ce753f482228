// Thresholds of document page-time tracking, shared by the viewer (which measures) and the server
// (which folds and bounds what it is told). No imports, so the viewer bundle stays small.

/** The viewer reports cumulative page times at least this often while it is visible (<= 10 s). */
export const DOC_HEARTBEAT_MS = 10_000;

/** Slack the server grants a visit's total over the wall time it has seen (late or batched beacons). */
export const DOC_VISIT_CLOCK_SLACK_MS = 15_000;

/** Pages the viewer reports per beacon at most (its whole state; longer documents are truncated). */
export const DOC_MAX_PAGES_PER_BEACON = 2_000;

// --- Limits on what a stranger holding a document link can send (server only) ---

/** A token bucket: `burst` at once, then `perMinute` more each minute. */
export interface RateLimit {
  burst: number;
  perMinute: number;
}

/**
 * Beacons of one visit. The viewer sends one per heartbeat (6 a minute) plus a flush each time
 * the tab is hidden; cumulative page times mean a refused beacon is caught up by the next one.
 */
export const DOC_BEACONS_PER_VISIT: RateLimit = { burst: 20, perMinute: 12 };

/**
 * Requests that record something (beacons, identify, download starts) per link from one network
 * (an IPv4 address or an IPv6 /64): a few tabs or a few colleagues behind one NAT fit easily.
 */
export const DOC_REQUESTS_PER_READER: RateLimit = { burst: 120, perMinute: 60 };

/** New visits per link from one network: reloads and colleagues, not a script minting visit ids. */
export const DOC_NEW_VISITS_PER_READER: RateLimit = { burst: 20, perMinute: 1 };

/** A visit takes beacons for this long after it began: a tab left open overnight is not reading. */
export const DOC_VISIT_MAX_MS = 4 * 60 * 60 * 1000;

/**
 * A download that starts again from byte 0 for the same link, network and browser within this
 * window is the same download (a download manager probing, then fetching) and counts once.
 */
export const DOC_DOWNLOAD_REPEAT_WINDOW_MS = 60_000;
