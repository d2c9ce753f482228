// How much each store keeps in memory of what every hit reads (entries per cache). Both dialects
// use these, so a store switch never changes how much a server remembers.

/** Users whose device ids are remembered (every hit checks the owner's devices). */
export const CACHED_USERS = 10_000;
export const CACHED_EMAILS = 20_000;
export const CACHED_VIEW_LISTS = 20_000;
/** Self views kept per token, in the cache as in the query (the newest ones). */
export const VIEWS_PER_TOKEN = 100;
/** Tokens whose newest human open is remembered (the repeat-open check of every open needs it). */
export const CACHED_LAST_OPENS = 50_000;
/** Teams whose allow-listed networks are kept compiled for ingestion (ingest/team-network-cache.ts). */
export const CACHED_TEAM_NETWORK_LISTS = 10_000;

/** How old the cached webhook subscriptions may get before an event reads them again (a change made by another process). */
export const SUBSCRIPTION_MAX_AGE_MS = 2_000;
