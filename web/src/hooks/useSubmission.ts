import { useCallback, useRef, useState } from 'react';

/**
 * Pending / error / success state of a form submission. A submission made while another
 * is pending is ignored, so submit buttons can stay enabled (and keep keyboard focus).
 */
export function useSubmission() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [succeeded, setSucceeded] = useState(false);
  const inFlight = useRef(false);

  const submit = useCallback(async (action: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setPending(true);
    setError(null);
    setSucceeded(false);
    try {
      await action();
      setSucceeded(true);
    } catch (caught) {
      setError(caught);
    } finally {
      inFlight.current = false;
      setPending(false);
    }
  }, []);

  return { pending, error, succeeded, submit };
}
