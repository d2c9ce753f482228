// A GmailAdapter over a plain stand-in page at https://mail.google.com (InboxSDK never loads
// outside real Gmail): each `.standin-compose` element is a compose with #to, #subject, a body and
// a Send button. The switches and the drop-down are drawn by the real gmail-dom.ts code; Send
// runs presending, the request modifiers and `sent` in Gmail's order and shows the body that went
// out in the compose's `.sent` element.
import type {
  ChoiceSpec,
  ComposeHandle,
  GmailAdapter,
  RequestModifier,
  SentIds,
  SwitchSpec,
} from '../../../src/extension/content/gmail-adapter.ts';
import { choiceInto, switchBarInto } from '../../../src/extension/content/gmail-dom.ts';

function composeOf(root: HTMLElement, index: number): ComposeHandle {
  const field = (selector: string): HTMLElement => {
    const found = root.querySelector<HTMLElement>(selector);
    if (!found) throw new Error(`the stand-in compose has no ${selector}`);
    return found;
  };
  const status = field('.status');
  const body = field('.body');
  const presending: (() => void)[] = [];
  const modifiers: RequestModifier[] = [];
  const sent: ((ids: SentIds) => void)[] = [];
  field('.send').addEventListener('click', () => {
    void (async () => {
      for (const handler of presending) handler();
      let html = body.innerHTML;
      for (const modifier of modifiers) html = (await modifier({ body: html, isPlainText: false })).body;
      field('.sent').textContent = html;
      for (const handler of sent) handler({ threadId: `18cthread${index}`, messageId: `18cmessage${index}` });
      root.dataset['sent'] = 'true';
    })();
  });
  return {
    addButton: () => undefined,
    addSwitchBar: (label: string, switches: SwitchSpec[]) => switchBarInto(status, label, switches),
    addChoice: (spec: ChoiceSpec) => choiceInto(status, spec),
    getHtml: () => body.innerHTML,
    setHtml: (html) => void (body.innerHTML = html),
    insertLinkAtCursor: () => undefined,
    recipients: () => ({
      to: (field('.to') as HTMLInputElement).value.split(',').map((address) => address.trim()),
      cc: [],
      bcc: [],
    }),
    subject: () => (field('.subject') as HTMLInputElement).value,
    isPlainText: () => false,
    onPresending: (handler) => void presending.push(handler),
    registerRequestModifier: async (modifier) => {
      modifiers.push(modifier);
      return true;
    },
    onSent: (handler) => void sent.push(handler),
  };
}

export function standInGmail(document: Document): GmailAdapter {
  // One handle per compose, as InboxSDK gives every feature the same ComposeView.
  const composes = [...document.querySelectorAll<HTMLElement>('.standin-compose')].map((root, index) => composeOf(root, index + 1));
  return {
    onCompose(handler) {
      composes.forEach((compose) => handler(compose));
    },
    onMessageView: () => undefined,
    onImage: () => undefined,
    showFrameModal() {
      throw new Error('no modal in the stand-in');
    },
    async fetchOriginalMessage(gmailMessageId) {
      return `Message-ID: <${gmailMessageId}@standin.mail.gmail.com>\r\nSubject: stand-in\r\n\r\nbody`;
    },
  };
}
