import { ApiError } from '../api/client';
import { useI18n } from '../i18n/I18nProvider';

/** Announces a failed call: the server's translated `detail`, or a generic message. */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const problem = error instanceof ApiError ? error.problem : null;
  const message =
    problem?.detail ?? (error instanceof ApiError && error.status === 0 ? t('error.network') : t('error.unexpected'));
  return (
    <div className="alert alert--error" role="alert">
      <p>{message}</p>
      {problem?.requestId && <p className="alert__meta">{t('error.requestId', { id: problem.requestId })}</p>}
    </div>
  );
}
