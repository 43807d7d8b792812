/**
 * Who is logged in: the session token from `logIn` or `signUp`, kept in localStorage (shared by the site's
 * tabs), and the GraphQL client that sends it. Logging in or out replaces the client, so nothing one user
 * saw stays cached for the next, and open subscriptions reconnect with the new token.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { Provider } from 'urql';

import { createApiClient } from './graphql/client';

export interface Session {
  token: string;
  /** When the token stops working (`logIn`'s `expiresAt`); the app forgets it then. */
  expiresAt: string;
}

interface SessionControl {
  session: Session | null;
  logIn(session: Session): void;
  /** Forgets the token here; the caller ends it on the server first (`logOut`). */
  forget(): void;
}

const STORAGE_KEY = 'ticketing.session';

function stored(): Session | null {
  try {
    const session = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Session | null;
    return session && Date.parse(session.expiresAt) > Date.now() ? session : null;
  } catch {
    return null;
  }
}

const SessionContext = createContext<SessionControl | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState(stored);
  const token = session?.token ?? null;
  const api = useMemo(() => createApiClient(token), [token]);
  useEffect(() => api.dispose, [api]);
  // Another tab logged in or out.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && setSession(stored());
    addEventListener('storage', onStorage);
    return () => removeEventListener('storage', onStorage);
  }, []);
  const logIn = useCallback((next: Session) => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const forget = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const control = useMemo(() => ({ session, logIn, forget }), [session, logIn, forget]);
  return (
    <SessionContext.Provider value={control}>
      <Provider value={api.client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionControl {
  const control = useContext(SessionContext);
  if (!control) throw new Error('useSession outside SessionProvider');
  return control;
}
