import { useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/I18nProvider';
import { coordinateText, LokasiFields, SubmitError, useOrgForm } from './formParts';
import { opdJenisLabel } from './labels';
import { createOpd, OPD_JENIS, parseCoordinate, updateOpd, type Opd, type OpdInput, type Versioned } from './organisasiApi';

type Draft = Record<'kode' | 'nama' | 'singkatan' | 'jenis' | 'kodeWilayah' | 'alamat' | 'latitude' | 'longitude', string>;

const EMPTY: Draft = { kode: '', nama: '', singkatan: '', jenis: 'dinas', kodeWilayah: '', alamat: '', latitude: '', longitude: '' };

const draftOf = (opd: Opd): Draft => ({
  kode: opd.kode,
  nama: opd.nama,
  singkatan: opd.singkatan ?? '',
  jenis: opd.jenis,
  kodeWilayah: opd.kodeWilayah ?? '',
  alamat: opd.alamat ?? '',
  latitude: coordinateText(opd.latitude),
  longitude: coordinateText(opd.longitude),
});

/** The value a field sends: coordinates parsed, a blank optional field as null. */
function valueOf(key: keyof Draft, text: string): string | number | null {
  if (key === 'latitude' || key === 'longitude') return parseCoordinate(text);
  const value = text.trim();
  return key === 'kode' || key === 'nama' || key === 'jenis' || value !== '' ? value : null;
}

/** Only the fields the user changed, so the history names just those. */
function patchOf(before: Draft, after: Draft): OpdInput {
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Draft)[]) {
    if (after[key].trim() !== before[key].trim()) patch[key] = valueOf(key, after[key]);
  }
  return patch as OpdInput;
}

function inputOf(draft: Draft): OpdInput {
  const input: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof Draft)[]) {
    const value = valueOf(key, draft[key]);
    if (value !== null) input[key] = value;
  }
  return input as OpdInput;
}

type OpdFormProps =
  | { mode: 'create'; onSaved: (record: Versioned<Opd>) => void; onCancel: () => void }
  | {
      mode: 'edit';
      record: Versioned<Opd>;
      /** A new kode or jenis is the city's decision: the OPD's own operator sees them read-only. */
      cityWide: boolean;
      onSaved: (record: Versioned<Opd>) => void;
      onCancel: () => void;
      /** Loads the current version after a 412. */
      onReload: () => void;
    };

/** Adds an agency (city-wide), or edits one against the version it was loaded at (If-Match). */
export function OpdForm(props: OpdFormProps) {
  const { t } = useI18n();
  const initial = props.mode === 'edit' ? draftOf(props.record.data) : EMPTY;
  const [draft, setDraft] = useState<Draft>(initial);
  const [unchanged, setUnchanged] = useState(false);
  const { pending, error, submit, form, errors } = useOrgForm();
  const lockCode = props.mode === 'edit' && !props.cityWide;
  const headingId = `opd-${props.mode}-heading`;

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    setUnchanged(false);
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (props.mode === 'create') {
      void submit(async () => props.onSaved(await createOpd(inputOf(draft))));
      return;
    }
    const patch = patchOf(initial, draft);
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    const { record, onSaved } = props;
    void submit(async () => onSaved(await updateOpd(record.data.id, record.etag, patch)));
  }

  return (
    <form ref={form} className="form org-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby={headingId}>
      <h2 id={headingId}>{props.mode === 'create' ? t('organisasi.opd.create') : t('organisasi.opd.edit')}</h2>
      <p className="field__hint">{props.mode === 'create' ? t('organisasi.opd.createHint') : t('organisasi.form.editHint')}</p>
      <SubmitError error={error} onReload={props.mode === 'edit' ? props.onReload : undefined} />
      <div className="form__grid">
        <TextField
          label={t('organisasi.kode')}
          hint={lockCode ? t('organisasi.opd.kodeLocked') : t('organisasi.opd.kodeHint')}
          value={draft.kode}
          onChange={set('kode')}
          error={errors.kode}
          readOnly={lockCode}
          maxLength={40}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField label={t('organisasi.field.nama')} value={draft.nama} onChange={set('nama')} error={errors.nama} maxLength={200} autoComplete="off" required />
        <TextField label={t('organisasi.singkatan')} value={draft.singkatan} onChange={set('singkatan')} error={errors.singkatan} maxLength={60} autoComplete="off" />
        <SelectField
          label={t('organisasi.jenis')}
          hint={lockCode ? t('organisasi.opd.kodeLocked') : undefined}
          value={draft.jenis}
          onChange={set('jenis')}
          error={errors.jenis}
          disabled={lockCode}
        >
          {OPD_JENIS.map((value) => (
            <option key={value} value={value}>
              {t(opdJenisLabel(value))}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('organisasi.kodeWilayah')}
          hint={t('organisasi.opd.kodeWilayahHint')}
          value={draft.kodeWilayah}
          onChange={set('kodeWilayah')}
          error={errors.kodeWilayah}
          inputMode="decimal"
          maxLength={20}
          autoComplete="off"
        />
        <LokasiFields draft={draft} onChange={set} errors={errors} alamatLabel={t('organisasi.alamat')} />
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          {props.mode === 'create' ? t('organisasi.opd.createSubmit') : t('organisasi.form.save')}
        </button>
        <button type="button" className="button button--secondary" onClick={props.onCancel}>
          {t('common.cancel')}
        </button>
        <p role="status" className="status-line">
          {unchanged ? t('organisasi.form.unchanged') : ''}
        </p>
      </div>
    </form>
  );
}
