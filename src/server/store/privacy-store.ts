// The privacy part of the Store: a team's retention period and its purge, erasing a recipient's
// address everywhere it is kept, and the raw rows of a rep's own data for an export. What
// "everything about an address" covers is written down in docs/architecture.md ("Privacy").
import type { DocumentRecord } from './document-store.ts';
import type { EmailRecord, StoredEvent } from './types.ts';

/** What a purge or an erasure removed, table by table. */
export interface PurgeCounts {
  events: number;
  documentVisits: number;
}

export interface ForgetCounts extends PurgeCounts {
  /** Rows of mail_events (reply, auto-reply and bounce de-duplication) whose event went. */
  mailEvents: number;
  /** Tracked emails whose To, Cc or Bcc list lost the address. */
  emailRecipientLists: number;
  /** Campaign enrolments of the address (with their sending records): no follow-up goes to it. */
  campaignEnrolments: number;
}

/** A rep's own rows, as the store keeps them (the export module leaves secrets and file names out). */
export interface UserRows {
  emails: EmailRecord[];
  events: StoredEvent[];
  documents: DocumentRecord[];
}

export interface PrivacyStore {
  /** Days of events and document visits a team keeps (null: forever); false when no such team. */
  setTeamRetention(teamId: string, days: number | null): Promise<boolean>;
  getTeamRetention(teamId: string): Promise<number | null>;
  /** Deletes each team's events and document visits older than its retention period at `now`. */
  purgeExpired(now: Date): Promise<PurgeCounts>;
  /** Erases a recipient's address (lowercase) from events, visits, mail events, recipient lists and campaign enrolments. */
  forgetAddress(address: string): Promise<ForgetCounts>;
  userRows(userId: string): Promise<UserRows>;
}
