import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { login, logout, fetchMe } from '../api/auth';
import { setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Me } from '../api/types';

type AuthState =
  | { status: 'loading' }
  /** `signedOut`: the user signed out, rather than the session being missing or expired. */
  | { status: 'anonymous'; signedOut: boolean }
  | { status: 'authenticated'; me: Me };

interface AuthContextValue {
  state: AuthState;
  signIn: (username: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
  /** Reloads the signed-in user, e.g. after an admin edited their own account. */
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const becomeAnonymous = useCallback((signedOut = false) => {
    setCsrfToken(null);
    setState({ status: 'anonymous', signedOut });
  }, []);

  const becomeAuthenticated = useCallback((me: Me) => {
    setCsrfToken(me.csrfToken);
    setState({ status: 'authenticated', me });
  }, []);

  useEffect(() => {
    // Any 401 means the session is gone; RequireAuth then redirects to the sign-in page.
    setUnauthorizedHandler(() => becomeAnonymous());
    const controller = new AbortController();
    fetchMe(controller.signal).then(becomeAuthenticated, () => {
      if (!controller.signal.aborted) becomeAnonymous();
    });
    return () => controller.abort();
  }, [becomeAnonymous, becomeAuthenticated]);

  const signIn = useCallback(
    async (username: string, password: string) => becomeAuthenticated(await login(username, password)),
    [becomeAuthenticated],
  );

  const signOut = useCallback(async () => {
    try {
      await logout();
    } finally {
      becomeAnonymous(true);
    }
  }, [becomeAnonymous]);

  const refresh = useCallback(async () => becomeAuthenticated(await fetchMe()), [becomeAuthenticated]);

  const value = useMemo(() => ({ state, signIn, signOut, refresh }), [state, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered inside <RequireAuth>. */
export function useMe(): Me {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useMe requires a signed-in user');
  return state.me;
}

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}
