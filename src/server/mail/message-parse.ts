// Message bytes -> the plain ParsedMessage the classifier reads. The only module that knows
// mailparser. DSN status parts are kept as parts (keepDeliveryStatus), not folded into the body
// text, so the bounce rules read their fields; attached messages and header parts are kept as
// text. Big parts are cut: the classifier needs headers and the first screens of text only.
import { simpleParser, type AddressObject, type HeaderValue } from 'mailparser';
import { messageIdsIn, normaliseAddress, normaliseMessageId } from './message-ids.ts';
import type { MessagePart, ParsedMessage } from './message-types.ts';

const MAX_PART_CHARS = 256 * 1024;
const MAX_BODY_CHARS = 512 * 1024;

function addressesOf(value: AddressObject | AddressObject[] | undefined): string[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: string[] = [];
  const visit = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.address) out.push(normaliseAddress(entry.address));
      if (entry.group) visit(entry.group);
    }
  };
  for (const object of objects) visit(object.value);
  return out;
}

function rawHeaders(lines: ReadonlyArray<{ key: string; line: string }>): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    if (key === '' || colon < 0) continue;
    const value = line
      .slice(colon + 1)
      .replace(/\r?\n[ \t]+/g, ' ')
      .trim();
    (headers[key.toLowerCase()] ??= []).push(value);
  }
  return headers;
}

function structured(value: HeaderValue | undefined): { value: string; params: Record<string, string> } | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date) return null;
  const { value: main, params } = value as { value?: unknown; params?: Record<string, string> };
  return typeof main === 'string' ? { value: main, params: params ?? {} } : null;
}

function isTextual(contentType: string): boolean {
  return contentType.startsWith('message/') || contentType.startsWith('text/');
}

// Some stores and exports put blank lines before the header, which would make it all body.
function withoutLeadingBlankLines(source: Buffer | string): Buffer | string {
  const text = typeof source === 'string' ? source : source.subarray(0, 4096).toString('latin1');
  const skip = /^[ \t]*(?:\r?\n[ \t]*)*\r?\n/.exec(text)?.[0].length ?? 0;
  return skip === 0 ? source : source.slice(skip);
}

/**
 * The body as a person would read it in the raw source, for a broken MIME structure mailparser
 * finds no text in (a boundary parameter on an unfolded line): boundaries and part headers dropped.
 */
function rawBodyText(source: Buffer | string): string {
  const raw = (typeof source === 'string' ? source : source.subarray(0, MAX_BODY_CHARS).toString('utf8')).replace(/\r\n?/g, '\n');
  const start = raw.indexOf('\n\n');
  if (start < 0) return '';
  return raw
    .slice(start + 2)
    .split('\n')
    .filter((line) => !/^--\S/.test(line) && !/^Content-[A-Za-z-]+:/i.test(line) && !/^(?:MIME-Version|boundary=)/i.test(line))
    .join('\n');
}

/** Parses one message; throws when the bytes are not a message mailparser can read. */
export async function parseMessage(source: Buffer | string): Promise<ParsedMessage> {
  const mail = await simpleParser(withoutLeadingBlankLines(source), { keepDeliveryStatus: true, skipImageLinks: true });
  const contentType = structured(mail.headers.get('content-type'));
  const headers = rawHeaders(mail.headerLines);
  const date = mail.headers.get('date');
  const parts: MessagePart[] = mail.attachments
    .map((attachment) => ({ contentType: attachment.contentType.toLowerCase(), attachment }))
    .filter(({ contentType: type }) => isTextual(type))
    .map(({ contentType: type, attachment }) => ({
      contentType: type,
      text: attachment.content.subarray(0, MAX_PART_CHARS).toString('utf8'),
    }));
  return {
    messageId: mail.messageId ? normaliseMessageId(mail.messageId) : null,
    inReplyTo: (headers['in-reply-to'] ?? []).flatMap(messageIdsIn),
    references: (headers['references'] ?? []).flatMap(messageIdsIn),
    from: addressesOf(mail.from),
    fromName: mail.from?.value[0]?.name?.trim().slice(0, 200) || null,
    to: addressesOf(mail.to),
    cc: addressesOf(mail.cc),
    subject: mail.subject ?? '',
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date : null,
    headers,
    contentType: (contentType?.value ?? 'text/plain').toLowerCase(),
    reportType: contentType?.params['report-type']?.toLowerCase() ?? null,
    text: (mail.text ?? (mail.html === false && parts.length === 0 ? rawBodyText(source) : '')).slice(0, MAX_BODY_CHARS),
    html: typeof mail.html === 'string' ? mail.html.slice(0, MAX_BODY_CHARS) : '',
    parts,
  };
}
