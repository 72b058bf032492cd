import { useCallback, useEffect, useState, type DependencyList } from 'react';

interface ResourceState<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * Loads data whenever `deps` change, aborting the previous load. Data from the previous
 * load stays visible while the next one runs, so tables do not flicker while paging.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList) {
  const [state, setState] = useState<ResourceState<T>>({ data: undefined, error: null, loading: true });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, error: null, loading: true }));
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ data, error: null, loading: false });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ data: undefined, error, loading: false });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; `deps` say when it actually changes.
  }, [...deps, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  const replace = useCallback((data: T) => setState({ data, error: null, loading: false }), []);

  return { ...state, reload, replace };
}
