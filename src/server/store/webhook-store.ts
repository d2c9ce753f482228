// The webhooks part of the Store: a team's endpoints and the delivery outbox. Deliveries are
// queued by the event writes themselves (same transaction, see subscription-cache.ts); this area
// lists and manages endpoints, and lets delivery workers claim due rows and record each attempt.
// Secrets arrive sealed (SecretBox): the store never sees a plain one.
import type { EventKind, EventLabel, LabelReason } from '../../shared/event-model.ts';

export type WebhookState = 'active' | 'paused' | 'disabled';
/**
 * Which sender of crm/ delivers to an endpoint. The outbox, claims, retries and the circuit
 * breaker are the same for every kind; a CRM (Salesforce) is another kind with its own sender.
 */
export type EndpointKind = 'webhook' | 'salesforce';
export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
/** event.created: a new event; event.relabelled: a stored event got a new label later. */
export type DeliveryType = 'event.created' | 'event.relabelled';

export interface NewWebhook {
  id: string;
  teamId: string;
  url: string;
  kinds: readonly EventKind[];
  description: string;
  sealedSecret: string;
  createdBy: string;
  createdAt: Date;
}

export interface WebhookRecord extends NewWebhook {
  /** The secret before the last rotation, still signed with until previousSecretUntil. */
  previousSealedSecret: string | null;
  previousSecretUntil: Date | null;
  state: WebhookState;
  stateReason: string | null;
  consecutiveFailures: number;
  updatedAt: Date;
}

export interface DeliveryRecord {
  id: number;
  endpointId: string;
  messageId: string;
  type: DeliveryType;
  eventId: string;
  emailToken: string;
  label: EventLabel;
  reason: LabelReason;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  /** Set while a worker holds the row. */
  leaseUntil: Date | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** A claimed row with what its request needs: the event, its email and the endpoint. */
export interface ClaimedDelivery extends DeliveryRecord {
  event: {
    kind: EventKind;
    at: Date;
    linkIndex: number | null;
    url: string | null;
    details: Record<string, unknown> | null;
  };
  email: { subject: string; to: string[]; sentAt: Date } | null;
  endpoint: Pick<WebhookRecord, 'id' | 'teamId' | 'url' | 'sealedSecret' | 'previousSealedSecret' | 'previousSecretUntil'> & {
    kind: EndpointKind;
  };
}

/** What one attempt ended in; the store applies it only while the worker still holds the lease. */
export type AttemptOutcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; status: number | null; error: string; nextAttemptAt: Date }
  | { kind: 'failed'; status: number | null; error: string };

export interface AttemptRecord {
  deliveryId: number;
  workerId: string;
  at: Date;
  outcome: AttemptOutcome;
  /** The receiver answered 410 Gone: the endpoint is disabled. */
  gone: boolean;
  /** Consecutive failed attempts after which the endpoint is paused (circuit breaker). */
  pauseAfter: number;
}

export interface ClaimRequest {
  workerId: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

export interface WebhookStore {
  createWebhook(webhook: NewWebhook): Promise<WebhookRecord>;
  /** The team's endpoints, oldest first. */
  listWebhooks(teamId: string): Promise<WebhookRecord[]>;
  /** Null when it does not exist or is another team's. */
  getWebhook(teamId: string, id: string): Promise<WebhookRecord | null>;
  /** Deletes the endpoint and its deliveries; false when it is not the team's. */
  deleteWebhook(teamId: string, id: string): Promise<boolean>;
  /** Back to active with no failures counted; its pending deliveries are due at once. */
  resumeWebhook(teamId: string, id: string, at: Date): Promise<WebhookRecord | null>;
  /** New secret; the old one keeps signing until previousUntil. */
  rotateWebhookSecret(teamId: string, id: string, sealedSecret: string, previousUntil: Date, at: Date): Promise<WebhookRecord | null>;
  /** The endpoint's newest deliveries first; empty when the endpoint is not the team's. */
  listDeliveries(teamId: string, endpointId: string, limit: number): Promise<DeliveryRecord[]>;
  /**
   * Due pending rows of active endpoints, oldest first, at most one per endpoint and email (the
   * oldest pending: order per email), none whose lease runs; each gets the lease and one more attempt.
   */
  claimDeliveries(request: ClaimRequest): Promise<ClaimedDelivery[]>;
  /**
   * Applies attempts' outcomes to their rows and endpoints (failures, pause, 410), in order, in one
   * transaction; per attempt, false when its lease was lost.
   */
  recordAttempts(attempts: readonly AttemptRecord[]): Promise<boolean[]>;
  /** Calls `listener` after commits that may have queued deliveries (this process's); returns the unsubscribe. */
  onDeliveriesQueued(listener: () => void): () => void;
  /** Drops the cached subscriptions so the next event reads them again (after a change elsewhere). */
  refreshSubscriptions(): Promise<void>;
}
