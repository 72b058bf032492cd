import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
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
import { ajukanLoket, listJenis, newIdempotencyKey, unggahStaf, type Jenis } from './layananApi';
import { FileField, IsianFields, isianAwal, isianKosong, isianUntukApi, type Isian } from './parts';
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

function LoketForm({ katalog }: { katalog: Jenis[] }) {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const idempotencyKey = useRef(newIdempotencyKey());
  const [nik, setNik] = useState('');
  const [kode, setKode] = useState('');
  const jenis = katalog.find((j) => j.kode === kode);
  const [values, setValues] = useState<Isian>({});
  const [telepon, setTelepon] = useState('');
  const [email, setEmail] = useState('');
  const [files, setFiles] = useState<Record<string, File | null>>({});
  const [progress, setProgress] = useState('');
  const { pending, error, submit, form, errors } = useFormSubmission('input');

  function chooseJenis(next: string) {
    setKode(next);
    const found = katalog.find((j) => j.kode === next);
    setValues(found ? isianAwal(found.fields) : {});
    setFiles({});
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void submit(async () => {
      const local: Record<string, string> = {};
      if (!/^\d{16}$/.test(nik.replace(/[\s.-]/g, ''))) local.nik = t('layanan.loket.nikFormat');
      if (!jenis) local.jenis = t('layanan.loket.jenisWajib');
      else Object.assign(local, isianKosong(jenis.fields, values, t('layanan.isian.wajibDiisi')));
      if (Object.keys(local).length > 0 || !jenis) throw new LocalInvalid(local);
      try {
        await kirim(jenis);
      } finally {
        setProgress('');
      }
    });
  }

  /** Records the request, then uploads each chosen file; a refused file does not undo the request. */
  async function kirim(j: Jenis) {
    setProgress(t('layanan.ajukan.mengirim'));
    const { data: detail } = await ajukanLoket(
      { nik: nik.replace(/[\s.-]/g, ''), jenis: j.kode, data: isianUntukApi(j.fields, values), email: email.trim() || null, telepon: telepon.trim() || null },
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
      {jenis && jenis.fields.length > 0 && (
        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.ajukan.isian')}</legend>
          <IsianFields fields={jenis.fields} values={values} onChange={(name, value) => setValues((current) => ({ ...current, [name]: value }))} errors={errors} />
        </fieldset>
      )}
      {jenis && jenis.syarat.length > 0 && (
        <fieldset className="layanan-fieldset">
          <legend>{t('layanan.ajukan.berkas')}</legend>
          <p className="field__hint">{t('layanan.loket.berkasHint')}</p>
          {jenis.syarat.map((s) => (
            <FileField
              key={`${jenis.kode}-${s.name}`}
              label={`${s.label} (${t(s.required ? 'layanan.jenis.wajib' : 'layanan.jenis.opsional')})`}
              file={files[s.name] ?? null}
              onChange={(file) => setFiles((current) => ({ ...current, [s.name]: file }))}
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
    </form>
  );
}
