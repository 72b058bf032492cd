import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/client';
import { useMe } from '../../auth/AuthProvider';
import { SelectField, TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { uploadErrorText } from './labels';
import { ajukanLoket, getDrafLoket, listJenis, newIdempotencyKey, unggahStaf, type Jenis, type Pemohon } from './layananApi';
import { berkasDitolak, FileField, IsianFields, isianAwal, isianKosong, isianUntukApi, PemohonDetails, useBatas, type Isian } from './parts';
import './layanan.css';

/** A walk-in request entered at the counter for a resident by NIK; it follows the same workflow. */
export function LoketPage() {
  const { t } = useI18n();
  const katalog = useResource((signal) => listJenis(true, signal), []);
  const active = katalog.data?.items.filter((j) => !j.archivedAt) ?? [];

  return (
    <div className="layanan layanan--narrow">
      <p className="breadcrumb">
        <Link to="/antrian-layanan">{t('layanan.antrian.back')}</Link>
      </p>
      <PageHeading>{t('layanan.loket.title')}</PageHeading>
      <p>{t('layanan.loket.intro')}</p>
      {katalog.loading && !katalog.data && <Loading />}
      <ErrorAlert error={katalog.error} />
      {katalog.data && <LoketForm katalog={active} />}
    </div>
  );
}

interface Pratinjau {
  /** The NIK and letter type the data was read for: changing either asks again. */
  nik: string;
  kode: string;
  jenis: Jenis;
  pemohon: Pemohon;
}

const cleanNik = (text: string) => text.replace(/[\s.-]/g, '');

/**
 * Two steps on one form: the NIK and letter type first, then the resident's registry data
 * (masked, as every staff view shows it) to check against the KTP in hand, the type's fields and
 * files, and only then the request is recorded.
 */
function LoketForm({ katalog }: { katalog: Jenis[] }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const idempotencyKey = useRef(newIdempotencyKey());
  const batas = useBatas();
  const [nik, setNik] = useState('');
  const [kode, setKode] = useState('');
  const [pratinjau, setPratinjau] = useState<Pratinjau | null>(null);
  const shown = pratinjau && pratinjau.nik === cleanNik(nik) && pratinjau.kode === kode ? pratinjau : null;
  const jenis = shown?.jenis;
  const [values, setValues] = useState<Isian>({});
  const [telepon, setTelepon] = useState('');
  const [email, setEmail] = useState('');
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [progress, setProgress] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission('input');
  const pemohonHeading = useRef<HTMLHeadingElement>(null);

  // The data arrives: read it out first, it is what the officer checks against the KTP.
  useEffect(() => {
    if (shown) pemohonHeading.current?.focus();
  }, [shown?.nik, shown?.kode]);

  function chooseJenis(next: string) {
    setKode(next);
    setFiles({});
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const local: Record<string, string> = {};
      if (!/^\d{16}$/.test(cleanNik(nik))) local.nik = t('layanan.loket.nikFormat');
      if (!kode) local.jenis = t('layanan.loket.jenisWajib');
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      if (!shown) return tampilkan();
      Object.assign(local, isianKosong(shown.jenis.fields, values, t('layanan.isian.wajibDiisi')));
      for (const s of shown.jenis.syarat) {
        const file = files[s.name];
        const refused = file ? berkasDitolak(file, batas, t, lang) : null;
        if (refused) local[`syarat/${s.name}`] = refused;
      }
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      try {
        await kirim(shown.jenis);
      } finally {
        setProgress('');
      }
    });
  }

  /** Reads the resident and the letter type; an unknown NIK or one of another kelurahan is said next to the NIK. */
  async function tampilkan() {
    const wanted = { nik: cleanNik(nik), kode };
    try {
      const draf = await getDrafLoket(wanted.kode, wanted.nik);
      setValues(isianAwal(draf.jenis.fields));
      setPratinjau({ ...wanted, ...draf });
    } catch (caught) {
      const problem = caught instanceof ApiError ? caught.problem : null;
      if (problem?.code === 'layanan.pemohon_not_found' || problem?.code === 'layanan.pemohon_luar_wilayah') throw new LocalInvalid({ nik: problem.detail ?? problem.title });
      if (problem?.code === 'layanan.jenis_not_found') throw new LocalInvalid({ jenis: problem.detail ?? problem.title });
      throw caught;
    }
  }

  /** Records the request, then uploads each chosen file; a refused file does not undo the request. */
  async function kirim(j: Jenis) {
    setProgress(t('layanan.ajukan.mengirim'));
    const { data: detail } = await ajukanLoket(
      { nik: cleanNik(nik), jenis: j.kode, data: isianUntukApi(j.fields, values), email: email.trim() || null, telepon: telepon.trim() || null },
      idempotencyKey.current,
      { csrfToken: me.csrfToken, lang },
    );
    const gagal: string[] = [];
    for (const s of j.syarat) {
      const file = files[s.name];
      if (!file) continue;
      setProgress(t('layanan.loket.mengunggah', { name: file.name }));
      try {
        await unggahStaf(detail.id, s.name, file, { csrfToken: me.csrfToken, lang });
      } catch (caught) {
        gagal.push(`${s.label}: ${uploadErrorText(caught, file.name, t, lang)}`);
      }
    }
    navigate(`/antrian-layanan/${encodeURIComponent(detail.id)}`, { state: { loket: detail.kodeLacak, gagal } });
  }

  return (
    <form ref={form} className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="loket-form-heading">
      <h2 id="loket-form-heading">{t('layanan.loket.formTitle')}</h2>
      <FormAlert error={error} checkFields={t('layanan.form.periksa')} />
      <TextField label={t('layanan.loket.nik')} hint={t('layanan.loket.nikHint')} value={nik} onChange={(event) => setNik(event.target.value)} error={errors.nik} inputMode="numeric" maxLength={30} autoComplete="off" required />
      <SelectField label={t('layanan.field.jenis')} value={kode} onChange={(event) => chooseJenis(event.target.value)} error={errors.jenis} required>
        <option value="">{t('layanan.isian.pilih')}</option>
        {katalog.map((j) => (
          <option key={j.id} value={j.kode}>
            {j.nama}
            {j.online ? '' : ` (${t('layanan.loket.hanyaLoket')})`}
          </option>
        ))}
      </SelectField>
      {!shown && (
        <div className="form__actions">
          <button type="submit" className="button">
            {pending ? t('layanan.loket.memeriksa') : t('layanan.loket.tampilkan')}
          </button>
          <p className="field__hint">{t('layanan.loket.tampilkanHint')}</p>
        </div>
      )}
      {shown && jenis && (
        <>
          <section className="layanan-fieldset layanan-loket-pemohon" aria-labelledby="loket-pemohon-heading">
            <h3 id="loket-pemohon-heading" ref={pemohonHeading} tabIndex={-1}>
              {t('layanan.loket.pemohon')}
            </h3>
            <p className="field__hint">{t('layanan.loket.pemohonHint')}</p>
            <PemohonDetails pemohon={shown.pemohon} />
          </section>
          {jenis.fields.length > 0 && (
            <fieldset className="layanan-fieldset">
              <legend>{t('layanan.ajukan.isian')}</legend>
              <IsianFields fields={jenis.fields} values={values} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} errors={errors} />
            </fieldset>
          )}
          {jenis.syarat.length > 0 && (
            <fieldset className="layanan-fieldset">
              <legend>{t('layanan.ajukan.berkas')}</legend>
              <p className="field__hint">{t('layanan.loket.berkasHint')}</p>
              {jenis.syarat.map((s) => (
                <FileField
                  key={`${jenis.kode}-${s.name}`}
                  label={`${s.label} (${t(s.required ? 'layanan.jenis.wajib' : 'layanan.jenis.opsional')})`}
                  file={files[s.name] ?? null}
                  onChange={(file) => setFiles((current) => ({ ...current, [s.name]: file }))}
                  error={errors[`syarat/${s.name}`]}
                />
              ))}
            </fieldset>
          )}
          <fieldset className="layanan-fieldset">
            <legend>{t('layanan.ajukan.kontak')}</legend>
            <TextField label={t('layanan.ajukan.telepon')} type="tel" value={telepon} onChange={(event) => setTelepon(event.target.value)} error={errors.telepon} maxLength={30} autoComplete="off" />
            <TextField label={t('layanan.ajukan.email')} type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} maxLength={200} autoComplete="off" />
          </fieldset>
          <div className="form__actions">
            <button type="submit" className="button">
              {pending ? t('layanan.ajukan.pending') : t('layanan.loket.submit')}
            </button>
            <p role="status" className="status-line">
              {progress}
            </p>
          </div>
        </>
      )}
    </form>
  );
}
