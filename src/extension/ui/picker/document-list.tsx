// The rep's documents: name, page count and an "Add to email" button each. A document added to
// this email stays marked, so the rep can add several without losing track. A Word or PowerPoint
// file still converting can be added already (its link waits for it); one whose conversion failed
// says so and cannot.
import type { PickerDocument } from '../../../shared/messages.ts';
import { t } from '../../data/i18n.ts';

export type AddState = { status: 'adding' } | { status: 'added' } | { status: 'failed'; message: string };

function pages(document: PickerDocument): string {
  if (document.status === 'converting') return t('compose_picker_converting');
  const count = document.pageCount;
  if (count === null || document.status === 'failed') return '';
  return count === 1 ? t('compose_picker_pages_one') : t('compose_picker_pages_other', String(count));
}

interface Props {
  documents: readonly PickerDocument[];
  added: ReadonlyMap<string, AddState>;
  onAdd(document: PickerDocument): void;
}

export function DocumentList({ documents, added, onAdd }: Props) {
  return (
    <ul className="picker-documents" aria-label={t('compose_picker_listLabel')}>
      {documents.map((document) => {
        const state = added.get(document.id);
        return (
          <li key={document.id} className="picker-document">
            <bdi className="picker-document-name" title={document.name}>
              {document.name}
            </bdi>
            <span className="picker-document-pages">{pages(document)}</span>
            {document.status === 'failed' && (
              <span className="picker-document-error" role="alert">
                {t('compose_picker_conversionFailed')}
              </span>
            )}
            {state?.status === 'failed' && (
              <span className="picker-document-error" role="alert">
                {state.message}
              </span>
            )}
            <button
              type="button"
              className={state?.status === 'added' ? 'picker-added' : 'picker-add'}
              disabled={document.status === 'failed' || state?.status === 'adding' || state?.status === 'added'}
              onClick={() => onAdd(document)}
            >
              {state?.status === 'adding'
                ? t('compose_picker_adding')
                : state?.status === 'added'
                  ? t('compose_picker_added')
                  : t('compose_picker_add')}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
