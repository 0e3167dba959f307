/** Setup: a side menu of the admin pages, each gated by the permissions it needs. */
import { Notice } from '../../components/alerts.js';
import { Link } from '../../router.js';
import { SETUP_PAGES, routePath, type SetupPage as SetupPageKey } from '../../routes.js';
import { useSession } from '../../session/session-context.js';
import { canOpenSetupPage, SETUP_PAGE_TITLES } from './setup-access.js';
import { SetupAutomationPage } from './setup-automation-page.js';
import { SetupJobsPage } from './setup-jobs-page.js';
import { SetupOutboxPage } from './setup-outbox-page.js';
import { SetupSharingPage } from './setup-sharing-page.js';
import { SetupFlowsPage } from './setup-flows-page.js';
import { SetupInterviewsPage } from './setup-interviews-page.js';
import { SetupGroupsPage, SetupUsersPage } from './setup-directory-pages.js';

function Content({ page }: { readonly page: SetupPageKey }) {
  switch (page) {
    case 'flows':
      return <SetupFlowsPage />;
    case 'interviews':
      return <SetupInterviewsPage />;
    case 'automation':
      return <SetupAutomationPage />;
    case 'users':
      return <SetupUsersPage />;
    case 'groups':
      return <SetupGroupsPage />;
    case 'sharing':
      return <SetupSharingPage />;
    case 'outbox':
      return <SetupOutboxPage />;
    case 'jobs':
      return <SetupJobsPage />;
  }
}

/** The Setup page with its menu. */
export function SetupPage({ page }: { readonly page: SetupPageKey }) {
  const { user } = useSession();
  const pages = SETUP_PAGES.filter((candidate) => canOpenSetupPage(user.permissions, candidate));
  return (
    <div className="eddy-setup">
      <nav className="eddy-setup-nav" aria-label="Setup">
        <h2 className="slds-text-title_caps slds-p-horizontal_medium slds-p-vertical_x-small">Setup</h2>
        <ul>
          {pages.map((candidate) => (
            <li key={candidate}>
              <Link to={routePath({ kind: 'setup', page: candidate })} aria-current={candidate === page ? 'page' : undefined}>
                {SETUP_PAGE_TITLES[candidate]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div>{canOpenSetupPage(user.permissions, page) ? <Content page={page} /> : <Notice variant="error">You don’t have the permissions to open {SETUP_PAGE_TITLES[page]}.</Notice>}</div>
    </div>
  );
}
