import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { FormAlert, formErrorsOf, LocalInvalid } from './FormAlert';
import { archiveAnggaran, type Anggaran, type Versioned } from './programApi';

interface ArsipFormProps {
  record: Versioned<Anggaran>;
  onArchived: (record: Versioned<Anggaran>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Archives a budget line with a reason (If-Match); it then leaves the lists and can no longer change. */
export function ArsipForm({ record, onArchived, onCancel, onReload }: ArsipFormProps) {
  const { t } = useI18n();
  const [alasan, setAlasan] = useState('');
  const { pending, error, submit } = useSubmission();
  const errors = formErrorsOf(error);
  const stale = error instanceof ApiError && error.status === 412;
  const form = useRef<HTMLFormElement>(null);
  const id = useId();
  useFocusFirstInvalid(form, error);
  useEffect(() => form.current?.querySelector<HTMLElement>('textarea')?.focus(), []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      if (alasan.trim().length < 3) throw new LocalInvalid({ alasan: t('program.arsip.alasanShort') });
      onArchived(await archiveAnggaran(record.data.id, record.etag, alasan.trim()));
    });
  }

  const errorId = errors.alasan ? `${id}-error` : undefined;
  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="program-arsip-heading">
      <h2 id="program-arsip-heading">{t('program.arsip.title')}</h2>
      <p className="field__hint">{t('program.arsip.hint')}</p>
      {stale ? (
        <div className="alert alert--error" role="alert">
          <p>{t('program.edit.stale')}</p>
          <p>
            <button type="button" className="button button--secondary" onClick={onReload}>
              {t('program.edit.reload')}
            </button>
          </p>
        </div>
      ) : (
        <FormAlert error={error} />
      )}
      <div className="field">
        <label htmlFor={id}>{t('program.arsip.alasan')}</label>
        {errors.alasan && (
          <p id={errorId} className="field__error">
            {errors.alasan}
          </p>
        )}
        <textarea
          id={id}
          className="program-textarea"
          value={alasan}
          onChange={(event) => setAlasan(event.target.value)}
          rows={3}
          maxLength={500}
          required
          aria-invalid={errors.alasan ? true : undefined}
          aria-describedby={errorId}
        />
      </div>
      <div className="form__actions program-actions">
        <button type="submit" className="button">
          {t('program.arsip.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
