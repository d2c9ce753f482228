// The plain-DOM parts of the Gmail adapter (no InboxSDK): the switch bar and the drop-down beside
// it in a compose's status bar, images as GuardedImage, the document-wide image watcher, and the framed modal's message
// channel. Imported by gmail.ts only.
import type { ChoiceControl, ChoiceOption, ChoiceSpec, GuardedImage, SwitchBar, SwitchSpec } from './gmail-adapter.ts';

/** A 1x1 transparent GIF: a neutralised pixel loads this instead (no request, no broken icon). */
const BLANK_GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
const ORIGINAL_ATTR = 'data-glint-src';
const ALLOWED_ATTR = 'data-glint-allowed';

const guarded = new WeakMap<HTMLImageElement, GuardedImage>();

export function guardImage(img: HTMLImageElement): GuardedImage {
  let image = guarded.get(img);
  if (image) return image;
  image = {
    get originalSrc() {
      return img.getAttribute(ORIGINAL_ATTR) ?? img.getAttribute('src') ?? '';
    },
    get neutralised() {
      return img.hasAttribute(ORIGINAL_ATTR);
    },
    neutralise() {
      // Once restored, the decision is final (our own src change must not re-trigger the guard).
      if (img.hasAttribute(ORIGINAL_ATTR) || img.hasAttribute(ALLOWED_ATTR)) return;
      img.setAttribute(ORIGINAL_ATTR, img.getAttribute('src') ?? '');
      img.removeAttribute('srcset');
      img.setAttribute('src', BLANK_GIF);
    },
    restore() {
      const original = img.getAttribute(ORIGINAL_ATTR);
      img.setAttribute(ALLOWED_ATTR, '');
      if (original === null) return;
      img.removeAttribute(ORIGINAL_ATTR);
      img.setAttribute('src', original);
    },
  };
  guarded.set(img, image);
  return image;
}

/** Calls `handler` for every <img> in the document now and every one added or re-pointed later. */
export function watchImages(root: Node, handler: (image: GuardedImage) => void, signal: AbortSignal): void {
  const visit = (node: Node): void => {
    if (node instanceof HTMLImageElement) handler(guardImage(node));
    else if (node instanceof Element || node instanceof DocumentFragment)
      node.querySelectorAll('img').forEach((img) => handler(guardImage(img)));
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') visit(record.target);
      else record.addedNodes.forEach(visit);
    }
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
  visit(root);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
}

const GROUP_STYLE = 'display:flex;gap:16px;align-items:center;padding:4px 12px;font:12px/20px Roboto,Arial,sans-serif;color:inherit';

/** A labelled <select> in the switches' group of `container` (its own group when there is none). */
export function choiceInto(container: HTMLElement, spec: ChoiceSpec): ChoiceControl {
  const doc = container.ownerDocument;
  let group = container.querySelector<HTMLElement>('[data-glint-controls]');
  if (!group) {
    group = doc.createElement('div');
    group.style.cssText = GROUP_STYLE;
    group.dataset['glintControls'] = '';
    container.append(group);
  }
  const wrapper = doc.createElement('label');
  wrapper.style.cssText = 'display:inline-flex;gap:4px;align-items:center';
  const select = doc.createElement('select');
  select.dataset['glintChoice'] = spec.id;
  select.style.cssText = 'font:inherit;color:inherit;background:transparent;max-width:220px';
  const fill = (options: ChoiceOption[], value: string): void => {
    // textContent only: campaign names are the rep's text, never markup.
    select.replaceChildren(
      ...options.map((option) => {
        const element = doc.createElement('option');
        element.value = option.value;
        element.textContent = option.label;
        return element;
      }),
    );
    select.value = value;
  };
  fill(spec.options, spec.value);
  select.addEventListener('change', () => spec.onChange(select.value));
  wrapper.append(doc.createTextNode(spec.label), select);
  // Before the status note, which stays last.
  const note = group.querySelector('[role="status"]');
  if (note) note.before(wrapper);
  else group.append(wrapper);
  return {
    setOptions(options, value, enabled) {
      fill(options, value);
      select.disabled = !enabled;
    },
  };
}

export function switchBarInto(container: HTMLElement, label: string, switches: SwitchSpec[]): SwitchBar {
  const doc = container.ownerDocument;
  const group = doc.createElement('div');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', label);
  // Gmail's own text colour: its dark themes have dark composes.
  group.style.cssText = GROUP_STYLE;
  group.dataset['glintControls'] = '';
  const inputs = new Map<string, HTMLInputElement>();
  for (const spec of switches) {
    const wrapper = doc.createElement('label');
    wrapper.style.cssText = 'display:inline-flex;gap:4px;align-items:center;cursor:pointer';
    const input = doc.createElement('input');
    input.type = 'checkbox';
    input.checked = spec.checked;
    input.dataset['glintSwitch'] = spec.id;
    input.addEventListener('change', () => spec.onChange(input.checked));
    wrapper.append(input, doc.createTextNode(spec.label));
    group.append(wrapper);
    inputs.set(spec.id, input);
  }
  const note = doc.createElement('span');
  note.setAttribute('role', 'status');
  note.style.cssText = 'color:#b3261e';
  group.append(note);
  container.append(group);
  return {
    set(id, checked) {
      const input = inputs.get(id);
      if (input) input.checked = checked;
    },
    setNote(text) {
      note.textContent = text ?? '';
    },
  };
}

/** An iframe for an extension page and a listener for what that frame (and only it) posts. */
export function framedPage(
  url: string,
  width: number,
  height: number,
  onMessage: (data: unknown) => void,
): { el: HTMLElement; stop(): void } {
  const frame = document.createElement('iframe');
  frame.src = url;
  frame.style.cssText = `width:${width}px;max-width:90vw;height:${height}px;max-height:75vh;border:0;display:block`;
  const origin = new URL(url).origin;
  const listener = (event: MessageEvent): void => {
    if (event.source !== frame.contentWindow || event.origin !== origin) return;
    onMessage(event.data);
  };
  window.addEventListener('message', listener);
  return { el: frame, stop: () => window.removeEventListener('message', listener) };
}
