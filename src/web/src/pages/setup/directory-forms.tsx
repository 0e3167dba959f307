/**
 * The forms of Setup → Users and Groups and Queues, for users with Manage Users: a new user with
 * a role and permission sets, a user's permission sets, a new group or queue, a new member.
 * Each writes through the sObject resources (`POST /sobjects/User`, `PermissionSetAssignment`,
 * `Group`, `GroupMember`) and shows the API's error at the form.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '../../api/api-error.js';
import type { GroupRow, PermissionSetAssignmentRow, PermissionSetRow, RoleRow, UserRow } from '../../api/eddy-api.js';
import { Modal } from '../../components/modal.js';
import { useToast } from '../../components/toast.js';
import { useSession } from '../../session/session-context.js';

/** An SLDS form element's label, with the required marker. */
function FieldLabel({ id, label, required }: { readonly id: string; readonly label: string; readonly required: boolean }) {
  return (
    <label className="slds-form-element__label" htmlFor={id}>
      {required && (
        <abbr className="slds-required" title="required">
          *{' '}
        </abbr>
      )}
      {label}
    </label>
  );
}

function TextField({ id, label, value, onChange, required = false, type = 'text' }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (value: string) => void; readonly required?: boolean; readonly type?: string }) {
  return (
    <div className="slds-form-element">
      <FieldLabel id={id} label={label} required={required} />
      <div className="slds-form-element__control">
        <input id={id} type={type} className="slds-input" required={required} value={value} onChange={(event) => onChange(event.target.value)} />
      </div>
    </div>
  );
}

function SelectField({ id, label, value, onChange, children, required = false }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (value: string) => void; readonly children: ReactNode; readonly required?: boolean }) {
  return (
    <div className="slds-form-element">
      <FieldLabel id={id} label={label} required={required} />
      <div className="slds-form-element__control">
        <div className="slds-select_container">
          <select id={id} className="slds-select" required={required} value={value} onChange={(event) => onChange(event.target.value)}>
            {children}
          </select>
        </div>
      </div>
    </div>
  );
}

function PermissionSetChecks({ idPrefix, sets, checked, onChange }: { readonly idPrefix: string; readonly sets: readonly PermissionSetRow[]; readonly checked: ReadonlySet<string>; readonly onChange: (next: ReadonlySet<string>) => void }) {
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(checked);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="slds-form-element">
      <legend className="slds-form-element__legend slds-form-element__label">Permission Sets</legend>
      <div className="slds-form-element__control">
        {sets.map((set) => (
          <div key={set.Id} className="slds-checkbox">
            <input type="checkbox" id={`${idPrefix}-${set.Id}`} checked={checked.has(set.Id)} onChange={(event) => toggle(set.Id, event.target.checked)} />
            <label className="slds-checkbox__label" htmlFor={`${idPrefix}-${set.Id}`}>
              <span className="slds-checkbox_faux" />
              <span className="slds-form-element__label">{set.Label}</span>
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function FormError({ error }: { readonly error: string | undefined }) {
  if (error === undefined) return null;
  return (
    <div className="slds-text-color_error" role="alert">
      {error}
    </div>
  );
}

/** "New user": name, username, email, role and permission sets; the sets are assigned once the user exists. */
export function NewUserForm({ roles, permissionSets, onCreated }: { readonly roles: readonly RoleRow[]; readonly permissionSets: readonly PermissionSetRow[]; readonly onCreated: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [roleId, setRoleId] = useState('');
  const [sets, setSets] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    if (lastName.trim() === '' || username.trim() === '' || email.trim() === '') {
      setError('Enter a last name, a username and an email.');
      return;
    }
    setBusy(true);
    let createdId: string | undefined;
    try {
      createdId = await api.createUser({
        ...(firstName.trim() === '' ? {} : { FirstName: firstName.trim() }),
        LastName: lastName.trim(),
        Username: username.trim(),
        Email: email.trim(),
        ...(roleId === '' ? {} : { UserRoleId: roleId }),
      });
      for (const setId of sets) await api.assignPermissionSet(createdId, setId);
      showToast('success', `User ${username.trim()} was created.`);
      setFirstName('');
      setLastName('');
      setUsername('');
      setEmail('');
      setRoleId('');
      setSets(new Set());
    } catch (caught) {
      setError(createdId === undefined ? errorMessage(caught) : `The user was created, but a permission set was not assigned: ${errorMessage(caught)}`);
    } finally {
      setBusy(false);
      if (createdId !== undefined) onCreated();
    }
  };

  return (
    <form className="slds-card slds-p-around_medium slds-m-top_small" aria-labelledby="new-user-title" onSubmit={(event) => void submit(event)} noValidate>
      <h2 id="new-user-title" className="slds-text-heading_small slds-m-bottom_small">
        New User
      </h2>
      <div className="eddy-toolbar">
        <TextField id="user-first-name" label="First Name" value={firstName} onChange={setFirstName} />
        <TextField id="user-last-name" label="Last Name" value={lastName} onChange={setLastName} required />
        <TextField id="user-username" label="Username" value={username} onChange={setUsername} required />
        <TextField id="user-email" label="Email" type="email" value={email} onChange={setEmail} required />
        <SelectField id="user-role" label="Role" value={roleId} onChange={setRoleId}>
          <option value="">--None--</option>
          {roles.map((role) => (
            <option key={role.Id} value={role.Id}>
              {role.Name}
            </option>
          ))}
        </SelectField>
      </div>
      <PermissionSetChecks idPrefix="new-user-set" sets={permissionSets} checked={sets} onChange={setSets} />
      <div className="slds-m-top_small">
        <button type="submit" className="slds-button slds-button_brand" disabled={busy}>
          {busy ? 'Creating…' : 'Create user'}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}

/** A user's permission sets in a dialog: checked sets are assigned, unchecked ones taken back. */
export function PermissionSetsDialog({ user, permissionSets, assignments, onClose, onSaved }: {
  readonly user: UserRow;
  readonly permissionSets: readonly PermissionSetRow[];
  readonly assignments: readonly PermissionSetAssignmentRow[];
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const { api } = useSession();
  const showToast = useToast();
  const mine = assignments.filter((assignment) => assignment.AssigneeId === user.Id);
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set(mine.map((assignment) => assignment.PermissionSetId)));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const save = async (): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      for (const assignment of mine) if (!checked.has(assignment.PermissionSetId)) await api.removePermissionSetAssignment(assignment.Id);
      for (const setId of checked) if (!mine.some((assignment) => assignment.PermissionSetId === setId)) await api.assignPermissionSet(user.Id, setId);
      showToast('success', `Permission sets of ${user.Name} were saved.`);
      onSaved();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`Permission sets of ${user.Name}`}
      size="small"
      onClose={onClose}
      footer={
        <>
          <button type="button" className="slds-button slds-button_neutral" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="slds-button slds-button_brand" onClick={() => void save()} disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </button>
        </>
      }
    >
      <PermissionSetChecks idPrefix={`user-sets-${user.Id}`} sets={permissionSets} checked={checked} onChange={setChecked} />
      <FormError error={error} />
    </Modal>
  );
}

/** "New group or queue": a name and the type. */
export function NewGroupForm({ onCreated }: { readonly onCreated: () => void }) {
  const { api } = useSession();
  const showToast = useToast();
  const [name, setName] = useState('');
  const [type, setType] = useState<'Regular' | 'Queue'>('Regular');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setError(undefined);
    if (name.trim() === '') {
      setError('Enter a name.');
      return;
    }
    setBusy(true);
    try {
      await api.createGroup(name.trim(), type);
      showToast('success', `${type === 'Queue' ? 'Queue' : 'Public group'} ${name.trim()} was created.`);
      setName('');
      onCreated();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="slds-card slds-p-around_medium slds-m-top_small" aria-labelledby="new-group-title" onSubmit={(event) => void submit(event)} noValidate>
      <h2 id="new-group-title" className="slds-text-heading_small slds-m-bottom_small">
        New Group or Queue
      </h2>
      <div className="eddy-toolbar">
        <TextField id="group-name" label="Group Name" value={name} onChange={setName} required />
        <SelectField id="group-type" label="Type" value={type} onChange={(value) => setType(value === 'Queue' ? 'Queue' : 'Regular')}>
          <option value="Regular">Public group</option>
          <option value="Queue">Queue</option>
        </SelectField>
        <button type="submit" className="slds-button slds-button_brand" disabled={busy}>
          {busy ? 'Creating…' : 'Create'}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}

/** Adds a user or another group to `group`. */
export function AddMemberForm({ group, users, groups, onAdded }: { readonly group: GroupRow; readonly users: readonly UserRow[]; readonly groups: readonly GroupRow[]; readonly onAdded: () => void }) {
  const { api } = useSession();
  const [memberId, setMemberId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const id = `add-member-${group.Id}`;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (memberId === '') return;
    setBusy(true);
    setError(undefined);
    try {
      await api.addGroupMember(group.Id, memberId);
      setMemberId('');
      onAdded();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="eddy-toolbar slds-m-top_xx-small" onSubmit={(event) => void submit(event)}>
      <SelectField id={id} label={`Add a member to ${group.Name}`} value={memberId} onChange={setMemberId}>
        <option value="">--None--</option>
        <optgroup label="Users">
          {users
            .filter((user) => user.IsActive)
            .map((user) => (
              <option key={user.Id} value={user.Id}>
                {user.Name}
              </option>
            ))}
        </optgroup>
        <optgroup label="Groups">
          {groups
            .filter((other) => other.Id !== group.Id)
            .map((other) => (
              <option key={other.Id} value={other.Id}>
                {other.Name}
              </option>
            ))}
        </optgroup>
      </SelectField>
      <button type="submit" className="slds-button slds-button_neutral" disabled={busy || memberId === ''}>
        {busy ? 'Adding…' : 'Add'}
      </button>
      <FormError error={error} />
    </form>
  );
}
