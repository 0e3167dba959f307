/**
 * Setup → Process Automation Settings: "Let users pause flows", "Let users resume shared flow
 * interviews", the automated process user's email, and org-wide email addresses (add, remove),
 * through `GET`/`PATCH /eddy/settings` and `/eddy/settings/org-wide-email-addresses`.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../../api/api-error.js';
import {
  addOrgWideEmailAddress,
  deleteOrgWideEmailAddress,
  getAutomationSettings,
  updateAutomationSettings,
  type AutomationSettings,
  type AutomationSettingsChanges,
  type OrgWideEmailAddress,
} from '../../api/setup-api.js';
import { EmptyState, Notice } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { ConfirmDialog } from '../../components/modal.js';
import { useToast } from '../../components/toast.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { canChangeSetupSettings } from './setup-access.js';

const PAGE = 'Process Automation Settings';

function Toggle({ id, label, help, checked, disabled, onChange }: {
  readonly id: string;
  readonly label: string;
  readonly help: string;
  readonly checked: boolean;
  readonly disabled: boolean;
  readonly onChange: (checked: boolean) => void;
}) {
  return (
    <div className="slds-form-element slds-m-bottom_small">
      <label className="slds-checkbox_toggle slds-grid" htmlFor={id}>
        <span className="slds-form-element__label slds-m-bottom_none eddy-toggle-label">{label}</span>
        <input id={id} type="checkbox" checked={checked} disabled={disabled} aria-describedby={`${id}-help`} onChange={(event) => onChange(event.target.checked)} />
        <span className="slds-checkbox_faux_container" aria-hidden="true">
          <span className="slds-checkbox_faux" />
          <span className="slds-checkbox_on">On</span>
          <span className="slds-checkbox_off">Off</span>
        </span>
      </label>
      <div id={`${id}-help`} className="slds-form-element__help slds-text-color_weak">
        {help}
      </div>
    </div>
  );
}

function SettingsCard({ settings, readOnly, onSaved }: { readonly settings: AutomationSettings; readonly readOnly: boolean; readonly onSaved: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [values, setValues] = useState(settings);
  const [email, setEmail] = useState(settings.automatedProcessUserEmail ?? '');
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const [emailError, setEmailError] = useState<string | undefined>(undefined);
  useEffect(() => {
    setValues(settings);
    setEmail(settings.automatedProcessUserEmail ?? '');
  }, [settings]);

  const save = async (key: string, changes: AutomationSettingsChanges, done: string): Promise<boolean> => {
    setBusy(key);
    try {
      await updateAutomationSettings(api.client, changes);
      setValues((previous) => ({ ...previous, ...changes }));
      showToast('success', done);
      onSaved();
      return true;
    } catch (error) {
      showToast('error', `The setting was not saved: ${errorMessage(error)}`);
      return false;
    } finally {
      setBusy(undefined);
    }
  };

  const saveEmail = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setEmailError(undefined);
    const trimmed = email.trim();
    setBusy('email');
    try {
      await updateAutomationSettings(api.client, { automatedProcessUserEmail: trimmed === '' ? null : trimmed });
      showToast('success', trimmed === '' ? 'The automated process user’s email is cleared.' : `Automated emails are sent from ${trimmed}.`);
      onSaved();
    } catch (error) {
      setEmailError(errorMessage(error));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div className="slds-card slds-p-around_medium slds-m-bottom_medium">
      <h2 className="slds-text-heading_small slds-m-bottom_small">Flow pause and resume</h2>
      <Toggle
        id="setting-allow-pause"
        label="Let users pause flows"
        help="Screens offer Pause; paused interviews can be resumed later."
        checked={values.allowPause}
        disabled={readOnly || busy !== undefined}
        onChange={(checked) => void save('allowPause', { allowPause: checked }, checked ? 'Users can pause flows.' : 'Users can no longer pause flows.')}
      />
      <Toggle
        id="setting-resume-shared"
        label="Let users resume shared flow interviews"
        help="Users an interview is shared with (Read/Write) can resume it, not only its owner."
        checked={values.resumeSharedInterviews}
        disabled={readOnly || busy !== undefined}
        onChange={(checked) =>
          void save('resumeSharedInterviews', { resumeSharedInterviews: checked }, checked ? 'Users can resume interviews shared with them.' : 'Only owners can resume their interviews.')
        }
      />
      <h2 className="slds-text-heading_small slds-m-vertical_small">Automated process user</h2>
      <form className="eddy-toolbar" onSubmit={(event) => void saveEmail(event)} noValidate>
        <div className={`slds-form-element${emailError === undefined ? '' : ' slds-has-error'}`}>
          <label className="slds-form-element__label" htmlFor="setting-automated-email">
            Automated process user email
          </label>
          <div className="slds-form-element__control">
            <input
              id="setting-automated-email"
              className="slds-input"
              type="email"
              value={email}
              placeholder="noreply@example.com"
              readOnly={readOnly}
              aria-invalid={emailError === undefined ? undefined : true}
              aria-describedby={emailError === undefined ? 'setting-automated-email-help' : 'setting-automated-email-error'}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          {emailError === undefined ? (
            <div id="setting-automated-email-help" className="slds-form-element__help slds-text-color_weak">
              The sender of emails flows send as the automated process user. Empty: the running user’s address.
            </div>
          ) : (
            <div id="setting-automated-email-error" className="slds-form-element__help">
              {emailError}
            </div>
          )}
        </div>
        {!readOnly && (
          <button type="submit" className="slds-button slds-button_brand" disabled={busy !== undefined}>
            {busy === 'email' ? 'Saving…' : 'Save email'}
          </button>
        )}
      </form>
    </div>
  );
}

function OrgWideAddresses({ addresses, readOnly, onChanged }: { readonly addresses: readonly OrgWideEmailAddress[]; readonly readOnly: boolean; readonly onChanged: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [displayName, setDisplayName] = useState('');
  const [address, setAddress] = useState('');
  const [adding, setAdding] = useState(false);
  const [addError, setAddError] = useState<string | undefined>(undefined);
  const [removing, setRemoving] = useState<OrgWideEmailAddress | undefined>(undefined);
  const [removeBusy, setRemoveBusy] = useState(false);

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setAddError(undefined);
    if (address.trim() === '' || displayName.trim() === '') {
      setAddError('Enter a display name and an email address.');
      return;
    }
    setAdding(true);
    try {
      await addOrgWideEmailAddress(api.client, { Address: address.trim(), DisplayName: displayName.trim() });
      showToast('success', `${address.trim()} was added.`);
      setAddress('');
      setDisplayName('');
      onChanged();
    } catch (error) {
      setAddError(errorMessage(error));
    } finally {
      setAdding(false);
    }
  };

  const remove = async (target: OrgWideEmailAddress): Promise<void> => {
    setRemoveBusy(true);
    try {
      await deleteOrgWideEmailAddress(api.client, target.Id);
      showToast('success', `${target.Address} was removed.`);
      onChanged();
    } catch (error) {
      showToast('error', `${target.Address} was not removed: ${errorMessage(error)}`);
    } finally {
      setRemoveBusy(false);
      setRemoving(undefined);
    }
  };

  return (
    <div className="slds-card slds-p-around_medium">
      <h2 id="org-wide-addresses-title" className="slds-text-heading_small slds-m-bottom_small">
        Organization-wide email addresses
      </h2>
      {addresses.length === 0 ? (
        <EmptyState title="No organization-wide email addresses">Flows send from the running user’s address.</EmptyState>
      ) : (
        <div className="eddy-table-scroll">
          <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="org-wide-addresses-title">
            <thead>
              <tr>
                <th scope="col">Display Name</th>
                <th scope="col">Email Address</th>
                <th scope="col">
                  <span className="slds-assistive-text">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {addresses.map((entry) => (
                <tr key={entry.Id}>
                  <th scope="row" data-label="Display Name">
                    {entry.DisplayName}
                  </th>
                  <td data-label="Email Address">{entry.Address}</td>
                  <td data-label="Actions">
                    {!readOnly && (
                      <button type="button" className="slds-button slds-button_text-destructive" aria-label={`Remove ${entry.Address}`} onClick={() => setRemoving(entry)}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {!readOnly && (
        <form className="eddy-toolbar slds-m-top_small" aria-label="Add an organization-wide email address" onSubmit={(event) => void add(event)} noValidate>
          <div className="slds-form-element">
            <label className="slds-form-element__label" htmlFor="org-wide-display-name">
              Display Name
            </label>
            <div className="slds-form-element__control">
              <input id="org-wide-display-name" className="slds-input" value={displayName} onChange={(event) => setDisplayName(event.target.value)} />
            </div>
          </div>
          <div className="slds-form-element">
            <label className="slds-form-element__label" htmlFor="org-wide-address">
              Email Address
            </label>
            <div className="slds-form-element__control">
              <input id="org-wide-address" className="slds-input" type="email" value={address} aria-describedby={addError === undefined ? undefined : 'org-wide-add-error'} onChange={(event) => setAddress(event.target.value)} />
            </div>
          </div>
          <button type="submit" className="slds-button slds-button_neutral" disabled={adding}>
            {adding ? 'Adding…' : 'Add address'}
          </button>
        </form>
      )}
      {addError !== undefined && (
        <div id="org-wide-add-error" className="slds-text-color_error" role="alert">
          {addError}
        </div>
      )}
      {removing !== undefined && (
        <ConfirmDialog title="Remove this address?" confirmLabel="Remove" destructive busy={removeBusy} onCancel={() => setRemoving(undefined)} onConfirm={() => void remove(removing)}>
          Flows that send from {removing.Address} will fail to send until they use another address.
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Setup → Process Automation Settings. */
export function SetupAutomationPage() {
  const { api, user } = useSession();
  const readOnly = !canChangeSetupSettings(user.permissions);
  const state = useAsync((signal) => getAutomationSettings(api.client, signal), [api]);
  return (
    <section aria-labelledby="setup-automation-title">
      <h1 id="setup-automation-title" className="slds-text-heading_medium slds-m-bottom_small">
        {PAGE}
      </h1>
      <LoadState state={state} data={state.data} label="Loading settings" page={PAGE}>
        {(settings) => (
          <>
            {readOnly && <Notice variant="info">You can see these settings; changing them needs the Customize Application permission.</Notice>}
            <SettingsCard settings={settings} readOnly={readOnly} onSaved={state.reload} />
            <OrgWideAddresses addresses={settings.orgWideEmailAddresses} readOnly={readOnly} onChanged={state.reload} />
          </>
        )}
      </LoadState>
    </section>
  );
}
