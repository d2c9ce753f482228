// Which tracked email does a message answer or return? In order of strength: In-Reply-To, then
// References (newest first), then the Message-ID of a returned copy (a bounce's message/rfc822 or
// text/rfc822-headers part, or a copy pasted into the notice's text), then a Glint pixel or click
// URL in the body (a quoted copy whose headers a client or a forward dropped). Only the rep's own
// tracked emails match: a token of someone else's email is ignored.
import { messageIdsIn, normaliseMessageId, trackingTokensIn } from './message-ids.ts';
import type { ParsedMessage, TrackedEmail } from './message-types.ts';

export interface TrackedIndex {
  byMessageId: Map<string, TrackedEmail>;
  byToken: Map<string, TrackedEmail>;
}

export function indexTrackedEmails(emails: readonly TrackedEmail[]): TrackedIndex {
  const byMessageId = new Map<string, TrackedEmail>();
  const byToken = new Map<string, TrackedEmail>();
  for (const email of emails) {
    const id = email.messageId ? normaliseMessageId(email.messageId) : null;
    const known = id === null ? undefined : byMessageId.get(id);
    // One Message-ID registered for two emails (`glint email create --message-id` run twice, as
    // two README walkthroughs on one server do): the newest is the one being answered and
    // followed up, whatever order the store gave; else its campaign would miss the reply.
    if (id !== null && (known === undefined || email.sentAt > known.sentAt)) byMessageId.set(id, email);
    byToken.set(email.token, email);
  }
  return { byMessageId, byToken };
}

const MESSAGE_ID_LINE = /^[ \t>]*Message-ID[ \t]*:[ \t]*(?:\r?\n[ \t]+)?(<[^<>\s]+>|[^<>\s]+@[^<>\s]+)/gim;

/** Message-IDs of returned copies: attached messages and header parts first, then the text. */
function returnedMessageIds(message: ParsedMessage): string[] {
  const sources = [
    ...message.parts.filter((part) => part.contentType.includes('rfc822') || part.contentType === 'text/plain').map((part) => part.text),
    message.text,
  ];
  return sources.flatMap((text) => [...text.matchAll(MESSAGE_ID_LINE)].flatMap((match) => messageIdsIn(match[1] ?? '')));
}

function firstKnown(ids: Iterable<string>, index: TrackedIndex): TrackedEmail | null {
  for (const id of ids) {
    const email = index.byMessageId.get(id);
    if (email) return email;
  }
  return null;
}

/** Where a quoted pixel or click URL can be: the body as text and as HTML, and the other parts. */
function textsOf(message: ParsedMessage): string[] {
  return [message.text, message.html, ...message.parts.map((part) => part.text)];
}

/**
 * Every Message-ID and tracking token by which the message could name a tracked email, for
 * looking up only those emails before matching.
 */
export function referencesOf(message: ParsedMessage): { messageIds: string[]; tokens: string[] } {
  const messageIds = new Set([...message.inReplyTo, ...message.references, ...returnedMessageIds(message)]);
  return { messageIds: [...messageIds], tokens: [...new Set(textsOf(message).flatMap(trackingTokensIn))] };
}

export function matchTrackedEmail(message: ParsedMessage, index: TrackedIndex): TrackedEmail | null {
  const byHeaders = firstKnown(message.inReplyTo, index) ?? firstKnown([...message.references].reverse(), index);
  if (byHeaders) return byHeaders;
  const byReturnedCopy = firstKnown(returnedMessageIds(message), index);
  if (byReturnedCopy) return byReturnedCopy;
  for (const text of textsOf(message)) {
    for (const token of trackingTokensIn(text)) {
      const email = index.byToken.get(token);
      if (email) return email;
    }
  }
  return null;
}
