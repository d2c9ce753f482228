// The document picker: search the rep's library, upload new files with a progress bar, and add
// documents to the email being written (each "Add to email" creates a tracked link for this
// email's token and hands it to the compose, which inserts it at the cursor).
import { useCallback, useRef, useState } from 'react';
import type { PickerDocument } from '../../../shared/messages.ts';
import { t } from '../../data/i18n.ts';
import { DocumentList, type AddState, type RemoveState } from './document-list.tsx';
import type { PickerApi } from './picker-api.ts';
import { problemOf, problemText, type PickerProblem } from './picker-errors.ts';
import type { PickerMessage } from '../../data/picker-protocol.ts';
import { UploadRows, type UploadItem } from './upload-rows.tsx';
import { usePickerDocuments } from './use-picker-documents.ts';

/** What the server accepts (checked there by the bytes; this only filters the file chooser). */
const ACCEPT =
  '.pdf,.doc,.docx,.ppt,.pptx,application/pdf,application/msword,application/vnd.ms-powerpoint,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.presentationml.presentation';

interface Props {
  api: PickerApi;
  emailToken: string | null;
  post(message: PickerMessage): void;
}

function ProblemBanner({ problem, onRetry }: { problem: PickerProblem; onRetry?: () => void }) {
  if (problem.kind === 'plan') {
    return (
      <section className="picker-problem picker-plan" role="alert">
        <h2>{t('compose_picker_planRequired')}</h2>
        <p>{problem.message}</p>
      </section>
    );
  }
  return (
    <section className="picker-problem" role="alert">
      <p>{problemText(problem)}</p>
      {onRetry && problem.kind === 'other' && (
        <button type="button" onClick={onRetry}>
          {t('compose_picker_retry')}
        </button>
      )}
    </section>
  );
}

export function PickerApp({ api, emailToken, post }: Props) {
  const [query, setQuery] = useState('');
  const { state, reload } = usePickerDocuments(api, query.trim());
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  const [added, setAdded] = useState<ReadonlyMap<string, AddState>>(new Map());
  const [removing, setRemoving] = useState<ReadonlyMap<string, RemoveState>>(new Map());
  const [planProblem, setPlanProblem] = useState<PickerProblem | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const patchUpload = useCallback((key: string, patch: Partial<UploadItem>) => {
    setUploads((items) => items.map((item) => (item.key === key ? { ...item, ...patch } : item)));
  }, []);

  const upload = useCallback(
    (file: File) => {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      setUploads((items) => [...items, { key, name: file.name, loaded: 0, total: file.size, phase: 'uploading', error: null }]);
      api
        .upload(file, (progress) =>
          patchUpload(key, { loaded: progress.loaded, total: progress.total, phase: progress.processing ? 'processing' : 'uploading' }),
        )
        .then(() => {
          setUploads((items) => items.filter((item) => item.key !== key));
          reload();
        })
        .catch((error: unknown) => {
          const problem = problemOf(error);
          if (problem.kind === 'plan') setPlanProblem(problem);
          patchUpload(key, { phase: 'failed', error: problemText(problem) });
        });
    },
    [api, patchUpload, reload],
  );

  const add = useCallback(
    (document: PickerDocument) => {
      if (!emailToken) return;
      setAdded((map) => new Map(map).set(document.id, { status: 'adding' }));
      api.createLink(document.id, emailToken).then(
        (link) => {
          post({ glintPicker: 1, type: 'insert', url: link.url, title: document.name });
          setAdded((map) => new Map(map).set(document.id, { status: 'added' }));
        },
        (error: unknown) => {
          const problem = problemOf(error);
          if (problem.kind === 'plan') setPlanProblem(problem);
          setAdded((map) => new Map(map).set(document.id, { status: 'failed', message: problemText(problem) }));
        },
      );
    },
    [api, emailToken, post],
  );

  const remove = useCallback(
    (document: PickerDocument) => {
      setRemoving((map) => new Map(map).set(document.id, { status: 'removing' }));
      api.remove(document.id).then(
        () => {
          setRemoving((map) => {
            const next = new Map(map);
            next.delete(document.id);
            return next;
          });
          reload();
        },
        (error: unknown) =>
          setRemoving((map) => new Map(map).set(document.id, { status: 'failed', message: problemText(problemOf(error)) })),
      );
    },
    [api, reload],
  );

  if (!emailToken) return <ProblemBanner problem={{ kind: 'other', message: t('compose_picker_noEmail') }} />;

  const listProblem = state.status === 'error' ? state.problem : null;
  const shownPlan = listProblem?.kind === 'plan' ? listProblem : planProblem;
  return (
    <main className="picker">
      <div className="picker-bar">
        <input
          type="search"
          className="picker-search"
          aria-label={t('compose_picker_search')}
          placeholder={t('compose_picker_search')}
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <button type="button" onClick={() => fileInput.current?.click()}>
          {t('compose_picker_upload')}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          multiple
          accept={ACCEPT}
          onChange={(event) => {
            for (const file of event.target.files ?? []) upload(file);
            event.target.value = '';
          }}
        />
        <button type="button" className="picker-done" onClick={() => post({ glintPicker: 1, type: 'close' })}>
          {t('compose_picker_done')}
        </button>
      </div>
      <p className="picker-hint">{t('compose_picker_uploadHint')}</p>
      {shownPlan && <ProblemBanner problem={shownPlan} />}
      <UploadRows items={uploads} />
      {listProblem && listProblem.kind !== 'plan' && <ProblemBanner problem={listProblem} onRetry={reload} />}
      {state.status === 'loading' && state.documents.length === 0 && <p role="status">{t('compose_picker_loading')}</p>}
      {state.status === 'ready' && state.documents.length === 0 && (
        <p className="picker-empty">{query.trim() === '' ? t('compose_picker_empty') : t('compose_picker_noMatch', query.trim())}</p>
      )}
      <DocumentList documents={state.documents} added={added} onAdd={add} removing={removing} onRemove={remove} />
    </main>
  );
}
