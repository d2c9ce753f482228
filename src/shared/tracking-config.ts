// Every tracking threshold in one place (Papermark style), so the server, the classifier and the
// extension agree on what "shortly after" and "again" mean. Values are milliseconds.

/** An open of the same email within this window after a human open is flagged `repeat`. */
export const REPEAT_OPEN_WINDOW_MS = 10 * 60 * 1000;

/** How far back ingestion looks for the sender's own views of an email (self-view beacons). */
export const SELF_VIEW_LOOKBACK_MS = 10 * 60 * 1000;

/** How far back ingestion looks for earlier clicks of the same email (link-scanner patterns). */
export const PRIOR_CLICK_LOOKBACK_MS = 10 * 60 * 1000;

// --- Classifier thresholds (server/ingest/classify.ts and rules/; each rule cites its source) ---

/** A self-view beacon this long before a Google image-proxy fetch marks the fetch as the rep's own. */
export const SELF_VIEW_WINDOW_MS = 60 * 1000;

/**
 * Tolerated clock skew between a client-stamped time (self-view beacon, `sentAt`) and the server's
 * hit time: the beacon and the proxy fetch of one view race each other, so a beacon up to this much
 * after the hit still counts, and a hit this much before `sentAt` still counts as "at send".
 */
export const CLIENT_CLOCK_SKEW_MS = 5 * 1000;

/** A Google image-proxy fetch this soon after sending is Gmail showing the rep's own sent message. */
export const GMAIL_PROXY_AT_SEND_WINDOW_MS = 30 * 1000;

/** A click this soon after sending is a security gateway scanning links at delivery, not a reader. */
export const LINK_SCANNER_TIMING_WINDOW_MS = 60 * 1000;

/**
 * How far back the classifier looks for the human open that precedes an at-send click from the same
 * client (ingest/person-on-call.ts): the whole timing window, plus the tolerated clock skew.
 */
export const HUMAN_OPEN_LOOKBACK_MS = LINK_SCANNER_TIMING_WINDOW_MS + CLIENT_CLOCK_SKEW_MS;

/** Every link of one email clicked from one network within this window is a scanner sweeping them. */
export const LINK_SCANNER_ALL_LINKS_WINDOW_MS = 10 * 1000;

/** The all-links rule needs at least this many links: one click on a one-link email proves nothing. */
export const LINK_SCANNER_ALL_LINKS_MIN_LINKS = 2;

/**
 * A person's click on an email with at least LINK_SCANNER_ALL_LINKS_MIN_LINKS tracked links is
 * "checking" this long before the rep is told: a sweep completing within it turns the click
 * machine instead (the server's feed gives such a click `checkingUntil`; the extension holds its
 * notification and badge until then). The sweep window itself.
 */
export const LINK_SWEEP_HOLD_MS = LINK_SCANNER_ALL_LINKS_WINDOW_MS;

/**
 * The extension decides a held click this long after its hold, with a feed read started after
 * that: a relabel on its way through the feed arrives first.
 */
export const LINK_SWEEP_DECIDE_GRACE_MS = 1000;

/** "Same network" for the all-links rule: same /24 (IPv4) or same /64 (IPv6). */
export const SAME_NETWORK_PREFIX_IPV4 = 24;
export const SAME_NETWORK_PREFIX_IPV6 = 64;

/** At most this many earlier clicks are handed to the classifier (newest first). */
export const PRIOR_CLICK_LIMIT = 100;

/**
 * A running server reads a team's allow-listed networks again after this long. Changes through the
 * API apply at once; `glint team allow-network`, run beside the server, within this time.
 */
export const TEAM_NETWORKS_TTL_MS = 60 * 1000;
