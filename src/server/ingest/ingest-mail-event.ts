// The mail branch of ingestEvent(): a reply, auto-reply or bounce the mailbox watcher matched to a
// tracked email. Nothing to classify (the mail classifier already decided what it is, and only
// people and their mail systems write mail, not proxies), so it is stored as seen, once per
// message: the store drops a second event for the same message key, which makes a rescan or a
// redelivered message harmless.
import { mintTimePrefixedId } from '../../shared/ids.ts';
import type { AutoReplyDetails, BounceDetails, ReplyDetails } from '../../shared/event-details.ts';
import type { StoredEvent } from '../store/store.ts';
import type { IngestDeps } from './ingest-deps.ts';

export const MAIL_EVENT_KINDS = ['reply', 'auto_reply', 'bounce'] as const;
export type MailEventKind = (typeof MAIL_EVENT_KINDS)[number];

interface MailEventBase {
  token: string;
  /** The rep whose mailbox received the message; the email must be theirs. */
  userId: string;
  /** When the message arrived. */
  at: Date;
  /** The message's normalised Message-ID, or its folder, UIDVALIDITY and UID when it has none. */
  messageKey: string;
}

export type MailEventInput =
  | (MailEventBase & { kind: 'reply'; details: ReplyDetails })
  | (MailEventBase & { kind: 'auto_reply'; details: AutoReplyDetails })
  | (MailEventBase & { kind: 'bounce'; details: BounceDetails });

export function isMailEventInput(input: { kind: string }): input is MailEventInput {
  return (MAIL_EVENT_KINDS as readonly string[]).includes(input.kind);
}

/** Null when the message was already recorded, or the email is not the user's. */
export async function ingestMailEvent(deps: IngestDeps, input: MailEventInput): Promise<StoredEvent | null> {
  const { store, hub } = deps;
  const email = await store.getEmail(input.token);
  if (!email || email.userId !== input.userId) return null;
  const stored = await store.appendMailEvent(
    {
      id: mintTimePrefixedId('event', input.at),
      kind: input.kind,
      label: 'human',
      reason: 'no-machine-signal',
      at: input.at,
      emailToken: input.token,
      userId: input.userId,
      signerUserId: null,
      linkIndex: null,
      url: null,
      ip: null,
      userAgent: null,
      deviceId: null,
      repeat: false,
      details: { ...input.details },
    },
    input.messageKey,
  );
  if (stored) hub.notify(input.userId);
  return stored;
}
