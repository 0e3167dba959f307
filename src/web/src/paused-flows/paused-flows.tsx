/**
 * The Paused Flows component: the paused interviews the user may see (of a record, or their
 * own), with the columns they chose, a never-clipped row menu to Resume or Delete (with
 * confirmation), empty and error states, and — on a record — where interviews that left the
 * record now live.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { InterviewRow } from '../api/eddy-api.js';
import { errorMessage } from '../api/api-error.js';
import { ActionMenu } from '../components/action-menu.js';
import { EmptyState, ErrorNotice, Notice } from '../components/alerts.js';
import { Icon } from '../components/icon.js';
import { ConfirmDialog } from '../components/modal.js';
import { Spinner } from '../components/spinner.js';
import { useToast } from '../components/toast.js';
import { formatDateTime } from '../format.js';
import { Link, navigate } from '../router.js';
import { routePath } from '../routes.js';
import { useSession } from '../session/session-context.js';
import { useAsync } from '../use-async.js';
import { ColumnChooser } from './column-chooser.js';
import {
  ALL_PAUSED_FLOW_COLUMNS,
  DEFAULT_PAUSED_FLOW_COLUMNS,
  loadColumns,
  PAUSED_FLOW_COLUMN_LABELS,
  saveColumns,
  type PausedFlowColumn,
} from './column-preferences.js';
import { loadSeenInterviews, missingInterviews, movedInterviews, saveSeenInterviews, type MovedInterview } from './moved-interviews.js';

/** A related record to link to. */
interface RecordLink {
  readonly objectName: string;
  readonly recordId: string;
  readonly name: string;
}

interface Loaded {
  readonly rows: InterviewRow[];
  /** Related record of each interview (Home, Setup), by interview id. */
  readonly related: Map<string, RecordLink>;
  readonly moved: readonly (MovedInterview & { readonly link: RecordLink | undefined })[];
}

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/** The list; `recordId` for a record page, else the signed-in user's own paused interviews. */
export function PausedFlows({ recordId, pageKey, title = 'Paused Flows', defaultColumns = DEFAULT_PAUSED_FLOW_COLUMNS }: {
  readonly recordId?: string;
  /** Whose column choice applies (`record:Contact`, `home`). */
  readonly pageKey: string;
  readonly title?: string;
  readonly defaultColumns?: readonly PausedFlowColumn[];
}) {
  const { api, user } = useSession();
  const showToast = useToast();
  const [columns, setColumns] = useState<PausedFlowColumn[]>(() => loadColumns(storage(), pageKey, ALL_PAUSED_FLOW_COLUMNS, defaultColumns));
  const [choosing, setChoosing] = useState(false);
  const [deleting, setDeleting] = useState<InterviewRow | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const defaultsRef = useRef(defaultColumns);
  defaultsRef.current = defaultColumns;
  useEffect(() => setColumns(loadColumns(storage(), pageKey, ALL_PAUSED_FLOW_COLUMNS, defaultsRef.current)), [pageKey]);

  const state = useAsync<Loaded>(async () => {
    const rows = recordId !== undefined ? await api.pausedInterviewsOfRecord(recordId) : await api.pausedInterviews({ ownerId: user.id });
    const related = new Map<string, RecordLink>();
    let moved: Loaded['moved'] = [];
    if (recordId === undefined) {
      const relations = await api.relationsOf(rows.map((row) => row.id));
      const names = await api.recordNames(relations.map((relation) => relation.recordId));
      for (const relation of relations) {
        const name = names.get(relation.recordId);
        if (name !== undefined) related.set(relation.interviewId, { objectName: name.objectName, recordId: relation.recordId, name: name.name });
      }
    } else {
      const seen = loadSeenInterviews(storage(), recordId);
      const missing = missingInterviews(seen, rows.map((row) => row.id));
      const gone = missing.length === 0 ? [] : movedInterviews(recordId, await api.relationsOf(missing));
      const names = gone.length === 0 ? new Map<string, { objectName: string; name: string }>() : await api.recordNames(gone.map((entry) => entry.recordId));
      moved = gone.map((entry) => {
        const name = names.get(entry.recordId);
        return { ...entry, link: name === undefined ? undefined : { objectName: name.objectName, recordId: entry.recordId, name: name.name } };
      });
      saveSeenInterviews(storage(), recordId, [...rows.map((row) => row.id), ...moved.map((entry) => entry.interviewId)]);
    }
    return { rows, related, moved };
  }, [recordId, user.id]);

  const applyColumns = (chosen: PausedFlowColumn[]): void => {
    setColumns(chosen);
    saveColumns(storage(), pageKey, chosen);
  };

  const resume = (row: InterviewRow): void => {
    const relatedId = recordId ?? state.data?.related.get(row.id)?.recordId;
    navigate(routePath({ kind: 'interview', interviewId: row.id, recordId: relatedId }));
  };

  const confirmDelete = async (): Promise<void> => {
    if (deleting === undefined) return;
    setBusy(true);
    try {
      await api.deleteInterview(deleting.id);
      showToast('success', `"${deleting.label ?? 'Interview'}" was deleted.`);
      setDeleting(undefined);
      state.reload();
    } catch (error) {
      showToast('error', `The interview could not be deleted: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const rows = state.data?.rows ?? [];
  // The interview access rule (docs/interview-access.md): Manage Flow users delete any interview
  // they see, other users their own (as Salesforce's Home component lets them).
  const canDelete = (row: InterviewRow): boolean => user.permissions.manageFlow || row.ownerId === user.id;
  const headingId = `paused-flows-${pageKey.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
  const cell = useMemo(
    () =>
      (row: InterviewRow, column: PausedFlowColumn) => {
        switch (column) {
          case 'label':
            return row.label ?? row.id;
          case 'pauseReason':
            return row.wasPausedFromScreen ? (row.pauseReason ?? '') : (row.pauseReason ?? 'Waiting for an event or a time');
          case 'pausedDate':
            return formatDateTime(row.pausedDate);
          case 'startedDate':
            return formatDateTime(row.createdDate);
          case 'currentElement':
            return row.currentElement ?? '';
          case 'owner':
            return row.ownerName ?? row.ownerId ?? '';
          case 'relatedRecord': {
            const link = state.data?.related.get(row.id);
            if (link === undefined) return recordId === undefined ? '' : 'This record';
            return <Link to={routePath({ kind: 'record', objectName: link.objectName, recordId: link.recordId })}>{link.name}</Link>;
          }
        }
      },
    [state.data, recordId],
  );

  return (
    <article className="slds-card eddy-paused-flows" aria-labelledby={headingId}>
      <div className="slds-card__header slds-grid">
        <header className="slds-media slds-media_center slds-has-flexi-truncate">
          <div className="slds-media__figure">
            <span className="slds-icon_container slds-icon-standard-flow" title="Flow">
              <Icon sprite="standard" name="flow" className="slds-icon slds-icon_small" />
            </span>
          </div>
          <div className="slds-media__body">
            <h2 className="slds-card__header-title" id={headingId}>
              <span>
                {title} {state.status === 'ready' && <span className="eddy-count">({rows.length})</span>}
              </span>
            </h2>
          </div>
          <div className="slds-no-flex slds-button-group" role="group">
            <button type="button" className="slds-button slds-button_icon slds-button_icon-border-filled" title="Refresh" onClick={state.reload}>
              <Icon name="refresh" className="slds-button__icon" />
              <span className="slds-assistive-text">Refresh {title}</span>
            </button>
            <button type="button" className="slds-button slds-button_icon slds-button_icon-border-filled" title="Choose columns" onClick={() => setChoosing(true)}>
              <Icon name="settings" className="slds-button__icon" />
              <span className="slds-assistive-text">Choose columns</span>
            </button>
          </div>
        </header>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        {state.data?.moved.map((entry) => (
          <Notice key={entry.interviewId} variant="info">
            A paused interview that was on this record now lives on{' '}
            {entry.link === undefined ? (
              <span>another record ({entry.recordId})</span>
            ) : (
              <Link to={routePath({ kind: 'record', objectName: entry.link.objectName, recordId: entry.link.recordId })}>{entry.link.name}</Link>
            )}
            . Resume it from there.
          </Notice>
        ))}
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={state.reload} prefix="Paused flows could not be loaded." />}
        {state.status === 'loading' && state.data === undefined && <Spinner label="Loading paused flows" />}
        {state.data !== undefined && rows.length === 0 && state.status !== 'error' && (
          <EmptyState title="No paused flows">{recordId !== undefined ? 'Flows paused on this record show up here.' : 'Flows you pause show up here.'}</EmptyState>
        )}
        {rows.length > 0 && (
          <div className="eddy-table-scroll">
            <table className="slds-table slds-table_cell-buffer slds-table_bordered slds-max-medium-table_stacked-horizontal" aria-labelledby={headingId}>
              <thead>
                <tr className="slds-line-height_reset">
                  {columns.map((column) => (
                    <th key={column} scope="col">
                      <div className="slds-truncate" title={PAUSED_FLOW_COLUMN_LABELS[column]}>
                        {PAUSED_FLOW_COLUMN_LABELS[column]}
                      </div>
                    </th>
                  ))}
                  <th scope="col" className="eddy-actions-col">
                    <span className="slds-assistive-text">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} className="slds-hint-parent" data-interview-id={row.id}>
                    {columns.map((column, index) =>
                      index === 0 ? (
                        <th key={column} scope="row" data-label={PAUSED_FLOW_COLUMN_LABELS[column]} data-column={column}>
                          <div className="slds-cell-wrap">{cell(row, column)}</div>
                        </th>
                      ) : (
                        <td key={column} data-label={PAUSED_FLOW_COLUMN_LABELS[column]} data-column={column}>
                          <div className="slds-cell-wrap">{cell(row, column)}</div>
                        </td>
                      ),
                    )}
                    <td data-label="Actions" className="eddy-actions-col">
                      <ActionMenu
                        label={`Actions for ${row.label ?? row.id}`}
                        actions={[
                          { label: row.wasPausedFromScreen ? 'Resume' : 'Resume (waiting for an event)', onSelect: () => resume(row), disabled: !row.wasPausedFromScreen },
                          canDelete(row)
                            ? { label: 'Delete', onSelect: () => setDeleting(row), destructive: true }
                            : { label: 'Delete (needs the Manage Flow permission, or your own interview)', onSelect: () => undefined, disabled: true },
                        ]}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      {choosing && <ColumnChooser available={ALL_PAUSED_FLOW_COLUMNS} labels={PAUSED_FLOW_COLUMN_LABELS} columns={columns} onApply={applyColumns} onClose={() => setChoosing(false)} />}
      {deleting !== undefined && (
        <ConfirmDialog title="Delete paused interview?" confirmLabel="Delete" destructive busy={busy} onConfirm={() => void confirmDelete()} onCancel={() => setDeleting(undefined)}>
          <p>
            “{deleting.label ?? deleting.id}” and the values entered in it will be deleted. It cannot be resumed afterwards.
          </p>
        </ConfirmDialog>
      )}
    </article>
  );
}
