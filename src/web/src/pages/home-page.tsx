/** Home: my paused interviews (resume, delete) and, for admins, paused interviews by flow. */
import type { InterviewRow } from '../api/eddy-api.js';
import { ErrorNotice, EmptyState } from '../components/alerts.js';
import { Spinner } from '../components/spinner.js';
import { PausedFlows } from '../paused-flows/paused-flows.js';
import { Link } from '../router.js';
import { routePath } from '../routes.js';
import { useSession } from '../session/session-context.js';
import { useAsync } from '../use-async.js';

/** Paused and waiting interviews counted by flow label, most first. */
export function countByFlow(rows: readonly InterviewRow[], flowLabels: ReadonlyMap<string, string>): { readonly flow: string; readonly paused: number; readonly waiting: number }[] {
  const counts = new Map<string, { paused: number; waiting: number }>();
  for (const row of rows) {
    const flow = (row.flowVersionId === null ? undefined : flowLabels.get(row.flowVersionId)) ?? 'Unknown flow';
    const entry = counts.get(flow) ?? { paused: 0, waiting: 0 };
    if (row.wasPausedFromScreen) entry.paused += 1;
    else entry.waiting += 1;
    counts.set(flow, entry);
  }
  return [...counts.entries()].map(([flow, entry]) => ({ flow, ...entry })).sort((a, b) => b.paused + b.waiting - (a.paused + a.waiting) || a.flow.localeCompare(b.flow));
}

function FlowCounts() {
  const { api } = useSession();
  const state = useAsync(async () => {
    const [rows, versions] = await Promise.all([api.pausedInterviews(), api.flowVersions()]);
    return countByFlow(rows, new Map(versions.map((version) => [version.id, version.label])));
  }, [api]);
  return (
    <article className="slds-card" aria-labelledby="flow-counts-heading">
      <div className="slds-card__header">
        <h2 className="slds-card__header-title" id="flow-counts-heading">
          Paused interviews by flow
        </h2>
      </div>
      <div className="slds-card__body slds-card__body_inner">
        {state.status === 'error' && <ErrorNotice error={state.error} onRetry={state.reload} />}
        {state.status === 'loading' && <Spinner label="Counting interviews" />}
        {state.status === 'ready' && state.data.length === 0 && <EmptyState title="No paused interviews in the org" />}
        {state.status === 'ready' && state.data.length > 0 && (
          <table className="slds-table slds-table_bordered slds-table_cell-buffer" aria-labelledby="flow-counts-heading">
            <thead>
              <tr>
                <th scope="col">Flow</th>
                <th scope="col">Paused</th>
                <th scope="col">Waiting</th>
              </tr>
            </thead>
            <tbody>
              {state.data.map((entry) => (
                <tr key={entry.flow}>
                  <th scope="row">{entry.flow}</th>
                  <td>{entry.paused}</td>
                  <td>{entry.waiting}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p className="slds-m-top_small">
          <Link to={routePath({ kind: 'setup', page: 'interviews' })}>Manage paused and waiting interviews</Link>
        </p>
      </div>
    </article>
  );
}

const HOME_COLUMNS = ['label', 'pauseReason', 'pausedDate', 'relatedRecord'] as const;

/** The Home page. */
export function HomePage() {
  const { user } = useSession();
  const admin = user.permissions.manageFlow || user.permissions.viewAllData;
  return (
    <div>
      <div className="slds-page-header slds-m-bottom_small">
        <div className="slds-page-header__row">
          <div className="slds-page-header__col-title">
            <h1 className="slds-page-header__title">Home</h1>
            <p className="slds-page-header__name-meta">Welcome, {user.name}</p>
          </div>
        </div>
      </div>
      <div className="slds-grid slds-wrap slds-gutters_small">
        <div className={`slds-col slds-size_1-of-1${admin ? ' slds-large-size_8-of-12' : ''} slds-m-bottom_small`}>
          <PausedFlows pageKey="home" title="My Paused Flow Interviews" defaultColumns={HOME_COLUMNS} />
        </div>
        {admin && (
          <div className="slds-col slds-size_1-of-1 slds-large-size_4-of-12">
            <FlowCounts />
          </div>
        )}
      </div>
    </div>
  );
}
