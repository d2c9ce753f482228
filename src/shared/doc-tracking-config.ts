// Thresholds of document page-time tracking, shared by the viewer (which measures) and the server
// (which folds and bounds what it is told). No imports, so the viewer bundle stays small.

/** The viewer reports cumulative page times at least this often while it is visible (<= 10 s). */
export const DOC_HEARTBEAT_MS = 10_000;

/** Slack the server grants a visit's total over the wall time it has seen (late or batched beacons). */
export const DOC_VISIT_CLOCK_SLACK_MS = 15_000;

/** Pages the viewer reports per beacon at most (its whole state; longer documents are truncated). */
export const DOC_MAX_PAGES_PER_BEACON = 2_000;
