// Records the store reads and writes. Times are Date objects here and integers (ms) on disk.
import type { EventKind, EventLabel, LabelReason } from '../../shared/event-model.ts';
import type { Plan } from '../../shared/plans.ts';

export interface Team {
  id: string;
  name: string;
  plan: Plan;
  createdAt: Date;
}

export interface UserAccount {
  id: string;
  email: string;
  teamId: string;
  teamName: string;
  plan: Plan;
  createdAt: Date;
}

export interface UserCredentials extends UserAccount {
  passwordHash: string;
}

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
  teamId: string;
  createdAt: Date;
}

export interface SigningKeyRecord {
  kid: string;
  userId: string;
  /** AES-256-GCM sealed (security/secret-box.ts); never the plain secret. */
  sealedSecret: string;
  createdAt: Date;
}

export interface DeviceRecord {
  deviceId: string;
  userId: string;
  name: string;
  createdAt: Date;
  lastSeenAt: Date | null;
}

export interface TrackedLink {
  index: number;
  url: string;
}

export interface EmailRecord {
  token: string;
  userId: string;
  subject: string;
  to: string[];
  cc: string[];
  bcc: string[];
  sentAt: Date;
  gmailThreadId: string | null;
  gmailMessageId: string | null;
  rfcMessageId: string | null;
  openTracking: boolean;
  clickTracking: boolean;
  links: TrackedLink[];
  createdAt: Date;
}

export interface EmailIds {
  gmailThreadId?: string | undefined;
  gmailMessageId?: string | undefined;
  rfcMessageId?: string | undefined;
}

export type RegisterOutcome = 'created' | 'existing' | 'conflict';

export interface SelfView {
  userId: string;
  deviceId: string;
  at: Date;
}

export interface NewEvent {
  id: string;
  kind: EventKind;
  label: EventLabel;
  reason: LabelReason;
  at: Date;
  emailToken: string;
  /** Owner of the email; null while the email is not registered yet. */
  userId: string | null;
  /** For clicks: the user whose key signed the link (checked when an orphan is attached). */
  signerUserId: string | null;
  linkIndex: number | null;
  url: string | null;
  ip: string | null;
  userAgent: string | null;
  deviceId: string | null;
  repeat: boolean;
  details: Record<string, unknown> | null;
}

export interface StoredEvent extends NewEvent {
  /** Feed position; a relabelled or late-attached event gets a new, larger one. */
  seq: number;
}

/** What the classifier and the repeat rule need to know about earlier hits of an email. */
export interface RecentHit {
  id: string;
  kind: EventKind;
  label: EventLabel;
  at: Date;
  linkIndex: number | null;
  ip: string | null;
}

export interface EventRelabel {
  id: string;
  label: EventLabel;
  reason: LabelReason;
  repeat: boolean;
}

export interface EmailSummaryRecord {
  token: string;
  subject: string;
  to: string[];
  cc: string[];
  sentAt: Date;
  gmailThreadId: string | null;
}

export interface FeedEventRecord extends StoredEvent {
  email: EmailSummaryRecord;
}

export interface FeedQuery {
  userId: string;
  /** Events with seq > after, oldest first. */
  after?: number | undefined;
  /** Events with seq < before, newest first. Without after/before: the newest page. */
  before?: number | undefined;
  limit: number;
  includeMachine: boolean;
}

export interface FeedPage {
  events: FeedEventRecord[];
  hasMore: boolean;
  /** The largest seq in the whole store when the page was read. */
  head: number;
}
