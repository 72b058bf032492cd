import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SelectField, TextField } from '../../components/fields';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { IndikatorEditor, newIndikatorDraft, readIndikator, type IndikatorDraft } from './IndikatorEditor';
import { createAnggaran, formatRupiah, getKewenangan, listNomenklatur, parseRupiah, tahunIni, type OpdRef } from './programApi';
import './program.css';

/** Adds a budget line for a sub-kegiatan; only the OPDs the user may manage are offered (the API checks again). */
export function AnggaranCreatePage() {
  const { t } = useI18n();
  const kewenangan = useResource((signal) => getKewenangan(signal), []);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/program">{t('program.back')}</Link>
      </p>
      <PageHeading>{t('program.create.title')}</PageHeading>
      {kewenangan.loading && !kewenangan.data && <Loading />}
      <ErrorAlert error={kewenangan.error} />
      {kewenangan.data &&
        (kewenangan.data.opd.length === 0 ? (
          <div className="alert alert--error" role="alert">
            <p>{t('program.create.notAllowed')}</p>
          </div>
        ) : (
          <section className="panel">
            <AnggaranCreateForm opds={kewenangan.data.opd} />
          </section>
        ))}
    </>
  );
}

/** Waits until typing pauses before looking codes up. */
function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function AnggaranCreateForm({ opds }: { opds: OpdRef[] }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const [tahun, setTahun] = useState(String(tahunIni()));
  const [opd, setOpd] = useState(opds.length === 1 ? opds[0]!.id : '');
  const [kode, setKode] = useState('');
  const [pagu, setPagu] = useState('');
  const [drafts, setDrafts] = useState<IndikatorDraft[]>(() => [newIndikatorDraft()]);
  const { pending, error, submit, form, errors } = useFormSubmission();
  const listId = useId();

  const lookup = useDebounced(kode.trim());
  const suggestions = useResource(
    (signal) => (lookup.length >= 2 ? listNomenklatur({ level: 'sub_kegiatan', q: lookup, limit: 20 }, signal) : Promise.resolve({ items: [], nextCursor: null })),
    [lookup],
  );
  const chosen = suggestions.data?.items.find((entry) => entry.kode === kode.trim());
  const typedPagu = parseRupiah(pagu);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const indikator = readIndikator(drafts, lang, { nama: t('program.indikator.namaRequired'), target: t('program.indikator.targetInvalid') });
    setDrafts(indikator.kept);
    void submit(async () => {
      const local: Record<string, string> = { ...indikator.errors };
      const year = Number(tahun);
      if (!/^\d{4}$/.test(tahun.trim()) || year < 2000 || year > 2100) local.tahun = t('program.tahun.invalid');
      if (!opd) local.opd = t('program.opd.required');
      if (!kode.trim()) local.kode = t('program.kode.required');
      if (typedPagu === null) local.pagu = t('program.pagu.invalid');
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      const created = await createAnggaran({ tahun: year, opd, kode: kode.trim(), pagu: typedPagu!, indikator: indikator.list });
      navigate(`/program/anggaran/${encodeURIComponent(created.data.id)}`, { state: { created: true } });
    });
  }

  return (
    <form ref={form} className="form" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="program-create-heading">
      <h2 id="program-create-heading">{t('program.create.form')}</h2>
      <p className="field__hint">{t('program.create.hint')}</p>
      <FormAlert error={error} checkFields={t('program.form.checkFields')} />
      <div className="form__grid">
        <TextField
          label={t('program.field.tahun')}
          value={tahun}
          onChange={(event) => setTahun(event.target.value)}
          error={errors.tahun}
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          required
        />
        <SelectField label={t('program.field.opd')} value={opd} onChange={(event) => setOpd(event.target.value)} error={errors.opd} required>
          {opds.length > 1 && <option value="">{t('program.opd.choose')}</option>}
          {opds.map((o) => (
            <option key={o.id} value={o.id}>
              {o.nama}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('program.create.kode')}
          hint={chosen ? chosen.nama : t('program.create.kodeHint')}
          value={kode}
          onChange={(event) => setKode(event.target.value)}
          error={errors.kode}
          list={listId}
          maxLength={40}
          autoComplete="off"
          required
        />
        <TextField
          label={t('program.field.pagu')}
          hint={typedPagu !== null ? t('program.pagu.preview', { rupiah: formatRupiah(typedPagu) }) : t('program.pagu.hint')}
          value={pagu}
          onChange={(event) => setPagu(event.target.value)}
          error={errors.pagu}
          inputMode="numeric"
          maxLength={30}
          autoComplete="off"
          required
        />
      </div>
      <datalist id={listId}>
        {(suggestions.data?.items ?? []).map((entry) => (
          <option key={entry.kode} value={entry.kode}>
            {entry.nama}
          </option>
        ))}
      </datalist>
      <IndikatorEditor drafts={drafts} onChange={setDrafts} errors={errors} />
      <div className="form__actions program-actions">
        <button type="submit" className="button">
          {t('program.create.submit')}
        </button>
        <Link className="button button--secondary" to="/program">
          {t('common.cancel')}
        </Link>
      </div>
    </form>
  );
}
