// Text that people typed or pasted (email subjects, document titles) and that Glint shows to
// others: the popup, notifications, the viewer, recipient pages, the CLI. Control characters (NUL,
// CR/LF, escape sequences) and bidi controls (U+202E turns "fdp.exe" into "exe.pdf") are taken out
// where the text enters; where it is shown it is also isolated, so right-to-left text in it cannot
// reorder what stands around it.

/** C0 (NUL, CR, LF, TAB, ESC ...), DEL and C1 controls; bidi embeddings, overrides, isolates and marks. */
const CONTROLS = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/g;

/** One line of plain text: line breaks become spaces, other controls go, runs of spaces fold, ends trimmed. */
export function cleanDisplayText(text: string): string {
  return text.replace(LINE_BREAKS, ' ').replace(CONTROLS, '').replace(/ {2,}/g, ' ').trim();
}

/** Hebrew, Arabic, Syriac, Thaana, N'Ko ... and their presentation forms: what can reorder its neighbours. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * For plain-text sinks without markup (notifications, the CLI): text with right-to-left letters is
 * wrapped in FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE; other text is left as it is.
 */
export function isolateBidi(text: string): string {
  return RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text;
}
