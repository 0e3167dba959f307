/** `useAsync`: load data for a component, with loading and error states and a reload. */
import { useCallback, useEffect, useRef, useState } from 'react';

/** The state of an asynchronous load. */
export type AsyncState<T> =
  | { readonly status: 'loading'; readonly data: T | undefined }
  | { readonly status: 'error'; readonly error: unknown; readonly data: T | undefined }
  | { readonly status: 'ready'; readonly data: T };

/** Runs `load` when `deps` change (and on `reload()`); stale results of older runs are dropped. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): AsyncState<T> & { readonly reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: undefined });
  const [generation, setGeneration] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ status: 'loading', data: previous.data }));
    loadRef.current(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState((previous) => ({ status: 'error', error, data: previous.data }));
      },
    );
    return () => controller.abort();
  }, [...deps, generation]);
  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
