// The work-lease part of the Store (table work_leases): pieces of work that must run in one server
// instance at a time, whichever instance that is. An instance claims a lease by name for a while and
// renews it before it runs out; a lease that ran out may be taken by any instance. Each taking
// (not a renewal) raises the lease's generation, so an instance that sees a new generation of a
// lease it thought it held knows someone else had it in between and starts its work afresh.

export interface HeldLease {
  name: string;
  generation: number;
}

export interface LeaseStore {
  /**
   * Takes each named lease that is free or has run out, and renews those `holder` already holds,
   * until `now + ttlMs`; answers the ones `holder` holds now (a renewal keeps its generation).
   */
  claimLeases(names: readonly string[], holder: string, now: Date, ttlMs: number): Promise<HeldLease[]>;
  /** Gives up `holder`'s leases on these names at once (a clean stop), so another can take them. */
  releaseLeases(names: readonly string[], holder: string): Promise<void>;
  /** Ends these leases whoever holds them: the next claim, by any instance, is a new taking. */
  expireLeases(names: readonly string[]): Promise<void>;
}
