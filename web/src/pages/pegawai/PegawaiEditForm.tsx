import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { jenisLabel, sexLabel, statusLabel } from './labels';
import { golonganFor, JENIS_PEGAWAI, STATUS_PEGAWAI, updatePegawai, type Pegawai, type PegawaiPatch, type Versioned } from './pegawaiApi';

interface PegawaiEditFormProps {
  record: Versioned<Pegawai>;
  onSaved: (record: Versioned<Pegawai>) => void;
  onCancel: () => void;
  /** Loads the current version after a 412. */
  onReload: () => void;
}

type Draft = Record<'nip' | 'nama' | 'gelarDepan' | 'gelarBelakang' | 'jenisKelamin' | 'tanggalLahir' | 'jenis' | 'golongan' | 'status' | 'email' | 'telepon', string>;

const draftOf = (p: Pegawai): Draft => ({
  nip: p.nip ?? '',
  nama: p.nama,
  gelarDepan: p.gelarDepan ?? '',
  gelarBelakang: p.gelarBelakang ?? '',
  jenisKelamin: p.jenisKelamin,
  tanggalLahir: p.tanggalLahir,
  jenis: p.jenis,
  golongan: p.golongan ?? '',
  status: p.status,
  email: p.email ?? '',
  telepon: p.telepon ?? '',
});

/** Only the fields the user changed: masked values never go back, and history names just those. */
function patchOf(before: Draft, after: Draft): PegawaiPatch {
  const patch: Record<string, string | null> = {};
  for (const key of Object.keys(after) as (keyof Draft)[]) {
    const value = after[key].trim();
    if (value === before[key].trim()) continue;
    patch[key] = key === 'nama' || value !== '' ? value : null;
  }
  return patch as PegawaiPatch;
}

/** Edits an employee against the version it was loaded at (If-Match); OPD and unit change only through mutasi. */
export function PegawaiEditForm({ record, onSaved, onCancel, onReload }: PegawaiEditFormProps) {
  const { t } = useI18n();
  const initial = draftOf(record.data);
  const [draft, setDraft] = useState<Draft>(initial);
  const [unchanged, setUnchanged] = useState(false);
  // Opening the form moves focus into it.
  const { pending, error, submit, form, errors } = useFormSubmission('input, select');

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
      onSaved(await updatePegawai(record.data.id, record.etag, patch));
    });
  }

  const golonganOptions = golonganFor(draft.jenis);
  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="pegawai-edit-heading">
      <h2 id="pegawai-edit-heading">{t('pegawai.edit.title')}</h2>
      <p className="field__hint">{t('pegawai.edit.hint')}</p>
      <FormAlert error={error} stale={{ message: t('pegawai.edit.stale'), reload: t('pegawai.edit.reload') }} onReload={onReload} />
      <div className="form__grid">
        <TextField label={t('pegawai.field.nama')} value={draft.nama} onChange={set('nama')} error={errors.nama} maxLength={200} autoComplete="off" required />
        <TextField
          label={t('pegawai.field.nip')}
          hint={t('pegawai.edit.nipHint')}
          value={draft.nip}
          onChange={set('nip')}
          error={errors.nip}
          inputMode="numeric"
          maxLength={40}
          autoComplete="off"
        />
        <TextField label={t('pegawai.field.gelarDepan')} value={draft.gelarDepan} onChange={set('gelarDepan')} error={errors.gelarDepan} maxLength={50} autoComplete="off" />
        <TextField
          label={t('pegawai.field.gelarBelakang')}
          value={draft.gelarBelakang}
          onChange={set('gelarBelakang')}
          error={errors.gelarBelakang}
          maxLength={50}
          autoComplete="off"
        />
        <SelectField label={t('pegawai.field.jenisKelamin')} value={draft.jenisKelamin} onChange={set('jenisKelamin')} error={errors.jenisKelamin}>
          {['L', 'P'].map((value) => (
            <option key={value} value={value}>
              {t(sexLabel(value))}
            </option>
          ))}
        </SelectField>
        {/* A masked birth date cannot be edited; the server shows it in full to those who manage the OPD. */}
        <TextField
          label={t('pegawai.field.tanggalLahir')}
          type={/^\d{4}-\d{2}-\d{2}$/.test(initial.tanggalLahir) ? 'date' : 'text'}
          value={draft.tanggalLahir}
          onChange={set('tanggalLahir')}
          error={errors.tanggalLahir}
          readOnly={!/^\d{4}-\d{2}-\d{2}$/.test(initial.tanggalLahir)}
          required
        />
        <SelectField label={t('pegawai.field.jenis')} value={draft.jenis} onChange={set('jenis')} error={errors.jenis}>
          {JENIS_PEGAWAI.map((value) => (
            <option key={value} value={value}>
              {t(jenisLabel(value))}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('pegawai.field.golongan')} value={draft.golongan} onChange={set('golongan')} error={errors.golongan}>
          <option value="">{t('pegawai.golongan.none')}</option>
          {/* Keep a stored value that no longer fits the kind visible, so the server can name the rule. */}
          {draft.golongan && !golonganOptions.includes(draft.golongan) && <option value={draft.golongan}>{draft.golongan}</option>}
          {golonganOptions.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('pegawai.field.status')} value={draft.status} onChange={set('status')} error={errors.status}>
          {STATUS_PEGAWAI.map((value) => (
            <option key={value} value={value}>
              {t(statusLabel(value))}
            </option>
          ))}
        </SelectField>
        <TextField label={t('pegawai.field.email')} type="email" value={draft.email} onChange={set('email')} error={errors.email} maxLength={200} autoComplete="off" />
        <TextField label={t('pegawai.field.telepon')} type="tel" value={draft.telepon} onChange={set('telepon')} error={errors.telepon} maxLength={30} autoComplete="off" />
      </div>
      <div className="form__actions pegawai-actions">
        <button type="submit" className="button">
          {t('pegawai.edit.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <p role="status" className="status-line">
          {unchanged ? t('pegawai.edit.unchanged') : ''}
        </p>
      </div>
    </form>
  );
}
