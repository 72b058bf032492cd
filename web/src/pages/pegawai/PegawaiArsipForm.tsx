import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { archivePegawai, namaLengkap, type Pegawai, type Versioned } from './pegawaiApi';

interface PegawaiArsipFormProps {
  record: Versioned<Pegawai>;
  onArchived: (record: Versioned<Pegawai>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Archives an employee with a required reason (If-Match): nothing is deleted, the record leaves the lists. */
export function PegawaiArsipForm({ record, onArchived, onCancel, onReload }: PegawaiArsipFormProps) {
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
    // A blank reason goes as it is: the server names the rule (at least 3 characters) under the field.
    void submit(async () => onArchived(await archivePegawai(record.data.id, record.etag, alasan.trim())));
  };

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="pegawai-arsip-heading">
      <h2 id="pegawai-arsip-heading">{t('pegawai.arsip.title', { nama: namaLengkap(record.data) })}</h2>
      <p className="field__hint">{t('pegawai.arsip.hint')}</p>
      {stale ? (
        <div className="alert alert--error" role="alert">
          <p>{t('pegawai.edit.stale')}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('pegawai.edit.reload')}
            </button>
          </p>
        </div>
      ) : (
        <ErrorAlert error={error} />
      )}
      <TextField
        label={t('pegawai.arsip.reason')}
        hint={t('pegawai.arsip.reasonHint')}
        value={alasan}
        onChange={(event) => setAlasan(event.target.value)}
        error={errors.alasan}
        minLength={3}
        maxLength={500}
        autoComplete="off"
        required
      />
      <div className="form__actions pegawai-actions">
        <button type="submit" className="button">
          {t('pegawai.arsip.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
