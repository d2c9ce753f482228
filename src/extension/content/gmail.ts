// The GmailAdapter over InboxSDK 2: the ONLY module that imports @inboxsdk/core. InboxSDK loads
// asynchronously (and never outside real Gmail); registrations made before that are queued.
// Everything here is translation: Glint's logic lives in features/.
import * as InboxSDK from '@inboxsdk/core';
import type {
  ComposeButtonSpec,
  ComposeHandle,
  FrameModalSpec,
  GmailAdapter,
  MessageViewHandle,
  RequestModifier,
  SentIds,
} from './gmail-adapter.ts';
import { choiceInto, framedPage, guardImage, switchBarInto, watchImages } from './gmail-dom.ts';
import { GMAIL, originalMessageUrl } from './selectors.ts';

type Sdk = InboxSDK.InboxSDK;
type ComposeView = Parameters<Parameters<Sdk['Compose']['registerComposeViewHandler']>[0]>[0];
type ButtonDescriptor = Parameters<ComposeView['addButton']>[0];

/** Gmail's send request must never wait on Glint for long, whatever happens. */
const MODIFIER_TIMEOUT_MS = 4_000;

/** A Kefir-shaped observable (InboxSDK accepts one as a descriptor): lets a button be removed. */
function descriptorStream<T>(initial: T): { stream: ButtonDescriptor; set(value: T): void } {
  let current = initial;
  const listeners = new Set<(event: { type: 'value'; value: T }) => void>();
  const stream = {
    onAny(listener: (event: { type: 'value'; value: T }) => void) {
      listeners.add(listener);
      listener({ type: 'value', value: current });
    },
    offAny(listener: (event: { type: 'value'; value: T }) => void) {
      listeners.delete(listener);
    },
  };
  return {
    stream: stream as unknown as ButtonDescriptor,
    set(value) {
      current = value;
      for (const listener of listeners) listener({ type: 'value', value });
    },
  };
}

function on(
  view: {
    on(event: string, listener: (...args: never[]) => void): unknown;
    off?(event: string, listener: (...args: never[]) => void): unknown;
  },
  event: string,
  listener: (...args: never[]) => void,
  signal: AbortSignal,
): void {
  view.on(event, listener);
  signal.addEventListener('abort', () => view.off?.(event, listener), { once: true });
}

function withTimeout(modifier: RequestModifier, body: string, isPlainText: boolean): Promise<{ body: string }> {
  const unchanged = { body };
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(unchanged), MODIFIER_TIMEOUT_MS);
    modifier({ body, isPlainText })
      .then((result) => resolve(typeof result?.body === 'string' ? result : unchanged))
      .catch(() => resolve(unchanged))
      .finally(() => clearTimeout(timer));
  });
}

function composeHandle(view: ComposeView): ComposeHandle {
  const emitter = view as unknown as Parameters<typeof on>[0];
  const addresses = (list: { emailAddress: string }[]): string[] => list.map((contact) => contact.emailAddress);
  // One status bar per compose, shared by the switches and the drop-down beside them.
  let statusBar: { el: HTMLElement } | null = null;
  const statusBarEl = (signal: AbortSignal): HTMLElement => {
    if (!statusBar) {
      const created = view.addStatusBar({ height: 30, addAboveNativeStatusBar: true });
      signal.addEventListener('abort', () => created.destroy(), { once: true });
      statusBar = created;
    }
    return statusBar.el;
  };
  return {
    addButton(spec: ComposeButtonSpec, signal) {
      const { stream, set } = descriptorStream<ComposeButtonSpec | null>(spec);
      view.addButton(stream);
      signal.addEventListener('abort', () => set(null), { once: true });
    },
    addSwitchBar(label, switches, signal) {
      return switchBarInto(statusBarEl(signal), label, switches);
    },
    addChoice(spec, signal) {
      return choiceInto(statusBarEl(signal), spec);
    },
    getHtml: () => view.getHTMLContent(),
    setHtml: (html) => view.setBodyHTML(html),
    insertLinkAtCursor: (text, url) => void view.insertLinkIntoBodyAtCursor(text, url),
    recipients: () => ({
      to: addresses(view.getToRecipients()),
      cc: addresses(view.getCcRecipients()),
      bcc: addresses(view.getBccRecipients()),
    }),
    subject: () => view.getSubject(),
    isPlainText: () => view.getElement().querySelector<HTMLInputElement>(GMAIL.plainTextField)?.value === '0',
    onPresending: (handler, signal) => on(emitter, 'presending', () => handler(), signal),
    registerRequestModifier(modifier, signal) {
      return new Promise<boolean>((resolve) => {
        if (signal.aborted) return resolve(false);
        const attempt = (): boolean => {
          try {
            // InboxSDK throws until Gmail has given the draft an id: retried at each draftSaved.
            view.registerRequestModifier(({ body, isPlainText }) => withTimeout(modifier, body, isPlainText ?? false));
            resolve(true);
            return true;
          } catch {
            return false;
          }
        };
        if (attempt()) return;
        const stop = new AbortController();
        const both = AbortSignal.any([signal, stop.signal]);
        on(emitter, 'draftSaved', () => attempt() && stop.abort(), both);
        on(
          emitter,
          'destroy',
          () => {
            stop.abort();
            resolve(false);
          },
          both,
        );
        signal.addEventListener('abort', () => resolve(false), { once: true });
      });
    },
    onSent(handler, signal) {
      on(
        emitter,
        'sent',
        ((event: { getThreadID(): Promise<string>; getMessageID(): Promise<string> }) => {
          void Promise.all([event.getThreadID(), event.getMessageID()])
            .then(([threadId, messageId]): void => handler({ threadId, messageId } satisfies SentIds))
            .catch((error: unknown) => console.warn('Glint: no ids for the sent email', error));
        }) as (...args: never[]) => void,
        signal,
      );
    },
  };
}

export function createGmailAdapter(appId: string, signal: AbortSignal): GmailAdapter {
  let loaded: Sdk | null = null;
  // The content script starts at document_start (for the image guard); InboxSDK wants a <head>.
  const domReady =
    document.readyState === 'loading'
      ? new Promise<void>((resolve) => document.addEventListener('DOMContentLoaded', () => resolve(), { once: true }))
      : Promise.resolve();
  const sdk = domReady.then(() => InboxSDK.load(2, appId)).then((instance) => (loaded = instance));
  sdk.catch((error: unknown) => console.error('Glint: InboxSDK did not load', error));
  const handles = new WeakMap<ComposeView, ComposeHandle>();
  const handleOf = (view: ComposeView): ComposeHandle => {
    let handle = handles.get(view);
    if (!handle) handles.set(view, (handle = composeHandle(view)));
    return handle;
  };
  const whenLoaded = (register: (instance: Sdk) => () => void, until: AbortSignal): void => {
    void sdk.then((instance) => {
      if (until.aborted) return;
      const unregister = register(instance);
      until.addEventListener('abort', unregister, { once: true });
    });
  };
  const requireSdk = (): Sdk => {
    if (!loaded) throw new Error('InboxSDK is not loaded yet');
    return loaded;
  };

  return {
    onCompose: (handler, until) =>
      whenLoaded((instance) => instance.Compose.registerComposeViewHandler((view) => handler(handleOf(view))), until),
    onMessageView(handler, until) {
      whenLoaded(
        (instance) =>
          instance.Conversations.registerMessageViewHandler((view) => {
            const handle: MessageViewHandle = {
              isSentByMe: () => view.getSender().emailAddress.toLowerCase() === instance.User.getEmailAddress().toLowerCase(),
              images: () => [...view.getBodyElement().querySelectorAll('img')].map(guardImage),
            };
            handler(handle);
          }),
        until,
      );
    },
    onImage: (handler, until) => watchImages(document.documentElement, handler, AbortSignal.any([signal, until])),
    showFrameModal(spec: FrameModalSpec) {
      const page = framedPage(spec.url, spec.width, spec.height, spec.onMessage);
      const modal = requireSdk().Widgets.showModalView({ el: page.el, title: spec.title, showCloseButton: true });
      modal.on('destroy', () => {
        page.stop();
        spec.onClose?.();
      });
      return { close: () => modal.close() };
    },
    async fetchOriginalMessage(gmailMessageId) {
      const response = await fetch(originalMessageUrl(location.origin, location.pathname, gmailMessageId), { credentials: 'include' });
      if (!response.ok) throw new Error(`Gmail answered HTTP ${response.status} for the original message`);
      const html = await response.text();
      const raw = new DOMParser().parseFromString(html, 'text/html').querySelector(GMAIL.rawMessage)?.textContent;
      return raw ?? html;
    },
  };
}
