import { useState } from 'react';

/**
 * Editable copy of an applied value (e.g. a search box for the `q` URL parameter).
 * The draft resets whenever the applied value changes, for instance on browser back.
 * Compared with Object.is, so pass a memoized value.
 */
export function useDraft<T>(applied: T): [T, (draft: T) => void] {
  const [draft, setDraft] = useState(applied);
  const [source, setSource] = useState(applied);
  if (!Object.is(source, applied)) {
    setSource(applied);
    setDraft(applied);
  }
  return [draft, setDraft];
}
