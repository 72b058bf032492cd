import { ApiError } from '../api/client';
import { LocalInvalid } from '../hooks/useFormSubmission';
import { ErrorAlert } from './ErrorAlert';

/** The words of the 412 alert: someone changed the record since the form loaded it. */
export interface StaleText {
  message: string;
  /** The label of the button that loads the current version. */
  reload: string;
}

interface FormAlertProps {
  error: unknown;
  /** For a form sent with If-Match: a 412 says so, with a button that calls `onReload` (none without it). */
  stale?: StaleText;
  onReload?: () => void;
  /** Shown for the browser's own checks (`LocalInvalid`), whose messages stand next to the fields. */
  checkFields?: string;
}

/** The alert above a form: the stale-version notice, "check the marked fields", or the API's message. */
export function FormAlert({ error, stale, onReload, checkFields }: FormAlertProps) {
  if (stale && error instanceof ApiError && error.status === 412) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{stale.message}</p>
        {onReload && (
          <p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {stale.reload}
            </button>
          </p>
        )}
      </div>
    );
  }
  if (checkFields !== undefined && error instanceof LocalInvalid) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{checkFields}</p>
      </div>
    );
  }
  return <ErrorAlert error={error} />;
}
