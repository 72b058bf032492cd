import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { archivePenduduk, type Penduduk, type Versioned } from './pendudukApi';

interface PendudukArchiveFormProps {
  record: Versioned<Penduduk>;
  onArchived: (record: Versioned<Penduduk>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Archives a resident with a reason (If-Match): nothing is deleted, the record leaves the lists. */
export function PendudukArchiveForm({ record, onArchived, onCancel, onReload }: PendudukArchiveFormProps) {
  const { t } = useI18n();
  const [alasan, setAlasan] = useState('');
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  const stale = error instanceof ApiError && error.status === 412;
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  useEffect(() => form.current?.querySelector<HTMLElement>('input')?.focus(), []);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void submit(async () => onArchived(await archivePenduduk(record.data.id, record.etag, alasan.trim())));
  };

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="penduduk-archive-heading">
      <h2 id="penduduk-archive-heading">{t('penduduk.archive.title', { nama: record.data.nama })}</h2>
      <p className="field__hint">{t('penduduk.archive.hint')}</p>
      {stale ? (
        <div className="alert alert--error" role="alert">
          <p>{t('penduduk.edit.stale')}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('penduduk.edit.reload')}
            </button>
          </p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <TextField label={t('penduduk.archive.reason')} value={alasan} onChange={(event) => setAlasan(event.target.value)} error={errors.alasan} maxLength={500} autoComplete="off" required />
      <div className="form__actions penduduk-actions">
        <button type="submit" className="button">
          {t('penduduk.archive.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
