// What the watcher does with one message read from the mailbox: parse it; the rep's own message
// teaches the RFC Message-ID of the tracked email it carries (the extension could not report it);
// any other message is classified against the rep's tracked emails it names, and a reply,
// auto-reply or bounce of one of them enters through ingestEvent(), then the campaign stop rules
// see it (campaigns/stop-rules.ts); the rep's own message on a thread stops its campaign
// enrolments (campaigns/manual-message.ts). Only the emails the message refers to are read from
// the store, so a mailbox of any size costs the same per message.
import type { AutoReplyDetails, BounceDetails, ReplyDetails } from '../../../shared/event-details.ts';
import { stopOnManualMessage } from '../../campaigns/manual-message.ts';
import { applyStopRules } from '../../campaigns/stop-rules.ts';
import { ingestEvent } from '../../ingest/ingest-event.ts';
import type { MailEventInput } from '../../ingest/ingest-mail-event.ts';
import type { IngestDeps } from '../../ingest/ingest-deps.ts';
import type { EmailRecord } from '../../store/store.ts';
import { referencesOf } from '../classify-match.ts';
import { classifyMessage, type MessageClassification, type ParsedMessage, type TrackedEmail } from '../classify-message.ts';
import { normaliseAddress, trackingTokensIn } from '../message-ids.ts';
import { parseMessage } from '../message-parse.ts';

/** Whose mailbox this is: the rep, and the addresses that are theirs (never counted as replies). */
export interface MailboxOwner {
  userId: string;
  /** The rep's account address: the From of their tracked emails. */
  address: string;
  ownAddresses: readonly string[];
}

export interface FetchedMessage {
  uid: number;
  source: Buffer;
  /** When the server received it (IMAP INTERNALDATE). */
  arrivedAt: Date | null;
}

export type IntakeOutcome = 'recorded' | 'duplicate' | 'learned' | 'ignored' | 'unreadable';

/** A sent message and its tracked email are the same mail when sent within this of each other. */
const SENT_MATCH_WINDOW_MS = 36 * 60 * 60 * 1000;

/** Ingestion's needs, and the days an out-of-office without a return date pauses a campaign. */
export type IntakeDeps = IngestDeps & { autoReplyPauseDays?: number | undefined };

export async function takeInMessage(
  deps: IntakeDeps,
  owner: MailboxOwner,
  message: FetchedMessage,
  /** Names the message when it has no Message-ID: folder, UIDVALIDITY and UID. */
  uidKey: string,
): Promise<IntakeOutcome> {
  let parsed: ParsedMessage;
  try {
    parsed = await parseMessage(message.source);
  } catch {
    return 'unreadable';
  }
  const own = new Set(owner.ownAddresses.map(normaliseAddress));
  if (parsed.from.some((address) => own.has(address))) {
    const learned = await learnMessageId(deps, owner, parsed);
    await stopOnManualMessage(deps, owner.userId, parsed);
    return learned ? 'learned' : 'ignored';
  }

  const candidates = await deps.store.findEmailsForMessage(owner.userId, referencesOf(parsed));
  if (candidates.length === 0) return 'ignored';
  const tracked = candidates.map((email) => trackedEmailOf(email, owner.address));
  const verdict = classifyMessage(parsed, tracked, owner.ownAddresses);
  const input = mailEventOf(
    verdict,
    parsed,
    owner.userId,
    arrivalOf(message, parsed, deps.now?.() ?? new Date()),
    parsed.messageId ?? uidKey,
  );
  if (!input) return 'ignored';
  const stored = await ingestEvent(deps, input);
  if (!stored) return 'duplicate';
  await applyStopRules(deps, stored);
  return 'recorded';
}

function trackedEmailOf(email: EmailRecord, from: string): TrackedEmail {
  return {
    token: email.token,
    messageId: email.rfcMessageId,
    from,
    to: email.to,
    cc: email.cc,
    subject: email.subject,
    sentAt: email.sentAt,
  };
}

/**
 * The rep's own message with a Glint pixel or link: the tracked email sent closest to it that has
 * no Message-ID yet gets this one. A quoted older email already has its own, so it is not taken.
 */
async function learnMessageId(deps: IngestDeps, owner: MailboxOwner, parsed: ParsedMessage): Promise<boolean> {
  if (!parsed.messageId) return false;
  const tokens = trackingTokensIn(parsed.html || parsed.text);
  if (tokens.length === 0) return false;
  const sentAt = parsed.date?.getTime() ?? Date.now();
  const unlearned = (await deps.store.findEmailsForMessage(owner.userId, { messageIds: [], tokens }))
    .filter((email) => email.rfcMessageId === null && Math.abs(email.sentAt.getTime() - sentAt) <= SENT_MATCH_WINDOW_MS)
    .sort((a, b) => Math.abs(a.sentAt.getTime() - sentAt) - Math.abs(b.sentAt.getTime() - sentAt));
  const email = unlearned[0];
  return email ? deps.store.learnRfcMessageId(owner.userId, email.token, parsed.messageId) : false;
}

/** Arrival time, never in the future (a sender's clock may be ahead). */
function arrivalOf(message: FetchedMessage, parsed: ParsedMessage, now: Date): Date {
  const at = message.arrivedAt ?? parsed.date ?? now;
  return at.getTime() > now.getTime() ? now : at;
}

function mailEventOf(
  verdict: MessageClassification,
  parsed: ParsedMessage,
  userId: string,
  at: Date,
  messageKey: string,
): MailEventInput | null {
  if (verdict.token === null) return null;
  const base = { token: verdict.token, userId, at, messageKey };
  const sender = {
    from: (parsed.from[0] ?? '').slice(0, 320),
    ...(parsed.fromName ? { fromName: parsed.fromName } : {}),
    senderRole: verdict.senderRole ?? 'other',
  };
  switch (verdict.kind) {
    case 'reply': {
      const details: ReplyDetails = { ...sender, firstLines: verdict.firstLines ?? '' };
      return { ...base, kind: 'reply', details };
    }
    case 'auto_reply': {
      const details: AutoReplyDetails = { ...sender, returnDate: verdict.returnDate };
      return { ...base, kind: 'auto_reply', details };
    }
    case 'bounce': {
      const details: BounceDetails = { bouncedRecipients: verdict.bouncedRecipients.slice(0, 100) };
      return { ...base, kind: 'bounce', details };
    }
    case 'other':
      return null;
  }
}
