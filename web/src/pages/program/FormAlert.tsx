import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';

/** Field errors the browser found before sending; shown like the server's, next to their fields. */
export class LocalInvalid extends Error {
  constructor(readonly errors: Record<string, string>) {
    super('invalid');
  }
}

/** Field errors of a failed submission, whether the browser or the API (problem+json `errors`) found them. */
export const formErrorsOf = (error: unknown): Record<string, string> => (error instanceof LocalInvalid ? error.errors : fieldErrorsOf(error));

/** The alert above a form: "check the marked fields" for the browser's own checks, the API's message otherwise. */
export function FormAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (error instanceof LocalInvalid) {
    return (
      <div className="alert alert--error" role="alert">
        <p>{t('program.form.checkFields')}</p>
      </div>
    );
  }
  return <ErrorAlert error={error} />;
}
