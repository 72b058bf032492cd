import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { SelectField, TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { KodeOptions } from './KodeOptions';
import { kewarganegaraanLabel, sexLabel, statusLabel } from './labels';
import { KEWARGANEGARAAN, STATUS_PENDUDUK, updatePenduduk, type Penduduk, type PendudukPatch, type Referensi, type Versioned } from './pendudukApi';

interface PendudukEditFormProps {
  record: Versioned<Penduduk>;
  referensi: Referensi | undefined;
  onSaved: (record: Versioned<Penduduk>) => void;
  onCancel: () => void;
  /** Loads the current version after a 412. */
  onReload: () => void;
}

const TEXT = ['nama', 'jenisKelamin', 'tempatLahir', 'status', 'kewarganegaraan'] as const;
const KODE = ['agama', 'pendidikan', 'pekerjaan', 'statusKawin', 'shdk'] as const;
/** Masked in the default view: empty means "unchanged", a value replaces it. */
const BLANK_UNLESS_CHANGED = ['tanggalLahir', 'noKk'] as const;

type Draft = Record<(typeof TEXT)[number] | (typeof KODE)[number] | (typeof BLANK_UNLESS_CHANGED)[number], string>;

const draftOf = (p: Penduduk): Draft => ({
  nama: p.nama,
  jenisKelamin: p.jenisKelamin,
  tempatLahir: p.tempatLahir,
  status: p.status,
  kewarganegaraan: p.kewarganegaraan,
  agama: String(p.agama),
  pendidikan: String(p.pendidikan),
  pekerjaan: String(p.pekerjaan),
  statusKawin: String(p.statusKawin),
  shdk: String(p.shdk),
  tanggalLahir: '',
  noKk: '',
});

/** Only the fields the user changed: masked values never go back, and history names just those. */
function patchOf(before: Draft, after: Draft): PendudukPatch {
  const patch: Record<string, string | number> = {};
  for (const key of TEXT) {
    const value = after[key].trim();
    if (value !== before[key].trim()) patch[key] = value;
  }
  for (const key of KODE) if (after[key] !== before[key]) patch[key] = Number(after[key]);
  for (const key of BLANK_UNLESS_CHANGED) {
    const value = after[key].trim();
    if (value) patch[key] = value;
  }
  return patch as PendudukPatch;
}

/**
 * The NIK cannot be edited, but its digits encode sex and birth date: a change that no longer
 * matches them is reported on `nik`. Show that message on the field that was changed.
 */
function nikErrorsOnCause(error: unknown, errors: Record<string, string>): Record<string, string> {
  // The server names the broken rule too (the web's FieldError type leaves it out).
  const found = error instanceof ApiError ? (error.problem?.errors?.find((e) => e.field === 'nik') as { rule?: string } | undefined) : undefined;
  const rule = found?.rule;
  if (!rule || !errors.nik) return errors;
  const { nik, ...rest } = errors;
  if (rule === 'nik.mismatch_sex') return { ...rest, jenisKelamin: rest.jenisKelamin ?? nik };
  if (rule === 'nik.mismatch_birth_date' || rule === 'nik.birth_date') return { ...rest, tanggalLahir: rest.tanggalLahir ?? nik };
  return errors;
}

/** Edits a resident against the version it was loaded at (If-Match); the NIK never changes. */
export function PendudukEditForm({ record, referensi, onSaved, onCancel, onReload }: PendudukEditFormProps) {
  const { t } = useI18n();
  const initial = draftOf(record.data);
  const [draft, setDraft] = useState<Draft>(initial);
  const [unchanged, setUnchanged] = useState(false);
  const { pending, error, submit, form, errors: fieldErrors } = useFormSubmission('input, select');
  const errors = nikErrorsOnCause(error, fieldErrors);

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    setUnchanged(false);
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const patch = patchOf(initial, draft);
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    void submit(async () => {
      onSaved(await updatePenduduk(record.data.id, record.etag, patch));
    });
  }

  const kode = (list: (typeof KODE)[number]) => (
    <SelectField key={list} label={t(`penduduk.field.${list}`)} value={draft[list]} onChange={set(list)} error={errors[list]}>
      <KodeOptions referensi={referensi} list={list} current={Number(initial[list])} />
    </SelectField>
  );

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="penduduk-edit-heading">
      <h2 id="penduduk-edit-heading">{t('penduduk.edit.title')}</h2>
      <p className="field__hint">{t('penduduk.edit.hint')}</p>
      <FormAlert error={error} stale={{ message: t('penduduk.edit.stale'), reload: t('penduduk.edit.reload') }} onReload={onReload} />
      <div className="form__grid">
        {errors.nik && (
          <p className="field__error" role="alert">
            {t('penduduk.field.nik')}: {errors.nik}
          </p>
        )}
        <TextField label={t('penduduk.field.nama')} value={draft.nama} onChange={set('nama')} error={errors.nama} maxLength={150} autoComplete="off" required />
        <SelectField label={t('penduduk.field.jenisKelamin')} value={draft.jenisKelamin} onChange={set('jenisKelamin')} error={errors.jenisKelamin}>
          {['L', 'P'].map((value) => (
            <option key={value} value={value}>
              {t(sexLabel(value))}
            </option>
          ))}
        </SelectField>
        <TextField label={t('penduduk.field.tempatLahir')} value={draft.tempatLahir} onChange={set('tempatLahir')} error={errors.tempatLahir} maxLength={100} autoComplete="off" required />
        <TextField
          label={t('penduduk.field.tanggalLahir')}
          hint={t('penduduk.edit.maskedHint')}
          type="date"
          value={draft.tanggalLahir}
          onChange={set('tanggalLahir')}
          error={errors.tanggalLahir}
        />
        {KODE.map(kode)}
        <SelectField label={t('penduduk.field.status')} value={draft.status} onChange={set('status')} error={errors.status}>
          {STATUS_PENDUDUK.map((value) => (
            <option key={value} value={value}>
              {t(statusLabel(value))}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('penduduk.field.kewarganegaraan')} value={draft.kewarganegaraan} onChange={set('kewarganegaraan')} error={errors.kewarganegaraan}>
          {KEWARGANEGARAAN.map((value) => (
            <option key={value} value={value}>
              {t(kewarganegaraanLabel(value))}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('penduduk.edit.noKk')}
          hint={t('penduduk.edit.noKkHint')}
          value={draft.noKk}
          onChange={set('noKk')}
          error={errors.noKk}
          inputMode="numeric"
          maxLength={40}
          autoComplete="off"
        />
      </div>
      <div className="form__actions penduduk-actions">
        <button type="submit" className="button">
          {t('penduduk.edit.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <p role="status" className="status-line">
          {unchanged ? t('penduduk.edit.unchanged') : ''}
        </p>
      </div>
    </form>
  );
}
