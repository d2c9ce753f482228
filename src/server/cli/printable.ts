// What the CLI prints of text others typed (subjects, document titles, reply lines, click
// destinations) goes to a terminal: control characters (C0, DEL, C1 such as the 8-bit CSI) and
// bidi controls are shown as \u escapes, never obeyed.
export function printable(text: string): string {
  return text.replace(
    /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
