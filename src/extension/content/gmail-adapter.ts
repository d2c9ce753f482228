// The ONE surface the compose features see of Gmail. gmail.ts implements it over InboxSDK (the
// only importer of @inboxsdk/core); test/support/fake-gmail-adapter.ts implements it for tests.
// Every registration takes an AbortSignal: aborting removes what it added.

export interface Recipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

export interface ComposeButtonSpec {
  title: string;
  /** An extension URL (chrome.runtime.getURL) or a data: URL. */
  iconUrl: string;
  onClick(): void;
}

/** A labelled on/off switch shown in the compose (per-email tracking settings). */
export interface SwitchSpec {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}

export interface SwitchBar {
  set(id: string, checked: boolean): void;
  /** A short status next to the switches ("Not tracked: plain text"); null clears it. */
  setNote(text: string | null): void;
}

/** One choice of a drop-down in the compose (value '' is "none"). */
export interface ChoiceOption {
  value: string;
  label: string;
}

/** A labelled drop-down shown beside the switches (the follow-up campaign). */
export interface ChoiceSpec {
  id: string;
  label: string;
  options: ChoiceOption[];
  value: string;
  onChange(value: string): void;
}

export interface ChoiceControl {
  /** Replaces the options and selects `value`; `enabled` false greys it out. */
  setOptions(options: ChoiceOption[], value: string, enabled: boolean): void;
}

/** The body Gmail is about to send, as the request modifier sees it. */
export interface OutgoingBody {
  body: string;
  isPlainText: boolean;
}

export type RequestModifier = (request: OutgoingBody) => Promise<{ body: string }>;

export interface SentIds {
  threadId: string;
  messageId: string;
}

export interface ComposeHandle {
  addButton(spec: ComposeButtonSpec, signal: AbortSignal): void;
  /** `label` names the group for assistive technology. */
  addSwitchBar(label: string, switches: SwitchSpec[], signal: AbortSignal): SwitchBar;
  /** A drop-down in the same bar as the switches. */
  addChoice(spec: ChoiceSpec, signal: AbortSignal): ChoiceControl;
  getHtml(): string;
  setHtml(html: string): void;
  insertLinkAtCursor(text: string, url: string): void;
  recipients(): Recipients;
  subject(): string;
  /** Best effort before send (Gmail's plain-text mode); the request modifier's flag is the truth. */
  isPlainText(): boolean;
  /** Synchronous: runs just before Gmail sends. Changes to the body here go out. */
  onPresending(handler: () => void, signal: AbortSignal): void;
  /**
   * Rewrites the real send request. Registration waits for the draft to have an id; resolves
   * true once registered, false if the compose closed first. The modifier must always resolve.
   */
  registerRequestModifier(modifier: RequestModifier, signal: AbortSignal): Promise<boolean>;
  onSent(handler: (ids: SentIds) => void, signal: AbortSignal): void;
}

/** An <img> in a message Gmail shows (or in a compose), as the self-view guard handles it. */
export interface GuardedImage {
  /** The src it came with (also after neutralise()). */
  readonly originalSrc: string;
  readonly neutralised: boolean;
  /** Stops it from loading: blanks the src and remembers the original. */
  neutralise(): void;
  /** Puts the original src back (someone else's pixel: their recipient's open is real). Final:
   *  neutralise() does nothing afterwards. */
  restore(): void;
}

export interface MessageViewHandle {
  /** The rep sent this message (the From is the signed-in Gmail user). */
  isSentByMe(): boolean;
  /** The images of its body. */
  images(): GuardedImage[];
}

export interface FrameModalSpec {
  title: string;
  /** An extension page (chrome.runtime.getURL). */
  url: string;
  width: number;
  height: number;
  /** Messages the frame posts to its parent; only from that frame and the extension's origin. */
  onMessage(data: unknown): void;
  onClose?(): void;
}

export interface GmailAdapter {
  onCompose(handler: (compose: ComposeHandle) => void, signal: AbortSignal): void;
  onMessageView(handler: (view: MessageViewHandle) => void, signal: AbortSignal): void;
  /** Every <img> added anywhere in Gmail, as soon as it is in the document. */
  onImage(handler: (image: GuardedImage) => void, signal: AbortSignal): void;
  showFrameModal(spec: FrameModalSpec): { close(): void };
  /** The raw RFC 822 source of a sent message (Gmail's "Show original"). */
  fetchOriginalMessage(gmailMessageId: string): Promise<string>;
}
