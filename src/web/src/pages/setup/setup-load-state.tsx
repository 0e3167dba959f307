/** Loading and error states of the admin Setup pages, with a plain message when the API refuses access (403). */
import { ApiError } from '../../api/api-error.js';
import { ErrorNotice, Notice } from '../../components/alerts.js';
import { Spinner } from '../../components/spinner.js';

/** Whether the API refused the user (403: no Customize Application). */
export function isAccessDenied(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403;
}

/** The spinner while loading, the error (access refusal said plainly) when the load failed, nothing when ready. */
export function SetupLoadState({ state, label, page }: {
  readonly state: { readonly status: string; readonly error?: unknown; readonly reload: () => void };
  readonly label: string;
  readonly page: string;
}) {
  if (state.status === 'error') {
    if (isAccessDenied(state.error)) {
      return (
        <Notice variant="error">
          You don’t have access to {page}. It needs the Customize Application permission; ask your Eddy administrator.
        </Notice>
      );
    }
    return <ErrorNotice error={state.error} onRetry={state.reload} />;
  }
  if (state.status === 'loading') return <Spinner label={label} />;
  return null;
}
