import { useEffect, useRef } from 'react';
import { fieldErrorsOf } from '../api/client';
import { useFocusFirstInvalid } from './useFocusFirstInvalid';
import { useSubmission } from './useSubmission';

/** Field errors the browser found before sending; shown like the server's, next to their fields. */
export class LocalInvalid extends Error {
  constructor(readonly errors: Record<string, string>) {
    super('invalid');
  }
}

/** Field errors of a failed submission, whether the browser or the API (problem+json `errors`) found them. */
export const formErrorsOf = (error: unknown): Record<string, string> => (error instanceof LocalInvalid ? error.errors : fieldErrorsOf(error));

/**
 * What a form's submission needs: the pending / error state, the field messages keyed by field
 * path (the browser's own `LocalInvalid` or the server's), focus on the first rejected field, and
 * (with `focusOnOpen`) focus into the form when it opens, on the first element that selector matches.
 */
export function useFormSubmission(focusOnOpen?: string) {
  const submission = useSubmission();
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, submission.error);
  // Only when the form opens.
  useEffect(() => {
    if (focusOnOpen) form.current?.querySelector<HTMLElement>(focusOnOpen)?.focus();
  }, []);
  return { ...submission, form, errors: formErrorsOf(submission.error) };
}
