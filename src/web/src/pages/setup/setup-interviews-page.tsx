/** Setup → Paused and Waiting Interviews: every interview the admin may see, filtered, sorted and bulk-deleted. */
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import { EmptyState, Notice } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { ConfirmDialog } from '../../components/modal.js';
import { useToast } from '../../components/toast.js';
import { formatDateTime } from '../../format.js';
import { Link } from '../../router.js';
import { routePath } from '../../routes.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { filterInterviews, sortInterviews, type InterviewFilter, type InterviewSortKey, type SetupInterviewRow } from './interview-table.js';

const COLUMNS: readonly { readonly key: InterviewSortKey; readonly label: string }[] = [
  { key: 'label', label: 'Interview Label' },
  { key: 'flow', label: 'Flow' },
  { key: 'status', label: 'Status' },
  { key: 'currentElement', label: 'Current Element' },
  { key: 'owner', label: 'Owner' },
  { key: 'pausedDate', label: 'Paused Date' },
];

/** The page. */
export function SetupInterviewsPage() {
  const { api } = useSession();
  const showToast = useToast();
  const state = useAsync<SetupInterviewRow[]>(async () => {
    const [rows, versions] = await Promise.all([api.pausedInterviews(), api.flowVersions().catch(() => [])]);
    const labels = new Map(versions.map((version) => [version.id, version.label]));
    return rows.map((row) => ({ ...row, flowLabel: (row.flowVersionId === null ? undefined : labels.get(row.flowVersionId)) ?? '' }));
  }, [api]);
  const [filter, setFilter] = useState<InterviewFilter>({ text: '', kind: 'all' });
  const [sort, setSort] = useState<{ key: InterviewSortKey; direction: 'asc' | 'desc' }>({ key: 'pausedDate', direction: 'desc' });
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number; failures: string[] } | undefined>(undefined);

  const rows = useMemo(() => sortInterviews(filterInterviews(state.data ?? [], filter), sort.key, sort.direction), [state.data, filter, sort]);
  const visibleSelected = rows.filter((row) => selected.has(row.id));
  const allSelected = rows.length > 0 && visibleSelected.length === rows.length;

  const toggleSort = (key: InterviewSortKey): void => setSort((current) => ({ key, direction: current.key === key && current.direction === 'asc' ? 'desc' : 'asc' }));
  const toggle = (id: string, on: boolean): void =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const bulkDelete = async (): Promise<void> => {
    const targets = visibleSelected;
    setProgress({ done: 0, total: targets.length, failures: [] });
    const failures: string[] = [];
    for (const [index, row] of targets.entries()) {
      try {
        await api.deleteInterview(row.id);
      } catch (error) {
        failures.push(`${row.label ?? row.id}: ${errorMessage(error)}`);
      }
      setProgress({ done: index + 1, total: targets.length, failures: [...failures] });
    }
    setConfirming(false);
    setSelected(new Set());
    const deleted = targets.length - failures.length;
    showToast(failures.length === 0 ? 'success' : 'warning', `${deleted} interview${deleted === 1 ? '' : 's'} deleted${failures.length > 0 ? `, ${failures.length} failed` : ''}.`);
    if (failures.length === 0) setProgress(undefined);
    state.reload();
  };

  return (
    <section aria-labelledby="setup-interviews-title">
      <h1 id="setup-interviews-title" className="slds-text-heading_medium slds-m-bottom_small">
        Paused and Waiting Interviews
      </h1>
      <div className="eddy-toolbar" role="search">
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="interview-filter">
            Filter
          </label>
          <div className="slds-form-element__control">
            <input id="interview-filter" type="search" className="slds-input" placeholder="Label, flow, owner, reason…" value={filter.text} onChange={(event) => setFilter({ ...filter, text: event.target.value })} />
          </div>
        </div>
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="interview-kind">
            Show
          </label>
          <div className="slds-form-element__control">
            <div className="slds-select_container">
              <select id="interview-kind" className="slds-select" value={filter.kind} onChange={(event) => setFilter({ ...filter, kind: event.target.value as InterviewFilter['kind'] })}>
                <option value="all">Paused and waiting</option>
                <option value="paused">Paused by users</option>
                <option value="waiting">Waiting (for a time or an event)</option>
              </select>
            </div>
          </div>
        </div>
        <button type="button" className="slds-button slds-button_destructive" disabled={visibleSelected.length === 0} onClick={() => setConfirming(true)}>
          Delete selected ({visibleSelected.length})
        </button>
        <button type="button" className="slds-button slds-button_neutral" onClick={state.reload}>
          Refresh
        </button>
      </div>
      {progress !== undefined && progress.failures.length > 0 && (
        <Notice variant="error">
          Some interviews could not be deleted:
          <ul className="slds-list_dotted">
            {progress.failures.map((failure) => (
              <li key={failure}>{failure}</li>
            ))}
          </ul>
        </Notice>
      )}
      <LoadState
        state={state}
        data={state.data === undefined ? undefined : rows}
        label="Loading interviews"
        empty={<EmptyState title={state.data?.length === 0 ? 'No paused or waiting interviews' : 'No interviews match the filter'} />}
      >
        {() => (
          <div className="slds-card eddy-table-scroll">
            <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-interviews-title" aria-rowcount={rows.length}>
              <thead>
                <tr>
                  <th scope="col" className="eddy-select-col">
                    <input
                      type="checkbox"
                      aria-label="Select all shown interviews"
                      checked={allSelected}
                      onChange={(event) => setSelected(event.target.checked ? new Set(rows.map((row) => row.id)) : new Set())}
                    />
                  </th>
                  {COLUMNS.map((column) => (
                    <th key={column.key} scope="col" aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
                      <button type="button" className="eddy-sort-button" onClick={() => toggleSort(column.key)}>
                        {column.label}
                        {sort.key === column.key ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-interview-id={row.id} aria-selected={selected.has(row.id)}>
                    <td data-label="Select">
                      <input type="checkbox" aria-label={`Select ${row.label ?? row.id}`} checked={selected.has(row.id)} onChange={(event) => toggle(row.id, event.target.checked)} />
                    </td>
                    <th scope="row" data-label="Interview Label">
                      {row.wasPausedFromScreen ? <Link to={routePath({ kind: 'interview', interviewId: row.id, recordId: undefined })}>{row.label ?? row.id}</Link> : (row.label ?? row.id)}
                      {row.pauseReason !== null && row.pauseReason !== '' && <div className="eddy-muted">{row.pauseReason}</div>}
                    </th>
                    <td data-label="Flow">{row.flowLabel}</td>
                    <td data-label="Status">{row.wasPausedFromScreen ? 'Paused' : 'Waiting'}</td>
                    <td data-label="Current Element">{row.currentElement ?? ''}</td>
                    <td data-label="Owner">{row.ownerName ?? row.ownerId ?? ''}</td>
                    <td data-label="Paused Date">{formatDateTime(row.pausedDate)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      {confirming && (
        <ConfirmDialog
          title={`Delete ${visibleSelected.length} interview${visibleSelected.length === 1 ? '' : 's'}?`}
          confirmLabel="Delete"
          destructive
          busy={progress !== undefined && progress.done < progress.total}
          onConfirm={() => void bulkDelete()}
          onCancel={() => setConfirming(false)}
        >
          <p>The selected interviews and the values entered in them will be deleted. Their users cannot resume them afterwards.</p>
          {progress !== undefined && progress.done < progress.total && (
            <div className="eddy-progress">
              <progress max={progress.total} value={progress.done} aria-label="Deleting interviews" />{' '}
              {progress.done}/{progress.total}
            </div>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
