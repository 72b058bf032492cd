import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMe } from '../../../auth/AuthProvider';
import { DateTime } from '../../../components/DateTime';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { ResultsTable } from '../../../components/ResultsTable';
import { useResource } from '../../../hooks/useResource';
import { useSubmission } from '../../../hooks/useSubmission';
import type { MessageKey } from '../../../i18n/id';
import { useI18n } from '../../../i18n/I18nProvider';
import { daftarAplikasi, daftarImpor, unggahImpor } from './imporApi';
import './impor.css';

/** Imports from legacy apps: upload an export for an app and a dataset, then map, dry-run and apply it. */
export function ImporPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const apps = useResource((signal) => daftarAplikasi(signal), []);
  const list = useResource((signal) => daftarImpor(signal), []);
  const fileInput = useRef<HTMLInputElement>(null);
  const [aplikasi, setAplikasi] = useState('');
  const [dataset, setDataset] = useState('penduduk');
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState<{ aplikasi?: string; file?: string }>({});
  const { pending, error, submit } = useSubmission();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const next = { aplikasi: aplikasi ? undefined : t('integrasi.impor.pilihAplikasi'), file: file ? undefined : t('integrasi.impor.pilihBerkas') };
    setMissing(next);
    if (next.aplikasi || next.file) return;
    void submit(async () => {
      const impor = await unggahImpor(file!, aplikasi, dataset, lang, me.csrfToken);
      navigate(`/integrasi/impor/${impor.id}`);
    });
  }

  return (
    <>
      <PageHeading>{t('integrasi.impor.title')}</PageHeading>
      <p>{t('integrasi.impor.intro')}</p>
      <form className="form panel" onSubmit={onSubmit} noValidate aria-labelledby="impor-unggah">
        <h2 id="impor-unggah">{t('integrasi.impor.unggah')}</h2>
        <SelectField label={t('integrasi.impor.aplikasi')} value={aplikasi} onChange={(e) => setAplikasi(e.target.value)} error={missing.aplikasi}>
          <option value="">{t('integrasi.impor.pilih')}</option>
          {(apps.data?.items ?? []).map((app) => (
            <option key={app.id} value={app.kode}>
              {app.nama} ({app.kode})
            </option>
          ))}
        </SelectField>
        <SelectField label={t('integrasi.impor.dataset')} value={dataset} onChange={(e) => setDataset(e.target.value)}>
          <option value="penduduk">{t('integrasi.impor.dataset.penduduk')}</option>
          <option value="pegawai">{t('integrasi.impor.dataset.pegawai')}</option>
          <option value="organisasi">{t('integrasi.impor.dataset.organisasi')}</option>
        </SelectField>
        <div className="field">
          <label htmlFor="impor-berkas">{t('integrasi.impor.berkas')}</label>
          <p className="field__hint" id="impor-berkas-hint">
            {t('integrasi.impor.berkasHint')}
          </p>
          {missing.file && (
            <p id="impor-berkas-error" className="field__error">
              {missing.file}
            </p>
          )}
          <input
            ref={fileInput}
            id="impor-berkas"
            type="file"
            accept=".csv,.xlsx,.json,text/csv,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={missing.file ? true : undefined}
            aria-describedby={missing.file ? 'impor-berkas-hint impor-berkas-error' : 'impor-berkas-hint'}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" aria-busy={pending || undefined}>
            {t('integrasi.impor.kirim')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
      <section aria-labelledby="impor-daftar" className="panel">
        <h2 id="impor-daftar">{t('integrasi.impor.terakhir')}</h2>
        <ErrorAlert error={list.error} />
        <ResultsTable
          captionId="impor-daftar-caption"
          caption={t('integrasi.impor.terakhir')}
          columns={
            <>
              <th scope="col">{t('integrasi.impor.waktu')}</th>
              <th scope="col">{t('integrasi.impor.aplikasi')}</th>
              <th scope="col">{t('integrasi.impor.dataset')}</th>
              <th scope="col">{t('integrasi.impor.berkas')}</th>
              <th scope="col">{t('integrasi.impor.status')}</th>
            </>
          }
          columnCount={5}
          items={list.data?.items ?? []}
          empty={t('integrasi.impor.kosong')}
          busy={list.loading}
        >
          {(item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/integrasi/impor/${item.id}`}>
                  <DateTime value={item.createdAt} />
                </Link>
              </td>
              <td>{item.aplikasi.nama}</td>
              <td>{item.dataset}</td>
              <td>
                {item.berkas.nama} <small>({t('integrasi.impor.nBaris', { n: item.total })})</small>
              </td>
              <td>{t(`integrasi.impor.status.${item.status}` as MessageKey)}</td>
            </tr>
          )}
        </ResultsTable>
      </section>
    </>
  );
}
