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
import { createKeluarga, getKelurahan } from './pendudukApi';
import { useKelurahanChoices } from './useKelurahanChoices';
import './penduduk.css';

type Draft = Record<'noKk' | 'kodeKelurahan' | 'alamat' | 'rt' | 'rw', string>;

/** Registers a family card in a kelurahan the officer manages; residents then join it by No. KK. */
export function KeluargaNewPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const kelurahan = useResource((signal) => getKelurahan(signal), []);
  const choices = useKelurahanChoices(kelurahan.data);
  const [draft, setDraft] = useState<Draft>({ noKk: '', kodeKelurahan: '', alamat: '', rt: '', rw: '' });
  const { pending, error, submit } = useSubmission();
  const errors = fieldErrorsOf(error);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstInvalid(form, error);
  const set = (key: keyof Draft) => (event: { target: { value: string } }) => setDraft((current) => ({ ...current, [key]: event.target.value }));
  // One kelurahan (an officer's own) is chosen for them.
  const kodeKelurahan = draft.kodeKelurahan || (choices.length === 1 ? choices[0]!.kode : '');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...draft, kodeKelurahan })) if (value.trim()) body[key] = value.trim();
    void submit(async () => {
      const created = await createKeluarga(body as never);
      navigate(`/keluarga/${encodeURIComponent(created.id)}`);
    });
  }

  return (
    <>
      <p className="breadcrumb">
        <Link to="/penduduk">{t('penduduk.back')}</Link>
      </p>
      <PageHeading>{t('keluarga.new.title')}</PageHeading>
      <form ref={form} className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="keluarga-new-heading">
        <h2 id="keluarga-new-heading">{t('keluarga.new.heading')}</h2>
        <ErrorAlert error={error} />
        <div className="form__grid">
          <TextField label={t('penduduk.field.noKk')} hint={t('keluarga.new.noKkHint')} value={draft.noKk} onChange={set('noKk')} error={errors.noKk} inputMode="numeric" maxLength={40} autoComplete="off" required />
          <SelectField label={t('penduduk.kelurahan')} value={kodeKelurahan} onChange={set('kodeKelurahan')} error={errors.kodeKelurahan} required>
            <option value="">{t('penduduk.choose')}</option>
            {choices.map((k) => (
              <option key={k.kode} value={k.kode}>
                {k.nama} — {k.kecamatan}
              </option>
            ))}
          </SelectField>
          <TextField label={t('penduduk.field.alamat')} value={draft.alamat} onChange={set('alamat')} error={errors.alamat} maxLength={300} autoComplete="off" required />
          <TextField label={t('penduduk.field.rt')} value={draft.rt} onChange={set('rt')} error={errors.rt} inputMode="numeric" maxLength={3} autoComplete="off" required />
          <TextField label={t('penduduk.field.rw')} value={draft.rw} onChange={set('rw')} error={errors.rw} inputMode="numeric" maxLength={3} autoComplete="off" required />
        </div>
        <div className="form__actions penduduk-actions">
          <button type="submit" className="button">
            {t('keluarga.new.submit')}
          </button>
          <Link className="button button--secondary" to="/penduduk">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
