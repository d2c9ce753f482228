// The picker's list of documents while Word and PowerPoint files convert, in the rep's language.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { PickerDocument } from '../../src/shared/messages.ts';
import { DocumentList } from '../../src/extension/ui/picker/document-list.tsx';
import { installI18n } from '../support/popup-i18n.ts';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

const base = { sizeBytes: 1000, createdAt: '2026-12-02T10:00:00.000Z' };
const documents: PickerDocument[] = [
  { ...base, id: 'doc_AAAAAAAAAAAAAAAAAAAAAA', name: 'Roadmap', pageCount: null, status: 'converting' },
  { ...base, id: 'doc_BBBBBBBBBBBBBBBBBBBBBB', name: 'Broken deck', pageCount: null, status: 'failed' },
  { ...base, id: 'doc_CCCCCCCCCCCCCCCCCCCCCC', name: 'Pricing', pageCount: 3, status: 'ready' },
];

function rows(html: string): string[] {
  return html.split('<li').slice(1);
}

describe('DocumentList', () => {
  it('says which documents still convert or failed, and only the failed one cannot be added', () => {
    uninstall = installI18n('fr');
    const [converting, failed, ready] = rows(
      renderToStaticMarkup(<DocumentList documents={documents} added={new Map()} onAdd={() => undefined} />),
    );
    expect(converting).toContain('Conversion en PDF…');
    expect(converting).not.toContain('disabled');
    expect(failed).toContain('Conversion en PDF impossible');
    expect(failed).toContain('disabled');
    expect(ready).toContain('3 pages');
    expect(ready).not.toContain('disabled');
  });
});
