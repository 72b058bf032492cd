import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { TextField } from '../../components/fields';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormAlert } from '../../components/FormAlert';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { LocalInvalid, useFormSubmission } from '../../hooks/useFormSubmission';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { formatTanggal, uploadErrorText } from './labels';
import { ajukan, getDraf, newIdempotencyKey, unggahSaya, type Detail, type Draf } from './layananApi';
import { berkasDitolak, FileField, IsianFields, isianAwal, isianKosong, isianUntukApi, PemohonDetails, useBatas, type Isian } from './parts';
import './layanan.css';

/** A request for one letter type: the registry's data read-only, the type's own fields, the files, submit. */
export function AjukanPage() {
  const { t } = useI18n();
  const { jenis = '' } = useParams();
  const draf = useResource((signal) => getDraf(jenis, signal), [jenis]);

  return (
    <div className="layanan layanan--narrow">
      <p className="breadcrumb">
        <Link to="/layanan">{t('layanan.katalog.back')}</Link>
      </p>
      <PageHeading>{draf.data ? draf.data.jenis.nama : t('layanan.ajukan.title')}</PageHeading>
      {draf.loading && !draf.data && <Loading />}
      <ErrorAlert error={draf.error} />
      {draf.data && <AjukanForm key={draf.data.jenis.id} draf={draf.data} />}
    </div>
  );
}

interface Hasil {
  detail: Detail;
  /** Files the server refused, with the reason in plain words. */
  gagal: string[];
}

function AjukanForm({ draf }: { draf: Draf }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const { jenis } = draf;
  // One key for this form session: a second click, or a retry after a lost answer, makes no second request.
  const idempotencyKey = useRef(newIdempotencyKey());
  const [values, setValues] = useState<Isian>(() => isianAwal(jenis.fields));
  const [email, setEmail] = useState(me.user.email ?? '');
  const [telepon, setTelepon] = useState('');
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [hasil, setHasil] = useState<Hasil | null>(null);
  const [progress, setProgress] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission();
  // The server's limits: a file it would refuse is named before anything is sent.
  const batas = useBatas();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const local = isianKosong(jenis.fields, values, t('layanan.isian.wajibDiisi'));
      let chosen = 0;
      for (const s of jenis.syarat) {
        const file = files[s.name];
        if (!file) {
          if (s.required) local[`syarat/${s.name}`] = t('layanan.berkas.error.wajib', { label: s.label });
          continue;
        }
        chosen++;
        const refused = berkasDitolak(file, batas, t, lang) ?? (batas && chosen > batas.maxFiles ? t('layanan.berkas.error.terlaluBanyak', { file: file.name, count: batas.maxFiles }) : null);
        if (refused) local[`syarat/${s.name}`] = refused;
      }
      if (Object.keys(local).length > 0) throw new LocalInvalid(local);
      try {
        await kirim();
      } finally {
        setProgress('');
      }
    });
  }

  /** Sends the request, then each chosen file; a refused file does not undo the request. */
  async function kirim() {
    setProgress(t('layanan.ajukan.mengirim'));
    const { data: detail } = await ajukan(
      { jenis: jenis.kode, data: isianUntukApi(jenis.fields, values), email: email.trim() || null, telepon: telepon.trim() || null },
      idempotencyKey.current,
      { csrfToken: me.csrfToken, lang },
    );
    const gagal: string[] = [];
    const chosen = jenis.syarat.filter((s) => files[s.name]);
    for (const [index, s] of chosen.entries()) {
      const file = files[s.name]!;
      setProgress(t('layanan.ajukan.mengunggah', { n: index + 1, total: chosen.length, name: file.name }));
      try {
        await unggahSaya(detail.id, s.name, file, { csrfToken: me.csrfToken, lang });
      } catch (caught) {
        gagal.push(`${s.label}: ${uploadErrorText(caught, file.name, t, lang)}`);
      }
    }
    setHasil({ detail, gagal });
  }

  if (hasil) return <Konfirmasi hasil={hasil} />;

  return (
    <>
      <section className="panel" aria-labelledby="ajukan-pemohon-heading">
        <h2 id="ajukan-pemohon-heading">{t('layanan.ajukan.pemohon')}</h2>
        <p className="field__hint">{t('layanan.ajukan.pemohonHint')}</p>
        <PemohonDetails pemohon={draf.pemohon} />
      </section>
      <form ref={form} className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="ajukan-form-heading">
        <h2 id="ajukan-form-heading">{t('layanan.ajukan.formTitle')}</h2>
        <p className="field__hint">{t('layanan.ajukan.sla', { n: jenis.slaHari })}</p>
        <FormAlert error={error} checkFields={t('layanan.form.periksa')} />
        {jenis.fields.length > 0 && (
          <fieldset className="layanan-fieldset">
            <legend>{t('layanan.ajukan.isian')}</legend>
            <IsianFields fields={jenis.fields} values={values} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} errors={errors} />
          </fieldset>
        )}
        {jenis.syarat.length > 0 && (
          <fieldset className="layanan-fieldset">
            <legend>{t('layanan.ajukan.berkas')}</legend>
            {jenis.syarat.map((s) => (
              <FileField
                key={s.name}
                label={`${s.label} (${t(s.required ? 'layanan.jenis.wajib' : 'layanan.jenis.opsional')})`}
                file={files[s.name] ?? null}
                onChange={(file) => setFiles((current) => ({ ...current, [s.name]: file }))}
                error={errors[`syarat/${s.name}`]}
                required={s.required}
              />
            ))}
          </fieldset>
        )}
        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.ajukan.kontak')}</legend>
          <p className="field__hint">{t('layanan.ajukan.kontakHint')}</p>
          <TextField label={t('layanan.ajukan.email')} type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} maxLength={200} autoComplete="email" />
          <TextField label={t('layanan.ajukan.telepon')} type="tel" value={telepon} onChange={(event) => setTelepon(event.target.value)} error={errors.telepon} maxLength={30} autoComplete="tel" />
        </fieldset>
        <div className="form__actions">
          <button type="submit" className="button">
            {pending ? t('layanan.ajukan.pending') : t('layanan.ajukan.submit')}
          </button>
          <p role="status" className="status-line">
            {progress}
          </p>
        </div>
      </form>
    </>
  );
}

function Konfirmasi({ hasil }: { hasil: Hasil }) {
  const { t, lang } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const { detail, gagal } = hasil;
  // The outcome is what the resident waits for: read it out first.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="card layanan-konfirmasi" aria-labelledby="konfirmasi-heading">
      <h2 id="konfirmasi-heading" ref={heading} tabIndex={-1}>
        {t('layanan.konfirmasi.title')}
      </h2>
      <p>{t('layanan.konfirmasi.kode')}</p>
      <p className="layanan-kode">
        <code>{detail.kodeLacak}</code>
      </p>
      <p>{t('layanan.konfirmasi.simpan')}</p>
      <p>{t('layanan.konfirmasi.jatuhTempo', { tanggal: formatTanggal(detail.jatuhTempo, lang) })}</p>
      {gagal.length > 0 && (
        <div className="alert alert--error" role="alert">
          <p>{t('layanan.konfirmasi.gagal')}</p>
          <ul>
            {gagal.map((text) => (
              <li key={text}>{text}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="layanan-actions">
        <Link className="button" to={`/layanan/saya/${encodeURIComponent(detail.id)}`}>
          {t('layanan.konfirmasi.lihat')}
        </Link>
        <Link className="button button--secondary" to="/layanan/saya">
          {t('layanan.saya.title')}
        </Link>
      </p>
    </section>
  );
}
