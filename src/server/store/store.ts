// The Store: every read and write of the server goes through this interface, one query per
// method (umami style). Two implementations, SQLite (sqlite/, the embedded default) and
// PostgreSQL (postgres/, DATABASE_URL), pass one contract suite (test/integration/store/).
import type { Plan } from '../../shared/plans.ts';
import type { CampaignEditStore } from './campaign-edit-store.ts';
import type { CampaignStore } from './campaign-store.ts';
import type { ConversionQueueStore } from './conversion-queue-store.ts';
import type { DocumentStore } from './document-store.ts';
import type { HitStateStore } from './hit-state-store.ts';
import type { MailboxStore } from './mailbox-store.ts';
import type { PrivacyStore } from './privacy-store.ts';
import type { LeaseStore } from './lease-store.ts';
import type { OrphanHitStore } from './orphan-hit-store.ts';
import type { SalesforceStore } from './salesforce-store.ts';
import type { TeamNetworkStore } from './team-network-store.ts';
import type { WebhookStore } from './webhook-store.ts';
import type {
  DeviceRecord,
  EmailIds,
  EmailRecord,
  EventRelabel,
  FeedPage,
  FeedQuery,
  NewEvent,
  NewUser,
  RecentHit,
  RegisterOutcome,
  SelfView,
  SigningKeyRecord,
  StoredEvent,
  Team,
  UserAccount,
  UserCredentials,
} from './types.ts';

export type * from './types.ts';
export type * from './document-store.ts';
export type * from './conversion-queue-store.ts';
export type * from './mailbox-store.ts';
export type * from './privacy-store.ts';
export type * from './team-network-store.ts';
export type * from './webhook-store.ts';
export type * from './campaign-store.ts';
export type * from './campaign-edit-store.ts';
export type * from './hit-state-store.ts';
export type * from './salesforce-store.ts';
export type * from './orphan-hit-store.ts';

export interface AccountStore {
  // Teams and users
  createTeam(team: Team): Promise<void>;
  /** By id or by name. */
  findTeam(idOrName: string): Promise<Team | null>;
  setTeamPlan(teamId: string, plan: Plan): Promise<boolean>;
  /** False when the email address is taken. */
  createUser(user: NewUser): Promise<boolean>;
  findUserCredentials(email: string): Promise<UserCredentials | null>;
  getUser(userId: string): Promise<UserAccount | null>;

  // API tokens (hashed) and link-signing keys (sealed)
  addApiToken(tokenHash: string, userId: string, at: Date): Promise<void>;
  findUserByApiToken(tokenHash: string): Promise<UserAccount | null>;
  /** False when no such token exists (already revoked). */
  revokeApiToken(tokenHash: string): Promise<boolean>;
  addSigningKey(key: SigningKeyRecord): Promise<void>;
  /** The user's newest key. */
  getUserSigningKey(userId: string): Promise<SigningKeyRecord | null>;
  findSigningKey(kid: string): Promise<SigningKeyRecord | null>;
  /** The oldest key of any user (to check at start that the server key opens them). */
  firstSigningKey(): Promise<SigningKeyRecord | null>;
  /** Keeps `sealed` as the database's server key check unless one is there already; the one kept. */
  claimServerKeyCheck(sealed: string, at: Date): Promise<string>;
}

export interface DeviceStore {
  /** Registers or renames; null when the device id belongs to another user. */
  upsertDevice(device: { deviceId: string; userId: string; name: string; at: Date }): Promise<DeviceRecord | null>;
  listDevices(userId: string): Promise<DeviceRecord[]>;
  listDeviceIds(userId: string): Promise<string[]>;
}

export interface EmailStore {
  // Emails
  /** Idempotent by token: `existing` for the same owner, `conflict` (email null) for another. */
  registerEmail(email: EmailRecord): Promise<{ outcome: RegisterOutcome; email: EmailRecord | null }>;
  updateEmailIds(userId: string, token: string, ids: EmailIds): Promise<EmailRecord | null>;
  getEmail(token: string): Promise<EmailRecord | null>;
  /**
   * The user's emails whose RFC Message-ID is one of messageIds (normalised: no <>, lowercase) or
   * whose token is one of tokens; at most 100, newest first. Other users' emails never. Only the
   * first 200 ids and the first 200 tokens are looked up (a hostile message cannot make a giant query).
   */
  findEmailsForMessage(userId: string, refs: { messageIds: readonly string[]; tokens: readonly string[] }): Promise<EmailRecord[]>;
  /** Sets the RFC Message-ID of the user's email when it has none yet; false when the email is not the user's or already has one. */
  learnRfcMessageId(userId: string, token: string, messageId: string): Promise<boolean>;

  // Self views (the sender opened their own sent message)
  addSelfView(token: string, view: SelfView): Promise<void>;
  /** One user's views of the token: another account's rows never show up or push these out. */
  listSelfViews(token: string, userId: string, since: Date): Promise<SelfView[]>;
}

export interface EventStore {
  /** Group-committed: resolves once the event's transaction is durable. */
  appendEvent(event: NewEvent): Promise<StoredEvent>;
  /**
   * Appends a mail event (reply, auto_reply, bounce) unless the user already has an event for this message key (a normalised Message-ID, or "uid:<folderKey>:<uidValidity>:<uid>" when the message has none): null then. Durable when it resolves. A reply also sets the user's mailbox lastReplyAt (to event.at, never backwards).
   */
  appendMailEvent(event: NewEvent, messageKey: string): Promise<StoredEvent | null>;
  /** The newest clicks of an email since a time, newest first, queued ones included. */
  listRecentClicks(token: string, since: Date, limit: number): Promise<RecentHit[]>;
  /** Time of the newest human open of an email since a time, queued ones included. */
  lastHumanOpen(token: string, since: Date): Promise<Date | null>;
  /** Events of a token not yet attached to a user, oldest first. */
  listOrphanEvents(token: string): Promise<StoredEvent[]>;
  /** Attaches orphans to the owner with their new labels; each gets a new seq; the token's orphan count goes. */
  attachEvents(token: string, userId: string, relabels: readonly EventRelabel[]): Promise<StoredEvent[]>;
  /** Opens of an email received from `from` to `to`, oldest first (at most 100), for later evidence. */
  listOpensBetween(token: string, from: Date, to: Date): Promise<StoredEvent[]>;
  /**
   * Later evidence: the user's events (self ones never) get their new labels and each a new seq,
   * so the feed re-delivers them; an event that becomes self is still delivered once to cursors.
   */
  relabelEvents(userId: string, relabels: readonly EventRelabel[]): Promise<StoredEvent[]>;
  /** Replaces an event's details and gives it a new feed position, so clients receive it again. */
  redeliverEvent(eventId: string, details: Record<string, unknown>): Promise<StoredEvent | null>;
  readFeed(query: FeedQuery): Promise<FeedPage>;

  /** Commits every queued event now. */
  flush(): Promise<void>;
}

/** What each dialect's events module gives its store: the methods, and the end of its queue. */
export interface EventQueries extends EventStore {
  /** Commits what is queued, then stops the writer. */
  closeQueue(): Promise<void>;
}

/** One interface per area (and per file in each dialect); a new table adds its own. */
export interface Store
  extends
    AccountStore,
    DeviceStore,
    EmailStore,
    EventStore,
    HitStateStore,
    DocumentStore,
    ConversionQueueStore,
    MailboxStore,
    TeamNetworkStore,
    WebhookStore,
    CampaignStore,
    CampaignEditStore,
    PrivacyStore,
    LeaseStore,
    OrphanHitStore,
    SalesforceStore {
  /** Runs the cheapest query there is (SELECT 1): resolves once the database answers, else throws. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
