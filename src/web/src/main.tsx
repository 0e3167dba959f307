/** Entry point of the web UI: session, toasts, and the app (or the sign-in page). */
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { Spinner } from './components/spinner.js';
import { ToastProvider } from './components/toast.js';
import { SignInPage } from './pages/sign-in-page.js';
import { SessionProvider } from './session/session-context.js';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('The page has no #root element.');

createRoot(container).render(
  <ToastProvider>
    <SessionProvider loading={<Spinner label="Loading Eddy" />} signedOut={({ signIn, message }) => <SignInPage signIn={signIn} message={message} />}>
      <App />
    </SessionProvider>
  </ToastProvider>,
);
