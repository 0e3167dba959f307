/**
 * The signed-in user and the API client, for every page: `SessionProvider` reads the web
 * session at start, signs in and out, and drops back to the sign-in form when the API answers 401.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client.js';
import { EddyApi, type CurrentUser } from '../api/eddy-api.js';

/** The session as pages see it. */
export interface SessionValue {
  readonly api: EddyApi;
  readonly user: CurrentUser;
  readonly signOut: () => Promise<void>;
}

/** The provider's state. */
export type SessionState =
  | { readonly status: 'loading' }
  | { readonly status: 'signedOut'; readonly message: string | undefined }
  | { readonly status: 'signedIn'; readonly user: CurrentUser };

const SessionContext = createContext<SessionValue | undefined>(undefined);

/** The signed-in session (inside a signed-in page). */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (value === undefined) throw new Error('useSession() needs a signed-in SessionProvider.');
  return value;
}

/** Holds the session; renders `signedOut` for visitors and `children` for signed-in users. */
export function SessionProvider({ children, signedOut, loading }: {
  readonly children: ReactNode;
  readonly signedOut: (props: { readonly signIn: (username: string, password: string) => Promise<void>; readonly message: string | undefined }) => ReactNode;
  readonly loading: ReactNode;
}) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const csrf = useRef<string | undefined>(undefined);
  const api = useMemo(
    () =>
      new EddyApi(
        new ApiClient({
          csrfToken: () => csrf.current,
          onUnauthorized: () => setState((current) => (current.status === 'signedIn' ? { status: 'signedOut', message: 'Your session has ended. Sign in again.' } : current)),
        }),
      ),
    [],
  );

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      try {
        const session = await api.session();
        await api.client.ready();
        if (cancelled) return;
        csrf.current = session?.csrfToken;
        setState(session === undefined ? { status: 'signedOut', message: undefined } : { status: 'signedIn', user: session.user });
      } catch (error) {
        if (!cancelled) setState({ status: 'signedOut', message: error instanceof Error ? error.message : 'The server cannot be reached.' });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [api]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const session = await api.signIn(username, password);
      await api.client.ready();
      csrf.current = session.csrfToken;
      setState({ status: 'signedIn', user: session.user });
    },
    [api],
  );

  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      csrf.current = undefined;
      setState({ status: 'signedOut', message: 'You have signed out.' });
    }
  }, [api]);

  if (state.status === 'loading') return <>{loading}</>;
  if (state.status === 'signedOut') return <>{signedOut({ signIn, message: state.message })}</>;
  return <SessionContext.Provider value={{ api, user: state.user, signOut }}>{children}</SessionContext.Provider>;
}
