// The conversion queue, kept in the store so that several servers share it: every `converting`
// document is a job, and a server claims one for a lease (renewed while LibreOffice runs). A
// server that dies leaves its claim to expire; the next claim after that takes the job over.
// A claim honours the per-user and per-team limits counted over live claims of all servers, so
// one account's uploads cannot hold everyone else's conversions back.
import type { DocumentRecord } from './document-store.ts';

export interface ConversionClaimRequest {
  /** The claiming server process (a random id per process). */
  worker: string;
  now: Date;
  /** The claim expires this long after `now` unless renewed. */
  leaseMs: number;
  /** Live claims one owner may hold; a document of an owner at the limit waits. */
  perUser: number;
  /** Live claims one team may hold. */
  perTeam: number;
}

export interface ConversionClaim {
  document: DocumentRecord;
  /** 1 for the first claim of the document; more after claims that expired (a server died). */
  attempt: number;
  leaseUntil: Date;
}

export interface ConversionQueueStore {
  /**
   * Claims the oldest `converting` document that no live claim holds and whose owner and team are
   * under their limits; null when none. Atomic across servers.
   */
  claimConversion(request: ConversionClaimRequest): Promise<ConversionClaim | null>;
  /** Extends a claim the worker still holds; false when it is no longer theirs or no longer converting. */
  renewConversionClaim(documentId: string, worker: string, leaseUntil: Date): Promise<boolean>;
  /** Gives a claim back unfinished (a stopping server), uncounted as an attempt, for any server to take at once. */
  releaseConversionClaim(documentId: string, worker: string): Promise<void>;
}
