import { useId, useRef, type FormEvent } from 'react';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { kelurahanName, kewarganegaraanLabel, kodeName, sexLabel, statusLabel } from './labels';
import { formatTanggal, MIN_ALASAN, type Kelurahan, type Penduduk, type Referensi } from './pendudukApi';

interface ReasonFormProps {
  title: string;
  notice: string;
  submitLabel: string;
  /** Shortest reason the server takes. */
  minLength?: number;
  label?: string;
  onSubmit: (alasan: string) => Promise<void>;
  onCancel: () => void;
}

/**
 * Asks why before personal data is shown or exported: the reason goes to the resident's access
 * log. The server's field message (e.g. too short) appears under the field.
 */
export function ReasonForm({ title, notice, submitLabel, minLength = MIN_ALASAN, label, onSubmit, onCancel }: ReasonFormProps) {
  const { t } = useI18n();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  useFocusFirstInvalid(form, error);
  const handle = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const alasan = String(new FormData(event.currentTarget).get('alasan') ?? '').trim();
    void submit(() => onSubmit(alasan));
  };
  const errorId = errors.alasan ? `${id}-error` : undefined;
  return (
    <form ref={form} className="form panel" onSubmit={handle} noValidate aria-labelledby={`${id}-title`} aria-busy={pending}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{notice}</p>
      {!errors.alasan && <ErrorAlert error={error} />}
      <div className="field">
        <label htmlFor={`${id}-alasan`}>{label ?? t('penduduk.reason.label')}</label>
        {errors.alasan && (
          <p id={errorId} className="field__error" role="alert">
            {errors.alasan}
          </p>
        )}
        <textarea
          id={`${id}-alasan`}
          className="penduduk-textarea"
          name="alasan"
          required
          minLength={minLength}
          maxLength={500}
          rows={3}
          autoFocus
          aria-invalid={errors.alasan ? true : undefined}
          aria-describedby={errorId}
        />
      </div>
      <div className="form__actions penduduk-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('penduduk.cancel')}
        </button>
      </div>
    </form>
  );
}

interface FullRecordProps {
  penduduk: Penduduk;
  referensi?: Referensi;
  kelurahan?: readonly Kelurahan[];
  onClose: () => void;
}

/** The full record shown after a reason was given; closing it removes the values from the page. */
export function FullRecord({ penduduk: p, referensi, kelurahan, onClose }: FullRecordProps) {
  const { t, lang } = useI18n();
  const id = useId();
  return (
    <section className="panel penduduk-full" aria-labelledby={`${id}-full`}>
      <h2 id={`${id}-full`}>{t('penduduk.full.title', { nama: p.nama })}</h2>
      <p className="field__hint">{t('penduduk.full.logged')}</p>
      <dl className="details penduduk-details">
        <dt>{t('penduduk.nik')}</dt>
        <dd>
          <code>{p.nik}</code>
        </dd>
        <dt>{t('penduduk.noKk')}</dt>
        <dd>
          <code>{p.noKk}</code>
        </dd>
        <dt>{t('penduduk.tempatTanggalLahir')}</dt>
        <dd>
          {p.tempatLahir}, {formatTanggal(p.tanggalLahir, lang)}
        </dd>
        <dt>{t('penduduk.alamat')}</dt>
        <dd>
          {p.alamat}, RT {p.rt}/RW {p.rw}, {kelurahanName(kelurahan, p.kodeKelurahan)}
        </dd>
        <dt>{t('penduduk.field.jenisKelamin')}</dt>
        <dd>{t(sexLabel(p.jenisKelamin))}</dd>
        <dt>{t('penduduk.field.agama')}</dt>
        <dd>{kodeName(referensi, 'agama', p.agama)}</dd>
        <dt>{t('penduduk.field.pendidikan')}</dt>
        <dd>{kodeName(referensi, 'pendidikan', p.pendidikan)}</dd>
        <dt>{t('penduduk.field.pekerjaan')}</dt>
        <dd>{kodeName(referensi, 'pekerjaan', p.pekerjaan)}</dd>
        <dt>{t('penduduk.field.statusKawin')}</dt>
        <dd>{kodeName(referensi, 'statusKawin', p.statusKawin)}</dd>
        <dt>{t('penduduk.field.shdk')}</dt>
        <dd>{kodeName(referensi, 'shdk', p.shdk)}</dd>
        <dt>{t('penduduk.field.status')}</dt>
        <dd>{t(statusLabel(p.status))}</dd>
        <dt>{t('penduduk.field.kewarganegaraan')}</dt>
        <dd>{t(kewarganegaraanLabel(p.kewarganegaraan))}</dd>
      </dl>
      <button type="button" className="button button--secondary" onClick={onClose}>
        {t('penduduk.full.close')}
      </button>
    </section>
  );
}
