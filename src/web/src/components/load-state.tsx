/** What a page shows around data it loads: a spinner, the load's error, an empty state, then the data. */
import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error.js';
import { ErrorNotice, Notice } from './alerts.js';
import { Spinner } from './spinner.js';

/** Whether the API refused the user (403: no Customize Application). */
function isAccessDenied(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

function isEmptyList(data: unknown): boolean {
  return Array.isArray(data) && data.length === 0;
}

/** The notice of a failed load, with a retry; a refusal naming `page` is said plainly instead. */
function LoadError({ error, page, onRetry }: { readonly error: unknown; readonly page: string | undefined; readonly onRetry: () => void }) {
  if (page !== undefined && isAccessDenied(error)) {
    return (
      <Notice variant="error">
        You don’t have access to {page}. It needs the Customize Application permission; ask your Eddy administrator.
      </Notice>
    );
  }
  return <ErrorNotice error={error} onRetry={onRetry} />;
}

/**
 * Renders `children(data)` once `data` is there, `empty` instead when it is empty, a spinner while
 * nothing is loaded yet, and the error of the last load whenever it failed: above the data it keeps
 * showing, so a failed refresh is seen without losing what was loaded before.
 */
export function LoadState<T>({ state, data, label, page, empty, isEmpty = isEmptyList, children }: {
  /** The load's status, error and retry (a `useAsync` result). */
  readonly state: { readonly status: 'loading' | 'error' | 'ready'; readonly error?: unknown; readonly reload: () => void };
  /** What to show; undefined while there is nothing to show yet. */
  readonly data: T | undefined;
  /** The spinner's accessible label. */
  readonly label: string;
  /** The page an access refusal (403) names, for the admin pages that need Customize Application; without it a refusal shows as any other error. */
  readonly page?: string;
  /** Shown instead of `children` when `isEmpty(data)`. */
  readonly empty?: ReactNode;
  /** Whether loaded data is empty (default: an empty array). */
  readonly isEmpty?: (data: T) => boolean;
  readonly children: (data: T) => ReactNode;
}) {
  const error = state.status === 'error' ? <LoadError error={state.error} page={page} onRetry={state.reload} /> : null;
  if (data === undefined) return error ?? (state.status === 'loading' ? <Spinner label={label} /> : null);
  return (
    <>
      {error}
      {empty !== undefined && isEmpty(data) ? empty : children(data)}
    </>
  );
}
