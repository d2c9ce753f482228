// The rep's documents: name, page count and an "Add to email" button each. A document added to
// this email stays marked, so the rep can add several without losing track. A Word or PowerPoint
// file still converting can be added already (its link waits for it). One whose conversion failed
// cannot be added: it says why in the rep's words (one sentence per failure code) and offers Remove (the rep would otherwise keep
// a dead entry they cannot use, or lose track of why their file is missing).
import type { PickerDocument } from '../../../shared/messages.ts';
import { t } from '../../data/i18n.ts';
import { conversionFailureText } from './conversion-failure-words.ts';

export type AddState = { status: 'adding' } | { status: 'added' } | { status: 'failed'; message: string };
export type RemoveState = { status: 'removing' } | { status: 'failed'; message: string };

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
  removing?: ReadonlyMap<string, RemoveState>;
  onRemove?(document: PickerDocument): void;
}

function AddButton({ state, onAdd }: { state: AddState | undefined; onAdd(): void }) {
  return (
    <button
      type="button"
      className={state?.status === 'added' ? 'picker-added' : 'picker-add'}
      disabled={state?.status === 'adding' || state?.status === 'added'}
      onClick={onAdd}
    >
      {state?.status === 'adding'
        ? t('compose_picker_adding')
        : state?.status === 'added'
          ? t('compose_picker_added')
          : t('compose_picker_add')}
    </button>
  );
}

function RemoveButton({ state, onRemove }: { state: RemoveState | undefined; onRemove(): void }) {
  return (
    <button type="button" className="picker-remove" disabled={state?.status === 'removing'} onClick={onRemove}>
      {state?.status === 'removing' ? t('compose_picker_removing') : t('compose_picker_remove')}
    </button>
  );
}

export function DocumentList({ documents, added, onAdd, removing = new Map(), onRemove }: Props) {
  return (
    <ul className="picker-documents" aria-label={t('compose_picker_listLabel')}>
      {documents.map((document) => {
        const state = added.get(document.id);
        const removal = removing.get(document.id);
        const failed = document.status === 'failed';
        return (
          <li key={document.id} className={failed ? 'picker-document picker-document-failed' : 'picker-document'}>
            <bdi className="picker-document-name" title={document.name}>
              {document.name}
            </bdi>
            <span className="picker-document-pages">{pages(document)}</span>
            {failed && (
              <span className="picker-document-error" role="alert">
                {conversionFailureText(document.failureCode)}
              </span>
            )}
            {state?.status === 'failed' && (
              <span className="picker-document-error" role="alert">
                {state.message}
              </span>
            )}
            {removal?.status === 'failed' && (
              <span className="picker-document-error" role="alert">
                {removal.message}
              </span>
            )}
            {!failed && <AddButton state={state} onAdd={() => onAdd(document)} />}
            {failed && document.mine && onRemove && <RemoveButton state={removal} onRemove={() => onRemove(document)} />}
          </li>
        );
      })}
    </ul>
  );
}
