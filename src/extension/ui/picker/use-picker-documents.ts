// The rep's documents for the current search: loads on mount and 250 ms after typing stops,
// ignores answers to searches that are no longer current, reloads on demand (after an upload),
// and every few seconds while a listed document is still converting.
import { useCallback, useEffect, useState } from 'react';
import type { PickerDocument } from '../../../shared/messages.ts';
import type { PickerApi } from './picker-api.ts';
import { problemOf, type PickerProblem } from './picker-errors.ts';

export const SEARCH_DEBOUNCE_MS = 250;
export const CONVERTING_RELOAD_MS = 2000;

export type DocumentsState =
  | { status: 'loading'; documents: PickerDocument[] }
  | { status: 'ready'; documents: PickerDocument[] }
  | { status: 'error'; documents: PickerDocument[]; problem: PickerProblem };

export function usePickerDocuments(api: PickerApi, query: string): { state: DocumentsState; reload(): void } {
  const [state, setState] = useState<DocumentsState>({ status: 'loading', documents: [] });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => ({ status: 'loading', documents: previous.documents }));
    const timer = setTimeout(
      () => {
        api.search(query).then(
          (documents) => current && setState({ status: 'ready', documents }),
          (error: unknown) =>
            current && setState((previous) => ({ status: 'error', documents: previous.documents, problem: problemOf(error) })),
        );
      },
      query === '' ? 0 : SEARCH_DEBOUNCE_MS,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);

  const converting = state.status === 'ready' && state.documents.some((document) => document.status === 'converting');
  useEffect(() => {
    if (!converting) return undefined;
    const timer = setTimeout(reload, CONVERTING_RELOAD_MS);
    return () => clearTimeout(timer);
  }, [converting, state, reload]);

  return { state, reload };
}
