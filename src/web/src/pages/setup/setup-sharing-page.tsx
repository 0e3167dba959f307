/**
 * Setup → Sharing Settings for Flow Interviews: the org-wide default (`PATCH /eddy/settings`
 * `flowInterviewSharingModel`), sharing rules (list, add with group pickers, delete through
 * `/eddy/sharing-rules`) and the interview shares in force (SOQL on FlowInterviewShare).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error.js';
import type { GroupRow } from '../../api/eddy-api.js';
import {
  createSharingRule,
  deleteSharingRule,
  developerNameOf,
  getAutomationSettings,
  INTERVIEW_SHARING_MODELS,
  listSharingRules,
  updateAutomationSettings,
  type InterviewSharingModel,
  type SharingRule,
  type SharingRuleAccess,
} from '../../api/setup-api.js';
import { EmptyState, Notice } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { ConfirmDialog } from '../../components/modal.js';
import { useToast } from '../../components/toast.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { canChangeSetupSettings } from './setup-access.js';

const PAGE = 'Sharing Settings';

function accessLabel(access: string): string {
  if (access === 'Read') return 'Read Only';
  if (access === 'Edit' || access === 'ReadWrite') return 'Read/Write';
  if (access === 'All') return 'Full Access';
  return access;
}

function groupLabel(group: GroupRow): string {
  return group.Type === 'Queue' ? `${group.Name} (queue)` : group.Name;
}

function OrgWideDefault({ model, readOnly, onSaved }: { readonly model: InterviewSharingModel; readonly readOnly: boolean; readonly onSaved: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [value, setValue] = useState(model);
  const [busy, setBusy] = useState(false);
  useEffect(() => setValue(model), [model]);
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    try {
      await updateAutomationSettings(api.client, { flowInterviewSharingModel: value });
      showToast('success', `The Flow Interview default is ${INTERVIEW_SHARING_MODELS.find((entry) => entry.value === value)?.label ?? value}.`);
      onSaved();
    } catch (error) {
      showToast('error', `The default was not saved: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="eddy-toolbar" onSubmit={(event) => void save(event)}>
      <div className="slds-form-element">
        <label className="slds-form-element__label" htmlFor="sharing-default">
          Default internal access for Flow Interviews
        </label>
        <div className="slds-form-element__control">
          <div className="slds-select_container">
            <select id="sharing-default" className="slds-select" value={value} disabled={readOnly} onChange={(event) => setValue(event.target.value as InterviewSharingModel)}>
              {INTERVIEW_SHARING_MODELS.map((entry) => (
                <option key={entry.value} value={entry.value}>
                  {entry.label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {!readOnly && (
        <button type="submit" className="slds-button slds-button_brand" disabled={busy || value === model}>
          {busy ? 'Saving…' : 'Save default'}
        </button>
      )}
    </form>
  );
}

function GroupSelect({ id, label, groups, value, onChange }: { readonly id: string; readonly label: string; readonly groups: readonly GroupRow[]; readonly value: string; readonly onChange: (value: string) => void }) {
  return (
    <div className="slds-form-element">
      <label className="slds-form-element__label" htmlFor={id}>
        <abbr className="slds-required" title="required">
          *{' '}
        </abbr>
        {label}
      </label>
      <div className="slds-form-element__control">
        <div className="slds-select_container">
          <select id={id} className="slds-select" required value={value} onChange={(event) => onChange(event.target.value)}>
            <option value="">--None--</option>
            {groups.map((group) => (
              <option key={group.Id} value={group.Id}>
                {groupLabel(group)}
              </option>
            ))}
          </select>
        </div>
      </div>
    </div>
  );
}

function NewRuleForm({ groups, onCreated }: { readonly groups: readonly GroupRow[]; readonly onCreated: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [label, setLabel] = useState('');
  const [ruleName, setRuleName] = useState<string | undefined>(undefined);
  const [description, setDescription] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [access, setAccess] = useState<SharingRuleAccess>('Read');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const developerName = ruleName ?? developerNameOf(label);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    if (label.trim() === '' || developerName === '' || from === '' || to === '') {
      setError('Enter a label and a rule name, and pick both groups.');
      return;
    }
    setBusy(true);
    try {
      await createSharingRule(api.client, {
        Name: label.trim(),
        DeveloperName: developerName,
        ...(description.trim() === '' ? {} : { Description: description.trim() }),
        GroupId: from,
        UserOrGroupId: to,
        AccessLevel: access,
      });
      showToast('success', `Sharing rule ${label.trim()} was added.`);
      setLabel('');
      setRuleName(undefined);
      setDescription('');
      setFrom('');
      setTo('');
      setAccess('Read');
      onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="slds-card slds-p-around_medium slds-m-top_small" aria-labelledby="new-rule-title" onSubmit={(event) => void submit(event)} noValidate>
      <h3 id="new-rule-title" className="slds-text-heading_small slds-m-bottom_small">
        New sharing rule
      </h3>
      <div className="eddy-toolbar">
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="rule-label">
            <abbr className="slds-required" title="required">
              *{' '}
            </abbr>
            Label
          </label>
          <div className="slds-form-element__control">
            <input id="rule-label" className="slds-input" required value={label} onChange={(event) => setLabel(event.target.value)} />
          </div>
        </div>
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="rule-name">
            <abbr className="slds-required" title="required">
              *{' '}
            </abbr>
            Rule Name
          </label>
          <div className="slds-form-element__control">
            <input id="rule-name" className="slds-input" required value={developerName} onChange={(event) => setRuleName(event.target.value)} />
          </div>
        </div>
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="rule-description">
            Description
          </label>
          <div className="slds-form-element__control">
            <input id="rule-description" className="slds-input" value={description} onChange={(event) => setDescription(event.target.value)} />
          </div>
        </div>
      </div>
      <div className="eddy-toolbar">
        <GroupSelect id="rule-from" label="Interviews owned by members of" groups={groups} value={from} onChange={setFrom} />
        <GroupSelect id="rule-to" label="Share with" groups={groups} value={to} onChange={setTo} />
        <div className="slds-form-element">
          <label className="slds-form-element__label" htmlFor="rule-access">
            Access Level
          </label>
          <div className="slds-form-element__control">
            <div className="slds-select_container">
              <select id="rule-access" className="slds-select" value={access} onChange={(event) => setAccess(event.target.value === 'Edit' ? 'Edit' : 'Read')}>
                <option value="Read">Read Only</option>
                <option value="Edit">Read/Write</option>
              </select>
            </div>
          </div>
        </div>
        <button type="submit" className="slds-button slds-button_brand" disabled={busy}>
          {busy ? 'Adding…' : 'Add rule'}
        </button>
      </div>
      {error !== undefined && (
        <div className="slds-text-color_error" role="alert">
          {error}
        </div>
      )}
    </form>
  );
}

function SharingRules({ groups, readOnly }: { readonly groups: readonly GroupRow[]; readonly readOnly: boolean }) {
  const { api } = useSession();
  const showToast = useToast();
  const state = useAsync((signal) => listSharingRules(api.client, signal), [api]);
  const [deleting, setDeleting] = useState<SharingRule | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const names = new Map(groups.map((group) => [group.Id, groupLabel(group)]));

  const remove = async (rule: SharingRule): Promise<void> => {
    setBusy(true);
    try {
      await deleteSharingRule(api.client, rule.Id);
      showToast('success', `Sharing rule ${rule.Name} was deleted.`);
      state.reload();
    } catch (error) {
      showToast('error', `Sharing rule ${rule.Name} was not deleted: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
      setDeleting(undefined);
    }
  };

  return (
    <>
      <h2 id="sharing-rules-title" className="slds-text-heading_small slds-m-vertical_small">
        Flow Interview sharing rules
      </h2>
      <LoadState
        state={state}
        data={state.data}
        label="Loading sharing rules"
        page={PAGE}
        empty={<EmptyState title="No sharing rules">Interviews are shared only by the default, the role hierarchy and manual shares.</EmptyState>}
      >
        {(rules) => (
          <div className="slds-card eddy-table-scroll">
            <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="sharing-rules-title" data-testid="sharing-rules">
              <thead>
                <tr>
                  <th scope="col">Label</th>
                  <th scope="col">Rule Name</th>
                  <th scope="col">Owned by members of</th>
                  <th scope="col">Shared with</th>
                  <th scope="col">Access</th>
                  <th scope="col">
                    <span className="slds-assistive-text">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rules.map((rule) => (
                  <tr key={rule.Id}>
                    <th scope="row" data-label="Label">
                      {rule.Name}
                      {rule.Description !== null && rule.Description !== '' && <div className="slds-text-color_weak">{rule.Description}</div>}
                    </th>
                    <td data-label="Rule Name">{rule.DeveloperName}</td>
                    <td data-label="Owned by members of">{names.get(rule.GroupId) ?? rule.GroupId}</td>
                    <td data-label="Shared with">{names.get(rule.UserOrGroupId) ?? rule.UserOrGroupId}</td>
                    <td data-label="Access">{accessLabel(rule.AccessLevel)}</td>
                    <td data-label="Actions">
                      {!readOnly && (
                        <button type="button" className="slds-button slds-button_text-destructive" aria-label={`Delete sharing rule ${rule.Name}`} onClick={() => setDeleting(rule)}>
                          Delete
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      {state.status !== 'error' && !readOnly && <NewRuleForm groups={groups} onCreated={state.reload} />}
      {deleting !== undefined && (
        <ConfirmDialog title="Delete this sharing rule?" confirmLabel="Delete" destructive busy={busy} onCancel={() => setDeleting(undefined)} onConfirm={() => void remove(deleting)}>
          Interviews shared by {deleting.Name} stop being shared through it.
        </ConfirmDialog>
      )}
    </>
  );
}

function InterviewShares({ names }: { readonly names: ReadonlyMap<string, string> }) {
  const { api } = useSession();
  const state = useAsync(() => api.interviewShares(), [api]);
  return (
    <>
      <h2 id="interview-shares-title" className="slds-text-heading_small slds-m-vertical_small">
        Interview shares
      </h2>
      <LoadState state={state} data={state.data} label="Loading shares" page={PAGE} empty={<EmptyState title="No interview shares" />}>
        {(shares) => (
          <div className="slds-card eddy-table-scroll">
            <table className="slds-table slds-table_bordered slds-table_cell-buffer" aria-labelledby="interview-shares-title">
              <thead>
                <tr>
                  <th scope="col">Interview</th>
                  <th scope="col">Shared with</th>
                  <th scope="col">Access</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {shares.map((share) => (
                  <tr key={share.Id}>
                    <td>{share.ParentId}</td>
                    <td>{names.get(share.UserOrGroupId) ?? share.UserOrGroupId}</td>
                    <td>{accessLabel(share.AccessLevel)}</td>
                    <td>{share.RowCause}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
    </>
  );
}

/** Setup → Sharing Settings (Flow Interviews). */
export function SetupSharingPage() {
  const { api, user } = useSession();
  const readOnly = !canChangeSetupSettings(user.permissions);
  const settings = useAsync((signal) => getAutomationSettings(api.client, signal), [api]);
  const groups = useAsync(() => api.groups().then((result) => result.groups), [api]);
  const names = new Map((groups.data ?? []).map((group) => [group.Id, groupLabel(group)]));
  return (
    <section aria-labelledby="setup-sharing-title">
      <h1 id="setup-sharing-title" className="slds-text-heading_medium slds-m-bottom_small">
        Sharing Settings: Flow Interviews
      </h1>
      <LoadState state={settings} data={settings.data} label="Loading sharing settings" page={PAGE}>
        {({ flowInterviewSharingModel }) => (
          <>
            {readOnly && <Notice variant="info">You can see the sharing settings; changing them needs the Customize Application permission.</Notice>}
            <OrgWideDefault model={flowInterviewSharingModel} readOnly={readOnly} onSaved={settings.reload} />
            <LoadState state={groups} data={groups.data} label="Loading groups" page={PAGE}>
              {(groupRows) => <SharingRules groups={groupRows} readOnly={readOnly} />}
            </LoadState>
            <InterviewShares names={names} />
          </>
        )}
      </LoadState>
    </section>
  );
}
