/** Setup → Flows: flows with their versions and status, activation, and deploying metadata files or folders. */
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import type { FlowVersionRow } from '../../api/eddy-api.js';
import { ActionMenu } from '../../components/action-menu.js';
import { EmptyState, Notice } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { useToast } from '../../components/toast.js';
import { formatDateTime } from '../../format.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { DeployPanel } from './deploy-panel.js';

/** Versions grouped by flow, newest version first, flows by label. */
export function groupFlowVersions(versions: readonly FlowVersionRow[]): { readonly key: string; readonly label: string; readonly apiName: string; readonly versions: FlowVersionRow[] }[] {
  const groups = new Map<string, FlowVersionRow[]>();
  for (const version of versions) {
    const key = version.definitionId ?? version.apiName ?? version.label;
    groups.set(key, [...(groups.get(key) ?? []), version]);
  }
  return [...groups.entries()]
    .map(([key, list]) => {
      const sorted = [...list].sort((a, b) => b.versionNumber - a.versionNumber);
      const label = (sorted.find((version) => version.status === 'Active') ?? sorted[0])?.label ?? key;
      return { key, label, apiName: sorted[0]?.apiName ?? '', versions: sorted };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

function statusLabel(status: string): string {
  switch (status) {
    case 'Active':
      return 'Active';
    case 'Draft':
    case 'Obsolete':
      return 'Inactive';
    case 'InvalidDraft':
      return 'Draft (invalid)';
    default:
      return status;
  }
}

/** The page. */
export function SetupFlowsPage() {
  const { api, user } = useSession();
  const showToast = useToast();
  const state = useAsync(() => api.flowVersions(), [api]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [filter, setFilter] = useState('');
  const canManage = user.permissions.manageFlow || user.permissions.customizeApplication;

  const groups = useMemo(() => {
    if (state.data === undefined) return undefined;
    const needle = filter.trim().toLowerCase();
    return groupFlowVersions(state.data).filter((group) => needle === '' || group.label.toLowerCase().includes(needle) || group.apiName.toLowerCase().includes(needle));
  }, [state.data, filter]);

  const setStatus = async (version: FlowVersionRow, status: 'Active' | 'Obsolete'): Promise<void> => {
    setBusy(version.id);
    try {
      await api.setFlowStatus(version.id, status);
      showToast('success', `${version.label} version ${version.versionNumber} is ${status === 'Active' ? 'active' : 'deactivated'}.`);
      state.reload();
    } catch (error) {
      showToast('error', `The status could not be changed: ${errorMessage(error)}`);
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <section aria-labelledby="setup-flows-title">
      <h1 id="setup-flows-title" className="slds-text-heading_medium slds-m-bottom_small">
        Flows
      </h1>
      {canManage && <DeployPanel onDeployed={state.reload} />}
      <div className="eddy-toolbar" role="search">
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="flow-filter">
            Filter flows
          </label>
          <div className="slds-form-element__control">
            <input id="flow-filter" type="search" className="slds-input" value={filter} onChange={(event) => setFilter(event.target.value)} />
          </div>
        </div>
        <button type="button" className="slds-button slds-button_neutral" onClick={state.reload}>
          Refresh
        </button>
      </div>
      <LoadState state={state} data={groups} label="Loading flows" empty={<EmptyState title="No flows" />}>
        {(shown) => (
          <div className="slds-card eddy-table-scroll">
            <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-flows-title">
              <thead>
                <tr>
                  <th scope="col">Flow</th>
                  <th scope="col">API Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Active Version</th>
                  <th scope="col">Versions</th>
                  <th scope="col">Last Modified</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((group) => {
                  const active = group.versions.find((version) => version.status === 'Active');
                  const open = expanded.has(group.key);
                  return [
                    <tr key={group.key} data-flow={group.apiName}>
                      <th scope="row" data-label="Flow">
                        <button
                          type="button"
                          className="slds-button"
                          aria-expanded={open}
                          onClick={() =>
                            setExpanded((current) => {
                              const next = new Set(current);
                              if (open) next.delete(group.key);
                              else next.add(group.key);
                              return next;
                            })
                          }
                        >
                          {open ? '▾' : '▸'} {group.label}
                        </button>
                      </th>
                      <td data-label="API Name">{group.apiName}</td>
                      <td data-label="Type">{group.versions[0]?.processType ?? ''}</td>
                      <td data-label="Active Version">{active === undefined ? <span className="slds-badge">Inactive</span> : <span className="slds-badge slds-theme_success">Version {active.versionNumber}</span>}</td>
                      <td data-label="Versions">{group.versions.length}</td>
                      <td data-label="Last Modified">{formatDateTime(group.versions[0]?.lastModifiedDate)}</td>
                    </tr>,
                    ...(open
                      ? group.versions.map((version) => (
                          <tr key={version.id} className="eddy-version-row" data-version={version.id}>
                            <td data-label="Version" colSpan={2} className="slds-p-left_x-large">
                              Version {version.versionNumber}: {version.label}
                            </td>
                            <td data-label="Status">{statusLabel(version.status)}</td>
                            <td data-label="Modified">{formatDateTime(version.lastModifiedDate)}</td>
                            <td data-label="Actions" colSpan={2}>
                              {canManage && (
                                <ActionMenu
                                  label={`Actions for ${version.label} version ${version.versionNumber}`}
                                  actions={[
                                    { label: 'Activate', disabled: version.status === 'Active' || version.status === 'InvalidDraft' || busy !== undefined, onSelect: () => void setStatus(version, 'Active') },
                                    { label: 'Deactivate', disabled: version.status !== 'Active' || busy !== undefined, onSelect: () => void setStatus(version, 'Obsolete') },
                                  ]}
                                />
                              )}
                            </td>
                          </tr>
                        ))
                      : []),
                  ];
                })}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      {!canManage && <Notice variant="info">You can see flows; changing them needs the Manage Flow permission.</Notice>}
    </section>
  );
}
