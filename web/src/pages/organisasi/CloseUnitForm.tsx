import { useState, type FormEvent } from 'react';
import { TextField } from '../../components/fields';
import { useI18n } from '../../i18n/I18nProvider';
import { SubmitError, useOrgForm } from './formParts';
import { closeUnit, todayWib, type Unit, type Versioned } from './organisasiApi';

interface CloseUnitFormProps {
  record: Versioned<Unit>;
  onSaved: (record: Versioned<Unit>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Ends a unit that really existed: it stays in the chart up to its last day, and in every earlier one. */
export function CloseUnitForm({ record, onSaved, onCancel, onReload }: CloseUnitFormProps) {
  const { t } = useI18n();
  const [berlakuSampai, setBerlakuSampai] = useState(todayWib());
  const [reason, setReason] = useState('');
  const { pending, error, submit, form, errors } = useOrgForm();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => onSaved(await closeUnit(record.data.id, record.etag, berlakuSampai, reason.trim())));
  }

  return (
    <form ref={form} className="form org-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="unit-close-heading">
      <h3 id="unit-close-heading">{t('organisasi.unit.close')}</h3>
      <p className="field__hint">{t('organisasi.unit.closeHint')}</p>
      <SubmitError error={error} onReload={onReload} />
      <div className="form__grid">
        <TextField
          label={t('organisasi.field.berlakuSampai')}
          type="date"
          value={berlakuSampai}
          onChange={(event) => setBerlakuSampai(event.target.value)}
          error={errors.berlakuSampai}
          required
        />
        <TextField
          label={t('organisasi.unit.closeReason')}
          hint={t('organisasi.unit.closeReasonHint')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={errors.reason}
          maxLength={500}
          autoComplete="off"
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('organisasi.unit.closeSubmit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
