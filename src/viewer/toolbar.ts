// Page navigation: previous/next buttons, "Page x of n", the keyboard (arrows, Page Up/Down,
// Home/End, j/k) and the download button when the rep allowed downloads.
import type { Translate } from './messages.ts';

export interface ToolbarOptions {
  doc: Document;
  t: Translate;
  pageCount: number;
  downloadUrl: string | null;
  goTo: (page: number) => void;
  signal: AbortSignal;
}

export interface Toolbar {
  showPage: (page: number) => void;
}

function element<T extends HTMLElement>(doc: Document, id: string): T {
  const found = doc.getElementById(id);
  if (!found) throw new Error(`viewer page lacks #${id}`);
  return found as T;
}

export function createToolbar(options: ToolbarOptions): Toolbar {
  const { doc, t, pageCount, signal } = options;
  const prev = element<HTMLButtonElement>(doc, 'prev');
  const next = element<HTMLButtonElement>(doc, 'next');
  const position = element<HTMLElement>(doc, 'position');
  const download = element<HTMLAnchorElement>(doc, 'download');
  let current = 1;

  prev.setAttribute('aria-label', t('previous'));
  prev.title = t('previous');
  next.setAttribute('aria-label', t('next'));
  next.title = t('next');
  const go = (page: number): void => options.goTo(Math.min(Math.max(page, 1), pageCount));
  prev.addEventListener('click', () => go(current - 1), { signal });
  next.addEventListener('click', () => go(current + 1), { signal });

  if (options.downloadUrl) {
    download.href = options.downloadUrl;
    download.textContent = t('download');
    download.hidden = false;
  }

  const KEYS: Record<string, () => number> = {
    ArrowLeft: () => current - 1,
    ArrowRight: () => current + 1,
    PageUp: () => current - 1,
    PageDown: () => current + 1,
    k: () => current - 1,
    j: () => current + 1,
    Home: () => 1,
    End: () => pageCount,
  };
  doc.addEventListener(
    'keydown',
    (event) => {
      const target = event.target as HTMLElement | null;
      if (event.altKey || event.ctrlKey || event.metaKey || target?.closest('input, textarea')) return;
      const pick = KEYS[event.key];
      if (!pick) return;
      event.preventDefault();
      go(pick());
    },
    { signal },
  );

  const showPage = (page: number): void => {
    current = page;
    position.textContent = t('pageOf', { page, count: pageCount });
    prev.disabled = page <= 1;
    next.disabled = page >= pageCount;
  };
  showPage(1);
  return { showPage };
}
