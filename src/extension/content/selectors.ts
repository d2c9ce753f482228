// Every Gmail selector and URL shape Glint relies on, in one place: when Gmail changes, this is
// the file to fix. InboxSDK covers the rest.
export const GMAIL = {
  /**
   * Gmail's compose form carries a hidden `ishtml` field: "0" in plain-text mode. Best effort,
   * for the presending fallback only; the request modifier gets Gmail's own flag.
   */
  plainTextField: 'input[name="ishtml"]',
  /** "Show original" page: the raw RFC 822 source of a message. */
  rawMessage: '#raw_message_text, pre.raw_message_text',
  /** The account part of Gmail's URL (/mail/u/1/), so "Show original" asks the right account. */
  accountPath: /^\/mail\/u\/\d+\//,
} as const;

/** Gmail's "Show original" URL for a message id of the `sent` event. */
export function originalMessageUrl(origin: string, pathname: string, gmailMessageId: string): string {
  const account = GMAIL.accountPath.exec(pathname)?.[0] ?? '/mail/u/0/';
  return `${origin}${account}?view=om&th=${encodeURIComponent(gmailMessageId)}`;
}
