/** Setup → Users, Groups and Queues: read from SOQL (User, Group, GroupMember). */
import { ErrorNotice, EmptyState } from '../../components/alerts.js';
import { Spinner } from '../../components/spinner.js';
import { useSession } from '../../session/session-context.js';
import { useAsync } from '../../use-async.js';
import { MissingApi } from './missing-api.js';

function Loading({ state, label }: { readonly state: { status: string; error?: unknown; reload: () => void }; readonly label: string }) {
  if (state.status === 'error') return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (state.status === 'loading') return <Spinner label={label} />;
  return null;
}

/** Setup → Users. */
export function SetupUsersPage() {
  const { api } = useSession();
  const state = useAsync(() => api.users(), [api]);
  return (
    <section aria-labelledby="setup-users-title">
      <h1 id="setup-users-title" className="slds-text-heading_medium slds-m-bottom_small">
        Users
      </h1>
      <Loading state={state} label="Loading users" />
      {state.data !== undefined && state.data.length === 0 && <EmptyState title="No users" />}
      {state.data !== undefined && state.data.length > 0 && (
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
              {state.data.map((user) => (
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
      <Loading state={state} label="Loading groups" />
      {state.data !== undefined && state.data.groups.length === 0 && <EmptyState title="No public groups or queues" />}
      {state.data !== undefined && state.data.groups.length > 0 && (
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
              {state.data.groups.map((group) => (
                <tr key={group.Id}>
                  <th scope="row" data-label="Name">
                    {group.Name}
                  </th>
                  <td data-label="Type">{group.Type === 'Regular' ? 'Public group' : group.Type}</td>
                  <td data-label="Members">
                    {state.data?.members
                      .filter((member) => member.GroupId === group.Id)
                      .map((member) => state.data?.names.get(member.UserOrGroupId) ?? member.UserOrGroupId)
                      .join(', ') || '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="slds-m-top_small">
        <MissingApi what="creating groups and queues or changing their members" instead="Use the CLI: eddy users." />
      </div>
    </section>
  );
}
