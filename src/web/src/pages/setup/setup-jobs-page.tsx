/**
 * Setup → Background Jobs: the job runner's jobs — wait alarms, email delivery, ... — newest
 * first, a page at a time (`GET /eddy/jobs`), filtered by status; a failed or cancelled job can be
 * retried and a queued one cancelled (Customize Application; the buttons are hidden otherwise).
 */
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import { cancelJob, listJobs, retryJob, type BackgroundJob, type JobStatus } from '../../api/setup-api.js';
import { EmptyState } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { useToast } from '../../components/toast.js';
import { formatDateTime } from '../../format.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { canChangeSetupSettings } from './setup-access.js';

const PAGE = 'Background Jobs';
/** Jobs per page. */
const JOBS_PAGE_SIZE = 50;

const FILTERS: readonly { readonly value: JobStatus | 'all'; readonly label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'running', label: 'Running' },
  { value: 'done', label: 'Done' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

function statusBadge(status: JobStatus): string {
  switch (status) {
    case 'done':
      return 'slds-badge slds-theme_success';
    case 'failed':
      return 'slds-badge slds-theme_error';
    case 'running':
      return 'slds-badge slds-badge_inverse';
    case 'queued':
    case 'cancelled':
      return 'slds-badge';
  }
}

function statusLabel(status: string): string {
  return `${status.charAt(0).toUpperCase()}${status.slice(1)}`;
}

/** What a row offers: retry a failed or cancelled job, cancel a queued one. */
function actionOf(job: BackgroundJob): 'retry' | 'cancel' | undefined {
  if (job.status === 'failed' || job.status === 'cancelled') return 'retry';
  if (job.status === 'queued') return 'cancel';
  return undefined;
}

/** Setup → Background Jobs. */
export function SetupJobsPage() {
  const { api, user } = useSession();
  const showToast = useToast();
  const [filter, setFilter] = useState<JobStatus | 'all'>('all');
  // The pages before the current one, by the `after` that reads each (undefined: the first).
  const [pages, setPages] = useState<readonly (string | undefined)[]>([undefined]);
  const after = pages[pages.length - 1];
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const state = useAsync(
    (signal) => listJobs(api.client, { ...(filter === 'all' ? {} : { status: filter }), ...(after === undefined ? {} : { after }), limit: JOBS_PAGE_SIZE, signal }),
    [api, filter, after],
  );
  const loaded = state.status === 'ready' ? state.data : undefined;
  const canChange = canChangeSetupSettings(user.permissions);

  const act = async (job: BackgroundJob, action: 'retry' | 'cancel'): Promise<void> => {
    setBusy(job.Id);
    try {
      if (action === 'retry') await retryJob(api.client, job.Id);
      else await cancelJob(api.client, job.Id);
      showToast('success', action === 'retry' ? `Job ${job.kind} was queued again.` : `Job ${job.kind} was cancelled.`);
      state.reload();
    } catch (error) {
      showToast('error', `Job ${job.kind} was not ${action === 'retry' ? 'retried' : 'cancelled'}: ${errorMessage(error)}`);
    } finally {
      setBusy(undefined);
    }
  };

  const chooseFilter = (value: string): void => {
    setFilter(FILTERS.find((entry) => entry.value === value)?.value ?? 'all');
    setPages([undefined]);
  };

  return (
    <section aria-labelledby="setup-jobs-title">
      <h1 id="setup-jobs-title" className="slds-text-heading_medium slds-m-bottom_small">
        {PAGE}
      </h1>
      <div className="eddy-toolbar" role="search">
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="jobs-status">
            Status
          </label>
          <div className="slds-form-element__control">
            <div className="slds-select_container">
              <select id="jobs-status" className="slds-select" value={filter} onChange={(event) => chooseFilter(event.target.value)}>
                {FILTERS.map((entry) => (
                  <option key={entry.value} value={entry.value}>
                    {entry.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </div>
        <button type="button" className="slds-button slds-button_neutral" onClick={state.reload} disabled={state.status === 'loading'}>
          Refresh
        </button>
      </div>
      <LoadState
        state={state}
        data={loaded}
        label="Loading background jobs"
        page={PAGE}
        empty={<EmptyState title={filter === 'all' ? 'No background jobs' : `No ${filter} jobs`}>Wait alarms and emails to deliver appear here while they are queued, run and finish.</EmptyState>}
        isEmpty={(page) => page.records.length === 0 && pages.length === 1}
      >
        {({ records, done }) => (
          <>
            <p className="slds-text-color_weak slds-m-bottom_x-small" role="status">
              {`${pages.length === 1 ? 'Newest' : `Page ${pages.length}:`} ${records.length} ${records.length === 1 ? 'job' : 'jobs'}${done ? '.' : ', more on the next page.'}`}
            </p>
            <div className="slds-card eddy-table-scroll">
              <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-jobs-title" data-testid="jobs">
                <thead>
                  <tr>
                    <th scope="col">Created</th>
                    <th scope="col">Kind</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Run At</th>
                    <th scope="col">Last Error</th>
                    <th scope="col">
                      <span className="slds-assistive-text">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {records.map((job) => {
                    const action = canChange ? actionOf(job) : undefined;
                    return (
                      <tr key={job.Id} data-job-id={job.Id}>
                        <td data-label="Created">{formatDateTime(job.CreatedDate)}</td>
                        <th scope="row" data-label="Kind">
                          {job.kind}
                        </th>
                        <td data-label="Status">
                          <span className={statusBadge(job.status)}>{statusLabel(job.status)}</span>
                        </td>
                        <td data-label="Attempts">{`${job.attempts} of ${job.maxAttempts}`}</td>
                        <td data-label="Run At">{formatDateTime(job.runAt)}</td>
                        <td data-label="Last Error">{job.lastError ?? '—'}</td>
                        <td data-label="Actions">
                          {action !== undefined && (
                            <button
                              type="button"
                              className={action === 'retry' ? 'slds-button slds-button_neutral' : 'slds-button slds-button_text-destructive'}
                              aria-label={`${action === 'retry' ? 'Retry' : 'Cancel'} job ${job.kind} ${job.Id}`}
                              disabled={busy !== undefined}
                              onClick={() => void act(job, action)}
                            >
                              {action === 'retry' ? 'Retry' : 'Cancel'}
                            </button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <div className="slds-m-top_small">
              {pages.length > 1 && (
                <button type="button" className="slds-button slds-button_neutral" onClick={() => setPages([undefined])}>
                  Newest
                </button>
              )}
              {!done && (
                <button type="button" className="slds-button slds-button_neutral" onClick={() => setPages([...pages, records[records.length - 1]?.Id])}>
                  Next page
                </button>
              )}
            </div>
          </>
        )}
      </LoadState>
    </section>
  );
}
