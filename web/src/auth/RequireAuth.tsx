import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { AccessDeniedPage } from '../pages/StatusPages';
import { hasPermission, useAuth, useMe } from './AuthProvider';
import { SIGN_IN_PATH, signInPathFor } from './redirect';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'anonymous') {
    return <Navigate to={state.signedOut ? SIGN_IN_PATH : signInPathFor(location)} replace />;
  }
  return children;
}

export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  return hasPermission(useMe(), permission) ? children : <AccessDeniedPage />;
}
