import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, TextField } from '../../components/fields';
import { PageHeading } from '../../components/PageHeading';
import { useFocusFirstInvalid } from '../../hooks/useFocusFirstInvalid';
import { useResource } from '../../hooks/useResource';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { KodeOptions } from './KodeOptions';
import { kewarganegaraanLabel, sexLabel } from './labels';
import { createPenduduk, getReferensi, KEWARGANEGARAAN } from './pendudukApi';
import './penduduk.css';

const KODE = ['agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk'] as const;
type Draft = Record<'nik' | 'noKk' | 'nama' | 'jenisKelamin' | 'tempatLahir' | 'tanggalLahir' | 'kewarganegaraan' | (typeof KODE)[number], string>;

const EMPTY: Draft = {
  nik: '', noKk: '', nama: '', jenisKelamin: '', tempatLahir: '', tanggalLahir: '', kewarganegaraan: 'WNI',
  agama: '', pendidikan: '', pekerjaan: '', statusKawin: '', shdk: '',
};

/** Registers a resident in a registered family; each broken NIK rule is named under the NIK. */
export function PendudukNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const referensi = useResource((signal) => getReferensi(signal), []);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Empty selects go as they are, so the server names each missing field in one answer.
    const body: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(draft)) {
      const text = value.trim();
      if (text === '') continue;
      body[key] = (KODE as readonly string[]).includes(key) ? Number(text) : text;
    }
    void submit(async () => {
      const created = await createPenduduk(body as never);
      navigate(`/penduduk/${encodeURIComponent(created.data.id)}`, { state: { created: true } });
    });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/penduduk">{t('penduduk.back')}</Link>
      </p>
      <PageHeading>{t('penduduk.new.title')}</PageHeading>
      <form ref={form} className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="penduduk-new-heading">
        <h2 id="penduduk-new-heading">{t('penduduk.new.heading')}</h2>
        <p className="field__hint">{t('penduduk.new.hint')}</p>
        <ErrorAlert error={error} />
        <div className="form__grid">
          <TextField label={t('penduduk.field.nik')} hint={t('penduduk.new.nikHint')} value={draft.nik} onChange={set('nik')} error={errors.nik} inputMode="numeric" maxLength={40} autoComplete="off" required />
          <TextField label={t('penduduk.field.noKk')} hint={t('penduduk.new.noKkHint')} value={draft.noKk} onChange={set('noKk')} error={errors.noKk} inputMode="numeric" maxLength={40} autoComplete="off" required />
          <TextField label={t('penduduk.field.nama')} value={draft.nama} onChange={set('nama')} error={errors.nama} maxLength={150} autoComplete="off" required />
          <SelectField label={t('penduduk.field.jenisKelamin')} value={draft.jenisKelamin} onChange={set('jenisKelamin')} error={errors.jenisKelamin} required>
            <option value="">{t('penduduk.choose')}</option>
            {['L', 'P'].map((value) => (
              <option key={value} value={value}>
                {t(sexLabel(value))}
              </option>
            ))}
          </SelectField>
          <TextField label={t('penduduk.field.tempatLahir')} value={draft.tempatLahir} onChange={set('tempatLahir')} error={errors.tempatLahir} maxLength={100} autoComplete="off" required />
          <TextField label={t('penduduk.field.tanggalLahir')} type="date" value={draft.tanggalLahir} onChange={set('tanggalLahir')} error={errors.tanggalLahir} required />
          {KODE.map((list) => (
            <SelectField key={list} label={t(`penduduk.field.${list}`)} value={draft[list]} onChange={set(list)} error={errors[list]} required>
              <option value="">{t('penduduk.choose')}</option>
              <KodeOptions referensi={referensi.data} list={list} />
            </SelectField>
          ))}
          <SelectField label={t('penduduk.field.kewarganegaraan')} value={draft.kewarganegaraan} onChange={set('kewarganegaraan')} error={errors.kewarganegaraan}>
            {KEWARGANEGARAAN.map((value) => (
              <option key={value} value={value}>
                {t(kewarganegaraanLabel(value))}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="form__actions penduduk-actions">
          <button type="submit" className="button">
            {t('penduduk.new.submit')}
          </button>
          <Link className="button button--secondary" to="/penduduk">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
