import { useRef, useState, type FormEvent } from 'react';
import { CheckboxField, SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/I18nProvider';
import { SubmitError, useOrgForm } from './formParts';
import { unitJenisLabel } from './labels';
import { formatDay, reorganise, UNIT_JENIS, type StrukturUnit } from './organisasiApi';
import { indent } from './UnitForm';

interface NewUnitRow {
  key: number;
  nama: string;
  jenis: string;
  /** '' for a top unit, a unit id, or `baru-<key>` for another new row. */
  parentRef: string;
}

const refOf = (row: Pick<NewUnitRow, 'key'>) => `baru-${row.key}`;

/**
 * The new units sent: rows left without a name are dropped (the form starts with one), unless
 * nothing else would be sent, so the server names the empty name next to its field.
 */
function rowsToSend(rows: readonly NewUnitRow[], closing: number): NewUnitRow[] {
  const named = rows.filter((row) => row.nama.trim() !== '');
  return named.length === 0 && closing === 0 ? [...rows] : named;
}

interface ReorganisasiFormProps {
  opdId: string;
  /** Units in force on the chart's date, depth first. */
  units: readonly StrukturUnit[];
  /** The chart's date, for the hint about which units are listed. */
  tanggalChart: string;
  onSaved: (result: { tanggal: string; closed: number; opened: number }) => void;
  onCancel: () => void;
}

/**
 * A reorganisation, all or nothing: from the effective date the ticked units end (their last
 * day is the day before) and the new units begin, under the OPD, an existing unit or another new one.
 */
export function ReorganisasiForm({ opdId, units, tanggalChart, onSaved, onCancel }: ReorganisasiFormProps) {
  const { t, lang } = useI18n();
  const [tanggal, setTanggal] = useState('');
  const [keterangan, setKeterangan] = useState('');
  const [tutup, setTutup] = useState<ReadonlySet<string>>(new Set());
  const nextKey = useRef(1);
  const [rows, setRows] = useState<NewUnitRow[]>([{ key: 0, nama: '', jenis: 'bidang', parentRef: '' }]);
  const { pending, error, submit, form, errors } = useOrgForm();

  const toggle = (id: string, on: boolean) =>
    setTutup((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const update = (key: number, change: Partial<NewUnitRow>) => setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const remove = (key: number) =>
    setRows((current) => current.filter((row) => row.key !== key).map((row) => (row.parentRef === refOf({ key }) ? { ...row, parentRef: '' } : row)));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const buka = rowsToSend(rows, tutup.size).map((row) => ({ ref: refOf(row), parentRef: row.parentRef || null, nama: row.nama, jenis: row.jenis }));
    const input = { tanggal, tutup: [...tutup], buka, ...(keterangan.trim() ? { keterangan: keterangan.trim() } : {}) };
    void submit(async () => {
      const result = await reorganise(opdId, input);
      onSaved({ tanggal: result.tanggal, closed: input.tutup.length, opened: buka.length });
    });
  }

  // Field paths of the request: `buka/<index>/nama` is the index among the rows sent.
  const rowError = (key: number, field: string) => {
    const index = rowsToSend(rows, tutup.size).findIndex((row) => row.key === key);
    return index < 0 ? undefined : errors[`buka/${index}/${field}`];
  };

  return (
    <form ref={form} className="form org-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="reorg-heading">
      <h2 id="reorg-heading">{t('organisasi.reorg.title')}</h2>
      <p className="field__hint">{t('organisasi.reorg.hint')}</p>
      <SubmitError error={error} />
      <div className="form__grid">
        <TextField
          label={t('organisasi.reorg.tanggal')}
          hint={t('organisasi.reorg.tanggalHint')}
          type="date"
          value={tanggal}
          onChange={(event) => setTanggal(event.target.value)}
          error={errors.tanggal}
          required
        />
        <TextField
          label={t('organisasi.reorg.keterangan')}
          hint={t('organisasi.reorg.keteranganHint')}
          value={keterangan}
          onChange={(event) => setKeterangan(event.target.value)}
          error={errors.keterangan}
          maxLength={500}
          autoComplete="off"
        />
      </div>
      <fieldset className="grants">
        <legend>{t('organisasi.reorg.tutup')}</legend>
        <p className="field__hint">{t('organisasi.reorg.tutupHint', { tanggal: formatDay(tanggalChart, lang) })}</p>
        {errors.tutup && <p className="field__error">{errors.tutup}</p>}
        {units.length === 0 ? (
          <p>{t('organisasi.struktur.empty')}</p>
        ) : (
          <div className="org-reorg__units">
            {units.map((unit) => (
              <CheckboxField
                key={unit.id}
                label={indent(unit)}
                checked={tutup.has(unit.id)}
                onChange={(event) => toggle(unit.id, event.target.checked)}
              />
            ))}
          </div>
        )}
      </fieldset>
      <fieldset className="grants">
        <legend>{t('organisasi.reorg.buka')}</legend>
        <p className="field__hint">{t('organisasi.reorg.bukaHint')}</p>
        {errors.buka && <p className="field__error">{errors.buka}</p>}
        <ol className="grants__list">
          {rows.map((row, position) => (
            <li key={row.key} className="grants__row org-reorg__row" aria-label={t('organisasi.reorg.row', { n: position + 1 })}>
              <TextField
                label={t('organisasi.reorg.rowNama', { n: position + 1 })}
                value={row.nama}
                onChange={(event) => update(row.key, { nama: event.target.value })}
                error={rowError(row.key, 'nama')}
                maxLength={200}
                autoComplete="off"
              />
              <SelectField label={t('organisasi.reorg.rowJenis', { n: position + 1 })} value={row.jenis} onChange={(event) => update(row.key, { jenis: event.target.value })} error={rowError(row.key, 'jenis')}>
                {UNIT_JENIS.map((value) => (
                  <option key={value} value={value}>
                    {t(unitJenisLabel(value))}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label={t('organisasi.reorg.rowParent', { n: position + 1 })}
                value={row.parentRef}
                onChange={(event) => update(row.key, { parentRef: event.target.value })}
                error={rowError(row.key, 'parentRef')}
              >
                <option value="">{t('organisasi.unit.topLevel')}</option>
                {rows
                  .filter((other) => other.key !== row.key)
                  .map((other) => (
                    <option key={other.key} value={refOf(other)}>
                      {t('organisasi.reorg.newParent', { nama: other.nama.trim() || t('organisasi.reorg.row', { n: rows.indexOf(other) + 1 }) })}
                    </option>
                  ))}
                {units
                  .filter((unit) => !tutup.has(unit.id))
                  .map((unit) => (
                    <option key={unit.id} value={unit.id}>
                      {indent(unit)}
                    </option>
                  ))}
              </SelectField>
              <button type="button" className="button button--secondary org-reorg__remove" onClick={() => remove(row.key)} aria-label={t('organisasi.reorg.removeRow', { n: position + 1 })}>
                {t('organisasi.reorg.remove')}
              </button>
            </li>
          ))}
        </ol>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            const key = nextKey.current++;
            setRows((current) => [...current, { key, nama: '', jenis: 'bidang', parentRef: '' }]);
          }}
        >
          {t('organisasi.reorg.addRow')}
        </button>
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button">
          {t('organisasi.reorg.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
