// The new text of a reply: the quoted message and what introduces it are cut off. The attribution
// lines of the usual clients ("On ... wrote:", "Le ... a écrit :", "Op ... schreef ...:",
// "Am ... schrieb ...:"), Outlook's "From: ... Sent:" header blocks and "Original Message"
// separators are cut here first (also when wrapped over two lines), then email-reply-parser drops
// ">" quotes and the signatures it knows.
import EmailReplyParser from 'email-reply-parser';

const MAX_INPUT_CHARS = 20_000;
export const FIRST_LINES_MAX = 300;

const ATTRIBUTION = new RegExp(
  [
    // Attribution lines, possibly wrapped over two lines by the client.
    '^[ \\t>]*(?:On|Le|Op|Am|El|Il)\\s[^\\n]{0,200}(?:\\n[^\\n]{0,200})?\\s(?:wrote|a [ée]crit|schreef|schrieb|escribi[óo]|ha scritto)[^\\n]{0,80}:[ \\t]*$',
    // Outlook: a From line followed by a Sent/Date line, in the four languages.
    '^[ \\t>*]*(?:From|De|Van|Von)\\s?:[^\\n]*\\n[ \\t>*]*(?:Sent|Date|Envoy[ée]|Verzonden|Datum|Gesendet)\\s?:',
    '^[ \\t>]*-{2,}\\s*(?:Original Message|Message d.origine|Oorspronkelijk bericht|Urspr[üu]ngliche Nachricht|Forwarded message|Message transf[ée]r[ée]|Doorgestuurd bericht|Weitergeleitete Nachricht)\\s*-{2,}',
    '^[ \\t]*_{20,}[ \\t]*$',
    // Any other client's attribution: a line naming an address or a year, ending in ":", then a quote.
    '^[^\\n>]*(?:@|\\d{4})[^\\n]{0,300}(?:\\n(?![ \\t]*>)[^\\n]{0,200})?:[ \\t]*\\n(?:[ \\t]*\\n)?[ \\t]*>',
  ].join('|'),
  'im',
);

/** The message's own new text, quoted part removed, lines kept. */
export function newTextOf(text: string): string {
  let body = text.slice(0, MAX_INPUT_CHARS).replace(/\r\n?/g, '\n');
  const attribution = ATTRIBUTION.exec(body);
  if (attribution) {
    const above = body.slice(0, attribution.index);
    // Bottom-posted replies (the new text below the quote) keep what follows, quotes dropped.
    body = above.trim() !== '' ? above : body.slice(attribution.index + attribution[0].length).replace(/^.*$/m, '');
  }
  const unquoted = body.replace(/^[ \t]*>.*$/gm, '');
  const visible = new EmailReplyParser().read(body).getVisibleText();
  return visible.trim() === '' ? unquoted : visible;
}

/** The first lines of the new text, whitespace folded, at most FIRST_LINES_MAX characters. */
export function firstLinesOf(newText: string): string | null {
  const folded = newText.replace(/\s+/g, ' ').trim();
  if (folded === '') return null;
  if (folded.length <= FIRST_LINES_MAX) return folded;
  return `${folded.slice(0, FIRST_LINES_MAX - 1).trimEnd()}…`;
}
