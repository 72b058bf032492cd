import { useId, useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/I18nProvider';
import { coordinateText, LokasiFields, SubmitError, useOrgForm } from './formParts';
import { unitJenisLabel } from './labels';
import {
  createUnit,
  parseCoordinate,
  todayWib,
  UNIT_JENIS,
  updateUnit,
  type StrukturUnit,
  type Unit,
  type UnitInput,
  type Versioned,
} from './organisasiApi';

type Draft = Record<'nama' | 'jenis' | 'parentId' | 'berlakuMulai' | 'alamat' | 'latitude' | 'longitude', string>;

const draftOf = (unit: Unit): Draft => ({
  nama: unit.nama,
  jenis: unit.jenis,
  parentId: unit.parentId ?? '',
  berlakuMulai: unit.berlakuMulai,
  alamat: unit.alamat ?? '',
  latitude: coordinateText(unit.latitude),
  longitude: coordinateText(unit.longitude),
});

function valueOf(key: keyof Draft, text: string): string | number | null {
  if (key === 'latitude' || key === 'longitude') return parseCoordinate(text);
  const value = text.trim();
  return key === 'nama' || key === 'jenis' || value !== '' ? value : null;
}

/** Units that may be a parent, in chart order and indented by depth; a unit never sits under itself or its own sub-units. */
export function parentChoices(units: readonly StrukturUnit[], except?: string): StrukturUnit[] {
  if (!except) return [...units];
  const excluded = new Set([except]);
  // Depth first: a unit's sub-units follow it until the depth drops back.
  for (const unit of units) if (unit.parentId && excluded.has(unit.parentId)) excluded.add(unit.id);
  return units.filter((unit) => !excluded.has(unit.id));
}

export const indent = (unit: Pick<StrukturUnit, 'depth' | 'nama'>) => `${'\u00a0\u00a0\u00a0'.repeat(unit.depth)}${unit.nama}`;

type UnitFormProps = {
  /** Units in force on the chart's date, depth first: the parent choices. */
  units: readonly StrukturUnit[];
  onSaved: (record: Versioned<Unit>) => void;
  onCancel: () => void;
  headingLevel?: 'h2' | 'h3';
} & (
  | { mode: 'create'; opdId: string; parentId?: string | null }
  | { mode: 'edit'; record: Versioned<Unit>; onReload: () => void }
);

/** Adds a unit under the OPD or under a unit, or corrects one (If-Match); closing and reorganising have their own forms. */
export function UnitForm(props: UnitFormProps) {
  const { t } = useI18n();
  const initial: Draft =
    props.mode === 'edit'
      ? draftOf(props.record.data)
      : { nama: '', jenis: 'bidang', parentId: props.parentId ?? '', berlakuMulai: todayWib(), alamat: '', latitude: '', longitude: '' };
  const [draft, setDraft] = useState<Draft>(initial);
  const [unchanged, setUnchanged] = useState(false);
  const { pending, error, submit, form, errors } = useOrgForm();
  const Heading = props.headingLevel ?? 'h2';
  const headingId = useId();
  const choices = parentChoices(props.units, props.mode === 'edit' ? props.record.data.id : undefined);
  // The stored parent stays selectable even when the chart's date does not show it.
  const parentMissing = draft.parentId !== '' && !choices.some((unit) => unit.id === draft.parentId);

  const set = (key: keyof Draft) => (event: { target: { value: string } }) => {
    setUnchanged(false);
    setDraft((current) => ({ ...current, [key]: event.target.value }));
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (props.mode === 'create') {
      const input: Record<string, unknown> = {};
      for (const key of Object.keys(draft) as (keyof Draft)[]) {
        const value = valueOf(key, draft[key]);
        if (value !== null) input[key] = value;
      }
      const { opdId, onSaved } = props;
      void submit(async () => onSaved(await createUnit(opdId, input as UnitInput)));
      return;
    }
    const patch: Record<string, unknown> = {};
    for (const key of Object.keys(draft) as (keyof Draft)[]) {
      if (key !== 'berlakuMulai' && draft[key].trim() !== initial[key].trim()) patch[key] = valueOf(key, draft[key]);
    }
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    const { record, onSaved } = props;
    void submit(async () => onSaved(await updateUnit(record.data.id, record.etag, patch as UnitInput)));
  }

  return (
    <form ref={form} className="form org-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby={headingId}>
      <Heading id={headingId}>{props.mode === 'edit' ? t('organisasi.unit.edit') : t('organisasi.unit.create')}</Heading>
      <p className="field__hint">{props.mode === 'edit' ? t('organisasi.unit.editHint') : t('organisasi.unit.createHint')}</p>
      <SubmitError error={error} onReload={props.mode === 'edit' ? props.onReload : undefined} />
      <div className="form__grid">
        <TextField label={t('organisasi.unit.nama')} value={draft.nama} onChange={set('nama')} error={errors.nama} maxLength={200} autoComplete="off" required />
        <SelectField label={t('organisasi.unit.jenis')} value={draft.jenis} onChange={set('jenis')} error={errors.jenis}>
          {UNIT_JENIS.map((value) => (
            <option key={value} value={value}>
              {t(unitJenisLabel(value))}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('organisasi.field.parentId')} value={draft.parentId} onChange={set('parentId')} error={errors.parentId}>
          <option value="">{t('organisasi.unit.topLevel')}</option>
          {parentMissing && <option value={draft.parentId}>{t('organisasi.unit.parentElsewhere')}</option>}
          {choices.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {indent(unit)}
            </option>
          ))}
        </SelectField>
        {props.mode === 'create' && (
          <TextField
            label={t('organisasi.unit.berlakuMulai')}
            type="date"
            value={draft.berlakuMulai}
            onChange={set('berlakuMulai')}
            error={errors.berlakuMulai}
            required
          />
        )}
        <LokasiFields
          draft={draft}
          onChange={set}
          errors={errors}
          alamatLabel={t('organisasi.unit.alamat')}
          alamatHint={t('organisasi.unit.alamatHint')}
        />
      </div>
      <div className="form__actions">
        <button type="submit" className="button">
          {props.mode === 'edit' ? t('organisasi.form.save') : t('organisasi.unit.createSubmit')}
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
