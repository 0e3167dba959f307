/** Setup → Users, Groups and Queues: read from SOQL (User, Group, GroupMember). */
import { EmptyState } from '../../components/alerts.js';
import { LoadState } from '../../components/load-state.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { MissingApi } from './missing-api.js';

/** Setup → Users. */
export function SetupUsersPage() {
  const { api } = useSession();
  const state = useAsync(() => api.users(), [api]);
  return (
    <section aria-labelledby="setup-users-title">
      <h1 id="setup-users-title" className="slds-text-heading_medium slds-m-bottom_small">
        Users
      </h1>
      <LoadState state={state} data={state.data} label="Loading users" empty={<EmptyState title="No users" />}>
        {(users) => (
          <div className="slds-card eddy-table-scroll">
            <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-users-title">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Username</th>
                  <th scope="col">Email</th>
                  <th scope="col">Active</th>
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
                    <td data-label="Active">{user.IsActive ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      <div className="slds-m-top_small">
        <MissingApi what="creating users, roles, permission set assignments or password resets" instead="Use the CLI: eddy users." />
      </div>
    </section>
  );
}

/** Setup → Groups and Queues. */
export function SetupGroupsPage() {
  const { api } = useSession();
  const state = useAsync(async () => {
    const [{ groups, members }, users] = await Promise.all([api.groups(), api.users()]);
    const names = new Map<string, string>([...users.map((user): [string, string] => [user.Id, user.Name]), ...groups.map((group): [string, string] => [group.Id, group.Name])]);
    return { groups, members, names };
  }, [api]);
  return (
    <section aria-labelledby="setup-groups-title">
      <h1 id="setup-groups-title" className="slds-text-heading_medium slds-m-bottom_small">
        Groups and Queues
      </h1>
      <LoadState state={state} data={state.data} label="Loading groups" empty={<EmptyState title="No public groups or queues" />} isEmpty={(data) => data.groups.length === 0}>
        {({ groups, members, names }) => (
          <div className="slds-card eddy-table-scroll">
            <table className="slds-table slds-table_bordered slds-table_cell-buffer slds-max-medium-table_stacked-horizontal" aria-labelledby="setup-groups-title">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Members</th>
                </tr>
              </thead>
              <tbody>
                {groups.map((group) => (
                  <tr key={group.Id}>
                    <th scope="row" data-label="Name">
                      {group.Name}
                    </th>
                    <td data-label="Type">{group.Type === 'Regular' ? 'Public group' : group.Type}</td>
                    <td data-label="Members">
                      {members
                        .filter((member) => member.GroupId === group.Id)
                        .map((member) => names.get(member.UserOrGroupId) ?? member.UserOrGroupId)
                        .join(', ') || '—'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </LoadState>
      <div className="slds-m-top_small">
        <MissingApi what="creating groups and queues or changing their members" instead="Use the CLI: eddy users." />
      </div>
    </section>
  );
}
