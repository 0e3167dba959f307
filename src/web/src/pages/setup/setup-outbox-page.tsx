/** Setup → Outbox: emails flows sent, are sending or failed to send (`GET /eddy/outbox`), filtered by status. */
import { useState } from 'react';
import { listOutbox, type OutboxRecord, type OutboxStatus } from '../../api/setup-api.js';
import { EmptyState } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { formatDateTime } from '../../format.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';

const PAGE = 'Outbox';
/** How many messages the page reads at most. */
const OUTBOX_PAGE_SIZE = 200;

const FILTERS: readonly { readonly value: OutboxStatus | 'all'; readonly label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'pending', label: 'Pending' },
  { value: 'sent', label: 'Sent' },
  { value: 'failed', label: 'Failed' },
  { value: 'cancelled', label: 'Cancelled' },
];

function recipients(to: OutboxRecord['to']): string {
  const text = to === null ? '' : typeof to === 'string' ? to : to.join(', ');
  return text === '' ? '—' : text;
}

function statusBadge(status: string): string {
  switch (status) {
    case 'sent':
      return 'slds-badge slds-theme_success';
    case 'failed':
      return 'slds-badge slds-theme_error';
    default:
      return 'slds-badge';
  }
}

function statusLabel(status: string): string {
  return status === '' ? status : `${status.charAt(0).toUpperCase()}${status.slice(1)}`;
}

/** Setup → Outbox. */
export function SetupOutboxPage() {
  const { api } = useSession();
  const [filter, setFilter] = useState<OutboxStatus | 'all'>('all');
  const state = useAsync((signal) => listOutbox(api.client, { ...(filter === 'all' ? {} : { status: filter }), limit: OUTBOX_PAGE_SIZE, signal }), [api, filter]);
  // Only a finished load: the rows of the previous filter are not shown while the new filter loads.
  const loaded = state.status === 'ready' ? state.data : undefined;
  const emptyTitle = filter === 'all' ? 'The outbox is empty' : `No ${filter} messages`;
  return (
    <section aria-labelledby="setup-outbox-title">
      <h1 id="setup-outbox-title" className="slds-text-heading_medium slds-m-bottom_small">
        {PAGE}
      </h1>
      <div className="eddy-toolbar" role="search">
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="outbox-status">
            Status
          </label>
          <div className="slds-form-element__control">
            <div className="slds-select_container">
              <select id="outbox-status" className="slds-select" value={filter} onChange={(event) => setFilter((FILTERS.find((entry) => entry.value === event.target.value) ?? FILTERS[0])?.value ?? 'all')}>
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
        label="Loading the outbox"
        page={PAGE}
        empty={<EmptyState title={emptyTitle}>Emails that flows send appear here, pending until they are delivered.</EmptyState>}
        isEmpty={(outbox) => outbox.records.length === 0}
      >
        {({ records, totalSize }) => (
          <>
            <p className="slds-text-color_weak slds-m-bottom_x-small" role="status">
              {totalSize > records.length ? `Showing the newest ${records.length} of ${totalSize} messages.` : `${records.length} ${records.length === 1 ? 'message' : 'messages'}.`}
            </p>
            <div className="slds-card eddy-table-scroll">
              <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-outbox-title" data-testid="outbox">
                <thead>
                  <tr>
                    <th scope="col">Created</th>
                    <th scope="col">To</th>
                    <th scope="col">Subject</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">Sent</th>
                    <th scope="col">Last Error</th>
                    <th scope="col">Interview</th>
                  </tr>
                </thead>
                <tbody>
                  {records.map((record) => (
                    <tr key={record.Id}>
                      <td data-label="Created">{formatDateTime(record.CreatedDate)}</td>
                      <td data-label="To">{recipients(record.to)}</td>
                      <th scope="row" data-label="Subject">
                        {record.subject ?? `(${record.kind})`}
                      </th>
                      <td data-label="Status">
                        <span className={statusBadge(record.status)}>{statusLabel(record.status)}</span>
                      </td>
                      <td data-label="Attempts">{record.attempts}</td>
                      <td data-label="Sent">{record.sentAt === null ? '—' : formatDateTime(record.sentAt)}</td>
                      <td data-label="Last Error">{record.lastError ?? '—'}</td>
                      <td data-label="Interview">{record.interviewId ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </LoadState>
    </section>
  );
}
