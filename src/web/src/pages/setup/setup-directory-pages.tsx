/**
 * Setup → Users, Groups and Queues: read from SOQL (User, UserRole, PermissionSet,
 * PermissionSetAssignment, Group, GroupMember); for users with Manage Users, changed through the
 * sObject resources (new users and their permission sets, activation, groups, queues, members).
 * Others see the lists read-only.
 */
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.js';
import type { GroupMemberRow, GroupRow, UserRow } from '../../api/eddy-api.js';
import { EmptyState, Notice } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { ConfirmDialog } from '../../components/modal.js';
import { useToast } from '../../components/toast.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { AddMemberForm, NewGroupForm, NewUserForm, PermissionSetsDialog } from './directory-forms.js';
import { canManageUsers } from './setup-access.js';
import { MissingApi } from './missing-api.js';

/** Setup → Users. */
export function SetupUsersPage() {
  const { api, user: me } = useSession();
  const showToast = useToast();
  const canManage = canManageUsers(me.permissions);
  const state = useAsync(async () => {
    const [users, roles, permissionSets, assignments] = await Promise.all([api.users(), api.roles(), api.permissionSets(), api.permissionSetAssignments()]);
    return { users, roles, permissionSets, assignments };
  }, [api]);
  const [editing, setEditing] = useState<UserRow | undefined>(undefined);
  const [busyId, setBusyId] = useState<string | undefined>(undefined);

  const setActive = async (user: UserRow, active: boolean): Promise<void> => {
    setBusyId(user.Id);
    try {
      await api.setUserActive(user.Id, active);
      showToast('success', `${user.Name} was ${active ? 'activated' : 'deactivated'}.`);
      state.reload();
    } catch (error) {
      showToast('error', `${user.Name} was not ${active ? 'activated' : 'deactivated'}: ${errorMessage(error)}`);
    } finally {
      setBusyId(undefined);
    }
  };

  return (
    <section aria-labelledby="setup-users-title">
      <h1 id="setup-users-title" className="slds-text-heading_medium slds-m-bottom_small">
        Users
      </h1>
      {!canManage && <Notice variant="info">You can see the users; creating and changing them needs the Manage Users permission.</Notice>}
      <LoadState state={state} data={state.data} label="Loading users" empty={<EmptyState title="No users" />} isEmpty={(data) => data.users.length === 0}>
        {({ users, roles, permissionSets, assignments }) => {
          const roleNames = new Map(roles.map((role) => [role.Id, role.Name]));
          const setLabels = new Map(permissionSets.map((set) => [set.Id, set.Label]));
          return (
            <>
              <div className="slds-card eddy-table-scroll">
                <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-users-title">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Username</th>
                      <th scope="col">Email</th>
                      <th scope="col">Role</th>
                      <th scope="col">Permission Sets</th>
                      <th scope="col">Active</th>
                      {canManage && (
                        <th scope="col">
                          <span className="slds-assistive-text">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {users.map((user) => (
                      <tr key={user.Id}>
                        <th scope="row" data-label="Name">
                          {user.Name}
                        </th>
                        <td data-label="Username">{user.Username}</td>
                        <td data-label="Email">{user.Email}</td>
                        <td data-label="Role">{user.UserRoleId === null ? '—' : (roleNames.get(user.UserRoleId) ?? user.UserRoleId)}</td>
                        <td data-label="Permission Sets">
                          {assignments
                            .filter((assignment) => assignment.AssigneeId === user.Id)
                            .map((assignment) => setLabels.get(assignment.PermissionSetId) ?? assignment.PermissionSetId)
                            .join(', ') || '—'}
                        </td>
                        <td data-label="Active">{user.IsActive ? 'Yes' : 'No'}</td>
                        {canManage && (
                          <td data-label="Actions">
                            <div className="slds-button-group" role="group">
                              <button type="button" className="slds-button slds-button_neutral" aria-label={`Permission sets of ${user.Name}`} onClick={() => setEditing(user)}>
                                Permission Sets
                              </button>
                              {user.Id !== me.id && user.UserType !== 'AutomatedProcess' && (
                                <button
                                  type="button"
                                  className="slds-button slds-button_neutral"
                                  aria-label={`${user.IsActive ? 'Deactivate' : 'Activate'} ${user.Name}`}
                                  disabled={busyId === user.Id}
                                  onClick={() => void setActive(user, !user.IsActive)}
                                >
                                  {user.IsActive ? 'Deactivate' : 'Activate'}
                                </button>
                              )}
                            </div>
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {canManage && <NewUserForm roles={roles} permissionSets={permissionSets} onCreated={state.reload} />}
              {editing !== undefined && (
                <PermissionSetsDialog
                  user={editing}
                  permissionSets={permissionSets}
                  assignments={assignments}
                  onClose={() => setEditing(undefined)}
                  onSaved={() => {
                    setEditing(undefined);
                    state.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </LoadState>
      <div className="slds-m-top_small">
        <MissingApi what="creating roles or resetting passwords" instead="Use the CLI: eddy users." />
      </div>
    </section>
  );
}

function memberName(member: GroupMemberRow, names: ReadonlyMap<string, string>): string {
  return names.get(member.UserOrGroupId) ?? member.UserOrGroupId;
}

/** Setup → Groups and Queues. */
export function SetupGroupsPage() {
  const { api, user: me } = useSession();
  const showToast = useToast();
  const canManage = canManageUsers(me.permissions);
  const state = useAsync(async () => {
    const [{ groups, members }, users] = await Promise.all([api.groups(), api.users()]);
    const names = new Map<string, string>([...users.map((user): [string, string] => [user.Id, user.Name]), ...groups.map((group): [string, string] => [group.Id, group.Name])]);
    return { groups, members, users, names };
  }, [api]);
  const [deleting, setDeleting] = useState<GroupRow | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const removeGroup = async (group: GroupRow): Promise<void> => {
    setBusy(true);
    try {
      await api.deleteGroup(group.Id);
      showToast('success', `${group.Name} was deleted.`);
      state.reload();
    } catch (error) {
      showToast('error', `${group.Name} was not deleted: ${errorMessage(error)}`);
    } finally {
      setBusy(false);
      setDeleting(undefined);
    }
  };

  const removeMember = async (member: GroupMemberRow, label: string): Promise<void> => {
    try {
      await api.removeGroupMember(member.Id);
      showToast('success', `${label} was removed.`);
      state.reload();
    } catch (error) {
      showToast('error', `${label} was not removed: ${errorMessage(error)}`);
    }
  };

  return (
    <section aria-labelledby="setup-groups-title">
      <h1 id="setup-groups-title" className="slds-text-heading_medium slds-m-bottom_small">
        Groups and Queues
      </h1>
      {!canManage && <Notice variant="info">You can see the groups and queues; changing them needs the Manage Users permission.</Notice>}
      <LoadState state={state} data={state.data} label="Loading groups" empty={<EmptyState title="No public groups or queues" />} isEmpty={(data) => data.groups.length === 0 && !canManage}>
        {({ groups, members, users, names }) => (
          <>
            {groups.length === 0 ? (
              <EmptyState title="No public groups or queues" />
            ) : (
              <div className="slds-card eddy-table-scroll">
                <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-groups-title">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Type</th>
                      <th scope="col">Members</th>
                      {canManage && (
                        <th scope="col">
                          <span className="slds-assistive-text">Actions</span>
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {groups.map((group) => {
                      const own = members.filter((member) => member.GroupId === group.Id);
                      return (
                        <tr key={group.Id}>
                          <th scope="row" data-label="Name">
                            {group.Name}
                          </th>
                          <td data-label="Type">{group.Type === 'Regular' ? 'Public group' : group.Type}</td>
                          <td data-label="Members">
                            {!canManage && (own.map((member) => memberName(member, names)).join(', ') || '—')}
                            {canManage && (
                              <>
                                {own.length === 0 && <span>—</span>}
                                <ul>
                                  {own.map((member) => {
                                    const label = `${memberName(member, names)} from ${group.Name}`;
                                    return (
                                      <li key={member.Id}>
                                        {memberName(member, names)}{' '}
                                        <button type="button" className="slds-button" aria-label={`Remove ${label}`} onClick={() => void removeMember(member, memberName(member, names))}>
                                          Remove
                                        </button>
                                      </li>
                                    );
                                  })}
                                </ul>
                                <AddMemberForm group={group} users={users} groups={groups} onAdded={state.reload} />
                              </>
                            )}
                          </td>
                          {canManage && (
                            <td data-label="Actions">
                              <button type="button" className="slds-button slds-button_text-destructive" aria-label={`Delete ${group.Name}`} onClick={() => setDeleting(group)}>
                                Delete
                              </button>
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {canManage && <NewGroupForm onCreated={state.reload} />}
          </>
        )}
      </LoadState>
      {deleting !== undefined && (
        <ConfirmDialog title={`Delete ${deleting.Type === 'Queue' ? 'queue' : 'group'} ${deleting.Name}?`} confirmLabel="Delete" destructive busy={busy} onCancel={() => setDeleting(undefined)} onConfirm={() => void removeGroup(deleting)}>
          Its members lose what it gave them: shares to it and its place in other groups go with it.
        </ConfirmDialog>
      )}
    </section>
  );
}
