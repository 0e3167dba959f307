/** The sign-in form: username and password, errors announced, no hint which one was wrong. */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/api-error.js';

/** Signs in through `signIn`; `message` explains why the form shows (signed out, session ended). */
export function SignInPage({ signIn, message }: { readonly signIn: (username: string, password: string) => Promise<void>; readonly message: string | undefined }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await signIn(username.trim(), password);
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <main className="eddy-sign-in">
      <div className="slds-card slds-p-around_large eddy-sign-in-card">
        <h1 className="slds-text-heading_large slds-m-bottom_small">Sign in to Eddy</h1>
        <p className="slds-text-color_weak slds-m-bottom_medium">Run, pause and resume your flows.</p>
        {message !== undefined && (
          <div className="slds-scoped-notification slds-scoped-notification_light slds-m-bottom_small" role="status">
            {message}
          </div>
        )}
        {error !== undefined && (
          <div className="slds-scoped-notification slds-theme_error slds-m-bottom_small" role="alert" id={`${id}-error`}>
            {error}
          </div>
        )}
        <form onSubmit={(event) => void submit(event)} noValidate aria-describedby={error === undefined ? undefined : `${id}-error`}>
          <div className="slds-form-element slds-m-bottom_small">
            <label className="slds-form-element__label" htmlFor={`${id}-username`}>
              Username
            </label>
            <div className="slds-form-element__control">
              <input id={`${id}-username`} name="username" className="slds-input" type="text" autoComplete="username" autoFocus value={username} onChange={(event) => setUsername(event.target.value)} />
            </div>
          </div>
          <div className="slds-form-element slds-m-bottom_medium">
            <label className="slds-form-element__label" htmlFor={`${id}-password`}>
              Password
            </label>
            <div className="slds-form-element__control">
              <input id={`${id}-password`} name="password" className="slds-input" type="password" autoComplete="current-password" value={password} onChange={(event) => setPassword(event.target.value)} />
            </div>
          </div>
          <button type="submit" className="slds-button slds-button_brand slds-button_stretch" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
