import type { Location } from 'react-router';

export const SIGN_IN_PATH = '/masuk';
const NEXT_PARAM = 'next';

/** The sign-in URL that returns to `location` after a successful sign-in. */
export function signInPathFor(location: Location): string {
  const target = location.pathname + location.search + location.hash;
  return target === '/' ? SIGN_IN_PATH : `${SIGN_IN_PATH}?${NEXT_PARAM}=${encodeURIComponent(target)}`;
}

/** Where to go after signing in: the `next` parameter if it is a local path, else home. */
export function nextPathFrom(search: URLSearchParams): string {
  const next = search.get(NEXT_PARAM);
  const isLocalPath = next !== null && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\');
  return isLocalPath && !next.startsWith(SIGN_IN_PATH) ? next : '/';
}
