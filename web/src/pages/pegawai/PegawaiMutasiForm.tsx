import { useState, type FormEvent } from 'react';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { useFormSubmission } from '../../hooks/useFormSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { useOpdChoices } from './access';
import { formatTanggal, mutasiPegawai, namaLengkap, todayWib, type MutasiInput, type OpdChoice, type Pegawai, type Versioned } from './pegawaiApi';
import { emptyPenempatan, penempatanBody, PenempatanFields, useUnits, type PenempatanDraft } from './PenempatanFields';

interface PegawaiMutasiFormProps {
  record: Versioned<Pegawai>;
  onSaved: (record: Versioned<Pegawai>) => void;
  onCancel: () => void;
  /** Loads the current version after a 412. */
  onReload: () => void;
}

/**
 * Transfers an employee (mutasi) against the version it was loaded at (If-Match): the current
 * position ends on the TMT and the new one starts on it. Target OPDs are those the user manages.
 */
export function PegawaiMutasiForm(props: PegawaiMutasiFormProps) {
  const opds = useOpdChoices(useMe());
  if (opds.loading && !opds.data) return <Loading />;
  if (!opds.data) return <ErrorAlert error={opds.error} />;
  return <MutasiForm {...props} opds={opds.data} />;
}

function MutasiForm({ record, onSaved, onCancel, onReload, opds }: PegawaiMutasiFormProps & { opds: readonly OpdChoice[] }) {
  const { t, lang } = useI18n();
  const p = record.data;
  // The current OPD first: most transfers stay inside the agency.
  const [penempatan, setPenempatan] = useState<PenempatanDraft>(() =>
    emptyPenempatan(opds.some((opd) => opd.id === p.opdId) ? p.opdId : opds.length === 1 ? opds[0]!.id : ''),
  );
  const [tmt, setTmt] = useState(todayWib());
  const units = useUnits(penempatan.opd, tmt);
  const { pending, error, submit, form, errors } = useFormSubmission('input, select');

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: MutasiInput = penempatanBody(penempatan, units.data);
    if (tmt.trim()) body.tmt = tmt.trim();
    void submit(async () => {
      onSaved(await mutasiPegawai(p.id, record.etag, body));
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="pegawai-mutasi-heading">
      <h2 id="pegawai-mutasi-heading">{t('pegawai.mutasi.title', { nama: namaLengkap(p) })}</h2>
      <p className="field__hint">
        {t('pegawai.mutasi.hint', { jabatan: p.namaJabatan ?? '—', tmt: formatTanggal(p.tmtJabatan, lang) })}
      </p>
      <FormAlert error={error} stale={{ message: t('pegawai.mutasi.stale'), reload: t('pegawai.edit.reload') }} onReload={onReload} />
      {/* Not in service (pensiun, …): the server refuses; the reason belongs at the top, not to a field. */}
      {errors.status && (
        <p className="field__error" role="alert">
          {errors.status}
        </p>
      )}
      <div className="form__grid">
        <TextField
          label={t('pegawai.mutasi.tmt')}
          hint={t('pegawai.form.tmtHint')}
          type="date"
          value={tmt}
          onChange={(event) => setTmt(event.target.value)}
          error={errors.tmt}
          max={todayWib()}
          required
        />
        <PenempatanFields draft={penempatan} onChange={setPenempatan} opds={opds} units={units} errors={errors} />
      </div>
      <div className="form__actions pegawai-actions">
        <button type="submit" className="button">
          {t('pegawai.mutasi.submit')}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
