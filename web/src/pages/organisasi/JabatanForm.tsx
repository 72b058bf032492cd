import { useId, useState, type FormEvent } from 'react';
import { SelectField, TextField } from '../../components/fields';
import { useI18n } from '../../i18n/I18nProvider';
import { SubmitError, useOrgForm } from './formParts';
import { jabatanJenisLabel } from './labels';
import { createJabatan, ESELON, JABATAN_JENIS, updateJabatan, type Jabatan, type JabatanInput, type Versioned } from './organisasiApi';

type JabatanFormProps = {
  onSaved: (record: Versioned<Jabatan>) => void;
  onCancel: () => void;
} & ({ mode: 'create'; unitId: string } | { mode: 'edit'; record: Versioned<Jabatan>; onReload: () => void });

/** Adds or corrects a position: structural ones carry an eselon, functional and staff positions none. */
export function JabatanForm(props: JabatanFormProps) {
  const { t } = useI18n();
  const before = props.mode === 'edit' ? props.record.data : null;
  const [nama, setNama] = useState(before?.nama ?? '');
  const [jenis, setJenis] = useState<string>(before?.jenis ?? 'struktural');
  const [eselon, setEselon] = useState(before?.eselon ?? '');
  const [unchanged, setUnchanged] = useState(false);
  const { pending, error, submit, form, errors } = useOrgForm();
  const headingId = useId();
  const struktural = jenis === 'struktural';

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values: JabatanInput = { nama: nama.trim(), jenis, eselon: struktural ? eselon || null : null };
    if (props.mode === 'create') {
      const { unitId, onSaved } = props;
      void submit(async () => onSaved(await createJabatan(unitId, values)));
      return;
    }
    const { record, onSaved } = props;
    const patch: JabatanInput = {};
    if (values.nama !== record.data.nama) patch.nama = values.nama;
    if (values.jenis !== record.data.jenis) patch.jenis = values.jenis;
    if (values.eselon !== record.data.eselon) patch.eselon = values.eselon;
    if (Object.keys(patch).length === 0) {
      setUnchanged(true);
      return;
    }
    void submit(async () => onSaved(await updateJabatan(record.data.id, record.etag, patch)));
  }

  return (
    <form ref={form} className="form org-form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby={headingId}>
      <h4 id={headingId}>{props.mode === 'edit' ? t('organisasi.jabatan.edit', { nama: props.record.data.nama }) : t('organisasi.jabatan.create')}</h4>
      <SubmitError error={error} onReload={props.mode === 'edit' ? props.onReload : undefined} />
      <div className="form__grid">
        <TextField
          label={t('organisasi.jabatan.nama')}
          value={nama}
          onChange={(event) => {
            setUnchanged(false);
            setNama(event.target.value);
          }}
          error={errors.nama}
          maxLength={200}
          autoComplete="off"
          required
        />
        <SelectField
          label={t('organisasi.jabatan.jenis')}
          value={jenis}
          onChange={(event) => {
            setUnchanged(false);
            setJenis(event.target.value);
          }}
          error={errors.jenis}
        >
          {JABATAN_JENIS.map((value) => (
            <option key={value} value={value}>
              {t(jabatanJenisLabel(value))}
            </option>
          ))}
        </SelectField>
        {struktural && (
          <SelectField
            label={t('organisasi.field.eselon')}
            hint={t('organisasi.jabatan.eselonHint')}
            value={eselon}
            onChange={(event) => {
              setUnchanged(false);
              setEselon(event.target.value);
            }}
            error={errors.eselon}
          >
            <option value="">{t('organisasi.jabatan.eselonNone')}</option>
            {ESELON.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      {/* The server names a broken eselon rule on the eselon field; without the field shown, say it here. */}
      {!struktural && errors.eselon && <p className="field__error">{errors.eselon}</p>}
      <div className="form__actions">
        <button type="submit" className="button">
          {props.mode === 'edit' ? t('organisasi.form.save') : t('organisasi.jabatan.createSubmit')}
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
