// What the classifier reads of an email's history for one hit, in one store call: the email, its
// owner's devices and self views, the recent clicks and the newest human open. Several servers may
// share one PostgreSQL database, so there this is one statement against the tables (no cache that
// another server's writes would leave stale); SQLite, one process, answers from its exact caches.
import type { EmailRecord, RecentHit, SelfView } from './types.ts';

export interface HitStateQuery {
  token: string;
  /** For an unregistered token, the user who signed the link: the owner whose devices and views count. */
  signerUserId: string | null;
  /** The owner's self views of the token from this time on. */
  selfViewsSince: Date;
  /** The token's clicks from this time on, newest first, at most `limit`; null: none wanted. */
  clicks: { since: Date; limit: number } | null;
  /** The newest human open of the token from this time on; null: not wanted. */
  humanOpenSince: Date | null;
}

export interface HitState {
  email: EmailRecord | null;
  /** The owner (the email's user, else the signer); null when there is none. */
  ownerId: string | null;
  ownerDevices: string[];
  /** The owner's views, oldest first. */
  selfViews: SelfView[];
  /** Queued ones included (the server's own group commit), newest first. */
  priorClicks: RecentHit[];
  /** Queued ones included. */
  lastHumanOpenAt: Date | null;
}

export interface HitStateStore {
  /** Everything the rules read about a hit's email, as the database holds it now (one round trip). */
  readHitState(query: HitStateQuery): Promise<HitState>;
}
