/**
 * The application shell: the global header (brand, navigation, the signed-in user and Sign out),
 * a skip link, and the page of the current route.
 */
import { useEffect, useRef } from 'react';
import { HomePage } from './pages/home-page.js';
import { FlowStartPage, InterviewPage } from './pages/flow-pages.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { RecordPage } from './pages/record-page.js';
import { SetupPage } from './pages/setup/setup-page.js';
import { Link, useLocation } from './router.js';
import { matchRoute, routePath, type Route } from './routes.js';
import { useSession } from './session/session-context.js';
import { canOpenSetup } from './pages/setup/setup-access.js';

function pageTitle(route: Route): string {
  switch (route.kind) {
    case 'home':
      return 'Home';
    case 'record':
      return `${route.objectName} ${route.recordId}`;
    case 'flow':
    case 'interview':
      return 'Flow';
    case 'setup':
      return 'Setup';
    case 'notFound':
      return 'Not found';
  }
}

function Page({ route }: { readonly route: Route }) {
  switch (route.kind) {
    case 'home':
      return <HomePage />;
    case 'record':
      return <RecordPage key={`${route.objectName}/${route.recordId}`} objectName={route.objectName} recordId={route.recordId} />;
    case 'flow':
      return <FlowStartPage key={`${route.apiName}?${route.recordId ?? ''}`} apiName={route.apiName} recordId={route.recordId} />;
    case 'interview':
      return <InterviewPage key={route.interviewId} interviewId={route.interviewId} recordId={route.recordId} />;
    case 'setup':
      return <SetupPage page={route.page} />;
    case 'notFound':
      return <NotFoundPage path={route.path} />;
  }
}

/** The signed-in application. */
export function App() {
  const { user, signOut } = useSession();
  const location = useLocation();
  const route = matchRoute(location.pathname, location.search);
  const main = useRef<HTMLElement>(null);

  useEffect(() => {
    document.title = `${pageTitle(route)} | Eddy`;
  }, [route]);

  return (
    <div className="eddy-app">
      <a className="slds-assistive-text slds-assistive-text_focus eddy-skip-link" href="#main">
        Skip to content
      </a>
      <header className="eddy-header">
        <div className="eddy-header__brand">
          <Link to={routePath({ kind: 'home' })} className="eddy-brand" aria-label="Eddy home">
            Eddy
          </Link>
        </div>
        <nav className="eddy-header__nav" aria-label="Main">
          <ul>
            <li>
              <Link to={routePath({ kind: 'home' })} aria-current={route.kind === 'home' ? 'page' : undefined}>
                Home
              </Link>
            </li>
            {canOpenSetup(user.permissions) && (
              <li>
                <Link to={routePath({ kind: 'setup', page: 'flows' })} aria-current={route.kind === 'setup' ? 'page' : undefined}>
                  Setup
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div className="eddy-header__user">
          <span className="eddy-user-name" title={user.username} data-testid="current-user">
            {user.name}
          </span>
          <button type="button" className="slds-button slds-button_neutral slds-button_small" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" ref={main} className="eddy-main" tabIndex={-1}>
        <Page route={route} />
      </main>
    </div>
  );
}
