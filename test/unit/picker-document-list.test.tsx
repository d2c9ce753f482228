// The picker's list of documents while Word and PowerPoint files convert, in the rep's language.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { PickerDocument } from '../../src/shared/messages.ts';
import { DocumentList } from '../../src/extension/ui/picker/document-list.tsx';
import { speakPerTest } from '../support/popup-i18n.ts';

const speak = speakPerTest();

const base = { sizeBytes: 1000, createdAt: '2026-12-02T10:00:00.000Z', failureCode: null };
const documents: PickerDocument[] = [
  { ...base, id: 'doc_AAAAAAAAAAAAAAAAAAAAAA', name: 'Roadmap', pageCount: null, status: 'converting', mine: true },
  {
    ...base,
    id: 'doc_BBBBBBBBBBBBBBBBBBBBBB',
    name: 'Broken deck',
    pageCount: null,
    status: 'failed',
    failureCode: 'memory_limit',
    mine: true,
  },
  { ...base, id: 'doc_CCCCCCCCCCCCCCCCCCCCCC', name: 'Pricing', pageCount: 3, status: 'ready', mine: false },
];

function rows(html: string): string[] {
  return html.split('<li').slice(1);
}

describe('DocumentList', () => {
  it('says which documents still convert or failed; the failed one says why and offers Remove instead of Add', () => {
    speak('fr');
    const [converting, failed, ready] = rows(
      renderToStaticMarkup(
        <DocumentList documents={documents} added={new Map()} onAdd={() => undefined} removing={new Map()} onRemove={() => undefined} />,
      ),
    );
    expect(converting).toContain('Conversion en PDF…');
    expect(converting).toContain('Ajouter à l');
    expect(converting).not.toContain('disabled');
    expect(failed).toContain('Ce document est trop volumineux ou trop complexe pour être converti');
    expect(failed).toContain('enregistrez-le en PDF');
    expect(failed).toContain('>Retirer</button>');
    expect(failed).not.toContain('Ajouter à l');
    expect(ready).toContain('3 pages');
    expect(ready).not.toContain('disabled');
    expect(ready).not.toContain('Retirer');
  });

  it.each([
    ['conversion_timeout', 'nl', 'Het omzetten van dit document duurde te lang'],
    ['gave_up', 'en', 'stopped the conversion several times, so Glint gave up'],
    ['unavailable', 'fr', 'Ce serveur ne peut pas convertir les fichiers Word ou PowerPoint'],
    [null, 'en', 'This document could not be converted to PDF, it may be damaged'],
  ] as const)('words a failed conversion with code %s in %s', (failureCode, locale, sentence) => {
    speak(locale);
    const failed: PickerDocument = {
      ...base,
      id: 'doc_EEEEEEEEEEEEEEEEEEEEEE',
      name: 'Deck',
      pageCount: null,
      status: 'failed',
      failureCode,
      mine: true,
    };
    const [row] = rows(renderToStaticMarkup(<DocumentList documents={[failed]} added={new Map()} onAdd={() => undefined} />));
    expect(row).toContain(sentence.replace(/'/g, '&#x27;'));
  });

  it('offers no Remove for a failed document the rep does not own', () => {
    speak('en');
    const theirs: PickerDocument = {
      ...base,
      id: 'doc_DDDDDDDDDDDDDDDDDDDDDD',
      name: 'Their deck',
      pageCount: null,
      status: 'failed',
      mine: false,
    };
    const [row] = rows(
      renderToStaticMarkup(<DocumentList documents={[theirs]} added={new Map()} onAdd={() => undefined} onRemove={() => undefined} />),
    );
    expect(row).not.toContain('<button');
  });
});
