// A Gmail for tests: implements the GmailAdapter interface of src/extension/content/gmail-adapter.ts
// the way InboxSDK behaves where it matters (presending is synchronous and runs before the send
// request; request modifiers register only once the draft has an id and rewrite the request
// after presending; `sent` comes with Gmail's ids; images are seen as they enter the document
// and message views come after). Tests drive it: openCompose(), compose.send(), showMessage().
import type {
  ChoiceControl,
  ChoiceOption,
  ChoiceSpec,
  ComposeButtonSpec,
  ComposeHandle,
  FrameModalSpec,
  GmailAdapter,
  GuardedImage,
  MessageViewHandle,
  Recipients,
  RequestModifier,
  SentIds,
  SwitchBar,
  SwitchSpec,
} from '../../src/extension/content/gmail-adapter.ts';

type Listener<T> = (value: T) => void;

/** A listener set whose entries go away when their signal aborts. */
class Listeners<T> {
  readonly items = new Set<Listener<T>>();
  add(listener: Listener<T>, signal: AbortSignal): void {
    if (signal.aborted) return;
    this.items.add(listener);
    signal.addEventListener('abort', () => this.items.delete(listener), { once: true });
  }
  emit(value: T): void {
    for (const listener of [...this.items]) listener(value);
  }
  get size(): number {
    return this.items.size;
  }
}

export class FakeSwitchBar implements SwitchBar {
  note: string | null = null;
  readonly state = new Map<string, boolean>();
  readonly label: string;
  readonly specs: SwitchSpec[];

  constructor(label: string, specs: SwitchSpec[]) {
    this.label = label;
    this.specs = specs;
    for (const spec of specs) this.state.set(spec.id, spec.checked);
  }
  set(id: string, checked: boolean): void {
    this.state.set(id, checked);
  }
  setNote(text: string | null): void {
    this.note = text;
  }
  /** What the rep does: flips the switch in the UI. */
  click(id: string): void {
    const spec = this.specs.find((candidate) => candidate.id === id);
    if (!spec) throw new Error(`no switch ${id}`);
    const checked = !this.state.get(id);
    this.state.set(id, checked);
    spec.onChange(checked);
  }
}

export class FakeChoice implements ChoiceControl {
  readonly spec: ChoiceSpec;
  options: ChoiceOption[];
  value: string;
  enabled = true;

  constructor(spec: ChoiceSpec) {
    this.spec = spec;
    this.options = spec.options;
    this.value = spec.value;
  }
  setOptions(options: ChoiceOption[], value: string, enabled: boolean): void {
    this.options = options;
    this.value = value;
    this.enabled = enabled;
  }
  /** What the rep does: picks an option in the drop-down. */
  pick(value: string): void {
    if (!this.enabled) throw new Error('the drop-down is disabled');
    if (!this.options.some((option) => option.value === value)) throw new Error(`no option ${value}`);
    this.value = value;
    this.spec.onChange(value);
  }
}

export interface SendResult {
  /** The body Gmail's send request carried. */
  sentBody: string;
  ids: SentIds;
}

export class FakeCompose implements ComposeHandle {
  html = '<div dir="ltr">Hello</div>';
  subjectText = 'Proposal';
  to: string[] = ['buyer@customer.example'];
  cc: string[] = [];
  bcc: string[] = [];
  plainText = false;
  draft: string | null = null;
  destroyed = false;
  readonly buttons: ComposeButtonSpec[] = [];
  readonly switchBars: FakeSwitchBar[] = [];
  readonly choices: FakeChoice[] = [];
  readonly inserted: { text: string; url: string }[] = [];
  readonly presending = new Listeners<void>();
  readonly sent = new Listeners<SentIds>();
  readonly modifiers: RequestModifier[] = [];
  #waitingForDraft: (() => void)[] = [];
  #sendCount = 0;

  addButton(spec: ComposeButtonSpec, signal: AbortSignal): void {
    this.buttons.push(spec);
    signal.addEventListener('abort', () => this.buttons.splice(this.buttons.indexOf(spec), 1), { once: true });
  }
  addSwitchBar(label: string, switches: SwitchSpec[]): SwitchBar {
    const bar = new FakeSwitchBar(label, switches);
    this.switchBars.push(bar);
    return bar;
  }
  addChoice(spec: ChoiceSpec): ChoiceControl {
    const choice = new FakeChoice(spec);
    this.choices.push(choice);
    return choice;
  }
  getHtml(): string {
    return this.html;
  }
  setHtml(html: string): void {
    this.html = html;
  }
  insertLinkAtCursor(text: string, url: string): void {
    this.inserted.push({ text, url });
    this.html += `<a href="${url}">${text}</a>`;
  }
  recipients(): Recipients {
    return { to: [...this.to], cc: [...this.cc], bcc: [...this.bcc] };
  }
  subject(): string {
    return this.subjectText;
  }
  isPlainText(): boolean {
    return this.plainText;
  }
  onPresending(handler: () => void, signal: AbortSignal): void {
    this.presending.add(handler, signal);
  }
  registerRequestModifier(modifier: RequestModifier, signal: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const register = (): void => {
        if (this.destroyed || signal.aborted) return resolve(false);
        this.modifiers.push(modifier);
        resolve(true);
      };
      if (this.draft) register();
      else this.#waitingForDraft.push(register);
    });
  }
  onSent(handler: (ids: SentIds) => void, signal: AbortSignal): void {
    this.sent.add(handler, signal);
  }

  /** Gmail saved the draft: it has an id now, and waiting request modifiers register. */
  async saveDraft(id = 'r-1234567890'): Promise<void> {
    this.draft = id;
    for (const register of this.#waitingForDraft.splice(0)) register();
    await Promise.resolve();
  }

  /** The rep clicks Send: presending, then the send request through every modifier, then `sent`. */
  async send(ids?: Partial<SentIds>): Promise<SendResult> {
    this.presending.emit();
    let body = this.html;
    for (const modifier of this.modifiers) body = (await modifier({ body, isPlainText: this.plainText })).body;
    this.#sendCount++;
    const sentIds: SentIds = {
      threadId: ids?.threadId ?? `18c0thread${this.#sendCount}`,
      messageId: ids?.messageId ?? `18c0message${this.#sendCount}`,
    };
    this.sent.emit(sentIds);
    this.destroyed = true;
    return { sentBody: body, ids: sentIds };
  }
}

export class FakeImage implements GuardedImage {
  /** Every src the browser would have fetched, in order. */
  readonly fetched: string[] = [];
  src: string;
  readonly originalSrc: string;

  constructor(originalSrc: string) {
    this.originalSrc = originalSrc;
    this.src = originalSrc;
  }
  get neutralised(): boolean {
    return this.src !== this.originalSrc;
  }
  #allowed = false;
  neutralise(): void {
    if (!this.#allowed) this.src = 'data:,';
  }
  restore(): void {
    this.#allowed = true;
    this.src = this.originalSrc;
  }
  /** The browser gets to load it now: records what it would fetch. */
  load(): void {
    if (this.src.startsWith('http')) this.fetched.push(this.src);
  }
}

export class FakeMessageView implements MessageViewHandle {
  readonly imageList: FakeImage[];
  readonly sentByMe: boolean;

  constructor(imageList: FakeImage[], sentByMe: boolean) {
    this.imageList = imageList;
    this.sentByMe = sentByMe;
  }
  isSentByMe(): boolean {
    return this.sentByMe;
  }
  images(): GuardedImage[] {
    return this.imageList;
  }
}

export interface FakeModal {
  spec: FrameModalSpec;
  closed: boolean;
  /** The frame posts a message to its parent. */
  post(data: unknown): void;
}

export class FakeGmail implements GmailAdapter {
  readonly composes = new Listeners<ComposeHandle>();
  readonly messageViews = new Listeners<MessageViewHandle>();
  readonly images = new Listeners<GuardedImage>();
  readonly modals: FakeModal[] = [];
  /** Raw sources by Gmail message id for fetchOriginalMessage; an Error makes it fail. */
  readonly originals = new Map<string, string | Error>();
  readonly originalRequests: string[] = [];

  onCompose(handler: (compose: ComposeHandle) => void, signal: AbortSignal): void {
    this.composes.add(handler, signal);
  }
  onMessageView(handler: (view: MessageViewHandle) => void, signal: AbortSignal): void {
    this.messageViews.add(handler, signal);
  }
  onImage(handler: (image: GuardedImage) => void, signal: AbortSignal): void {
    this.images.add(handler, signal);
  }
  showFrameModal(spec: FrameModalSpec): { close(): void } {
    const modal: FakeModal = {
      spec,
      closed: false,
      post: (data) => {
        if (!modal.closed) spec.onMessage(data);
      },
    };
    this.modals.push(modal);
    return {
      close: () => {
        modal.closed = true;
        spec.onClose?.();
      },
    };
  }
  async fetchOriginalMessage(gmailMessageId: string): Promise<string> {
    this.originalRequests.push(gmailMessageId);
    const raw = this.originals.get(gmailMessageId);
    if (raw === undefined) throw new Error(`Gmail does not know message ${gmailMessageId} yet`);
    if (raw instanceof Error) throw raw;
    return raw;
  }

  /** The rep opens a compose window. */
  openCompose(setup: Partial<Pick<FakeCompose, 'html' | 'subjectText' | 'to' | 'cc' | 'bcc' | 'plainText' | 'draft'>> = {}): FakeCompose {
    const compose = Object.assign(new FakeCompose(), setup);
    this.composes.emit(compose);
    return compose;
  }

  /** Gmail renders a message: its images enter the document, then InboxSDK reports the view. */
  showMessage(srcs: string[], sentByMe: boolean): { view: FakeMessageView; images: FakeImage[] } {
    const images = srcs.map((src) => new FakeImage(src));
    for (const image of images) this.images.emit(image);
    for (const image of images) image.load();
    const view = new FakeMessageView(images, sentByMe);
    this.messageViews.emit(view);
    return { view, images };
  }
}
