// The orphan-hit part of the Store (tables orphan_hit_counts, orphan_hit_total): how many stored
// opens and clicks wait for an owner, per token and in all, kept in the database so that every
// server instance on it enforces one cap (ingest/orphans/orphan-limits.ts). Attaching a token's
// hits (EventStore.attachEvents) takes its count off in the same transaction.

export interface OrphanCaps {
  /** Hits kept for one token. */
  perToken: number;
  /** Hits kept for all tokens together. */
  total: number;
}

export interface OrphanHitStore {
  /**
   * Counts one more hit for `token` and answers true, unless the token or all tokens together are
   * at their cap (false, nothing counted). Atomic across instances; one round trip.
   */
  admitOrphanHit(token: string, caps: OrphanCaps): Promise<boolean>;
  /** The counted hits waiting for an owner: of one token, or of all with none given. */
  countOrphanHits(token?: string): Promise<number>;
  /** Deletes the opens and clicks still waiting for an owner that came before `before`, and their counts; their number. */
  deleteOrphanHitsBefore(before: Date): Promise<number>;
}
