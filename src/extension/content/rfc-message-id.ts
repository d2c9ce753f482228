// Reads the RFC 5322 Message-ID of a sent message from its raw source (Gmail's "Show original"),
// for reply matching on the server: replies name it in In-Reply-To / References.

/** The Message-ID header's value ("<id@host>") from the header block, or null. */
export function parseRfcMessageId(raw: string): string | null {
  const normalised = raw.replace(/\r\n?/g, '\n');
  const end = normalised.search(/\n\n/);
  const headers = (end === -1 ? normalised : normalised.slice(0, end))
    // Unfold continuation lines (RFC 5322 2.2.3).
    .replace(/\n[ \t]+/g, ' ');
  const match = /^message-id:[ \t]*(<[^<>\s]{1,990}>)/im.exec(headers);
  return match?.[1] ?? null;
}
