import { SelectField, TextField } from '../../components/fields';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { getStrukturUnits, isIsoDay, type OpdChoice, type StrukturUnit } from './pegawaiApi';

/** Value of the jabatan choice that means "a position not in the unit's list: type its name". */
export const JABATAN_LAIN = 'lain';

/** Where an employee is placed: OPD, unit, and a jabatan of the unit or a free-text name. */
export interface PenempatanDraft {
  opd: string;
  unitId: string;
  /** A jabatan id, `JABATAN_LAIN`, or '' (none chosen). */
  jabatanId: string;
  namaJabatan: string;
}

export const emptyPenempatan = (opd = ''): PenempatanDraft => ({ opd, unitId: '', jabatanId: '', namaJabatan: '' });

/** Field errors by the API's field names; they differ only for the TMT (tmtJabatan / tmt), which the caller shows. */
export interface PenempatanErrors {
  opdRef?: string;
  unitId?: string;
  jabatanId?: string;
  namaJabatan?: string;
}

/** The units of the chosen OPD in force on the TMT (today when the TMT is not a full date yet). */
export function useUnits(opd: string, tanggal: string) {
  const day = isIsoDay(tanggal) ? tanggal : undefined;
  return useResource((signal) => (opd ? getStrukturUnits(opd, day, signal) : Promise.resolve([] as StrukturUnit[])), [opd, day]);
}

/**
 * The request fields of a placement. A unit that is not in the loaded structure (e.g. after the
 * TMT changed) counts as not chosen, so the server names the missing unit instead of a stale one.
 */
export function penempatanBody(draft: PenempatanDraft, units: readonly StrukturUnit[] | undefined): Record<string, string> {
  const unit = units?.find((u) => u.id === draft.unitId);
  const body: Record<string, string> = {};
  if (draft.opd) body.opdRef = draft.opd;
  if (unit) body.unitId = unit.id;
  const listed = unit && unit.jabatan.length > 0;
  if (listed && draft.jabatanId && draft.jabatanId !== JABATAN_LAIN && unit.jabatan.some((j) => j.id === draft.jabatanId)) body.jabatanId = draft.jabatanId;
  else if (!listed || draft.jabatanId === JABATAN_LAIN) {
    const nama = draft.namaJabatan.trim();
    if (nama) body.namaJabatan = nama;
  }
  return body;
}

interface PenempatanFieldsProps {
  draft: PenempatanDraft;
  onChange: (draft: PenempatanDraft) => void;
  opds: readonly OpdChoice[];
  units: ReturnType<typeof useUnits>;
  errors: PenempatanErrors;
}

/** OPD → unit (from the OPD's structure on the TMT) → jabatan (the unit's positions, or a typed name). */
export function PenempatanFields({ draft, onChange, opds, units, errors }: PenempatanFieldsProps) {
  const { t } = useI18n();
  const list = units.data ?? [];
  const unit = list.find((u) => u.id === draft.unitId);
  const listed = unit !== undefined && unit.jabatan.length > 0;
  const jabatanId = listed && (draft.jabatanId === JABATAN_LAIN || unit.jabatan.some((j) => j.id === draft.jabatanId)) ? draft.jabatanId : '';
  const typed = !listed || jabatanId === JABATAN_LAIN;

  return (
    <>
      <SelectField
        label={t('pegawai.field.opdId')}
        value={draft.opd}
        onChange={(event) => onChange({ ...emptyPenempatan(event.target.value), namaJabatan: draft.namaJabatan })}
        error={errors.opdRef}
        required
      >
        {opds.length !== 1 && <option value="">{t('pegawai.form.chooseOpd')}</option>}
        {opds.map((opd) => (
          <option key={opd.id} value={opd.id}>
            {opd.singkatan ? `${opd.nama} (${opd.singkatan})` : opd.nama}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('pegawai.field.unitId')}
        hint={draft.opd && !units.loading && list.length === 0 && !units.error ? t('pegawai.form.noUnits') : undefined}
        value={unit ? unit.id : ''}
        onChange={(event) => onChange({ ...draft, unitId: event.target.value, jabatanId: '' })}
        error={errors.unitId ?? (units.error ? t('pegawai.form.unitsFailed') : undefined)}
        disabled={!draft.opd}
        aria-busy={units.loading}
        required
      >
        <option value="">{draft.opd ? t('pegawai.form.chooseUnit') : t('pegawai.form.chooseOpdFirst')}</option>
        {list.map((u) => (
          <option key={u.id} value={u.id}>
            {`${'\u00a0\u00a0'.repeat(u.depth)}${u.nama}`}
          </option>
        ))}
      </SelectField>
      {listed && (
        <SelectField
          label={t('pegawai.field.jabatanId')}
          value={jabatanId}
          onChange={(event) => onChange({ ...draft, jabatanId: event.target.value })}
          // With the list shown and no name field, a missing position is reported here.
          error={errors.jabatanId ?? (typed ? undefined : errors.namaJabatan)}
          required
        >
          <option value="">{t('pegawai.form.chooseJabatan')}</option>
          {unit.jabatan.map((j) => (
            <option key={j.id} value={j.id}>
              {j.nama}
            </option>
          ))}
          <option value={JABATAN_LAIN}>{t('pegawai.form.jabatanLain')}</option>
        </SelectField>
      )}
      {typed && (
        <TextField
          label={t('pegawai.form.namaJabatan')}
          hint={unit && !listed ? t('pegawai.form.namaJabatanHint') : undefined}
          value={draft.namaJabatan}
          onChange={(event) => onChange({ ...draft, namaJabatan: event.target.value })}
          error={errors.namaJabatan ?? (listed ? undefined : errors.jabatanId)}
          maxLength={200}
          autoComplete="off"
          required
        />
      )}
    </>
  );
}
