import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMe } from '../../auth/AuthProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { ResultsTable } from '../../components/ResultsTable';
import { useSubmission } from '../../hooks/useSubmission';
import type { MessageKey } from '../../i18n/id';
import { useI18n } from '../../i18n/I18nProvider';
import { uploadInventaris, type InventarisReport } from './integrasiApi';

const TEMPLATE = [
  'kode,nama,opd_kode,jenis,url,status,kontak_nama,kontak_email,kontak_telepon,deskripsi,dataset_produksi,dataset_konsumsi',
  'simpeg,SIMPEG Kota Padang,5.03.0.00.0.00.01.0000,kepegawaian,https://simpeg.padang.go.id,aktif,Bidang Data BKPSDM,simpeg@padang.go.id,0751-000000,Data induk ASN,pegawai,"organisasi,wilayah"',
].join('\r\n');

/** Bulk import of the city's app inventory: test for a per-row report, then apply (all rows or none). */
export function InventarisPage() {
  const { t, lang } = useI18n();
  const me = useMe();
  const fileInput = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<InventarisReport | null>(null);
  const [missing, setMissing] = useState(false);
  const { pending, error, submit } = useSubmission();
  const templateHref = `data:text/csv;charset=utf-8,${encodeURIComponent(TEMPLATE)}`;

  function run(apply: boolean) {
    return (event?: FormEvent) => {
      event?.preventDefault();
      if (!file) {
        setMissing(true);
        fileInput.current?.focus();
        return;
      }
      setMissing(false);
      void submit(async () => {
        setReport(null);
        setReport(await uploadInventaris(file, apply, lang, me.csrfToken));
      });
    };
  }

  const summary = report?.summary;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/integrasi">{t('integrasi.detail.back')}</Link>
      </p>
      <PageHeading>{t('integrasi.inventaris.title')}</PageHeading>
      <p>{t('integrasi.inventaris.intro')}</p>
      <details className="panel">
        <summary>{t('integrasi.inventaris.kolom')}</summary>
        <p>{t('integrasi.inventaris.kolomIsi')}</p>
        <p>
          <a href={templateHref} download="inventaris-aplikasi.csv">
            {t('integrasi.inventaris.templat')}
          </a>
        </p>
      </details>
      <form className="form panel" onSubmit={run(false)} noValidate>
        <div className="field">
          <label htmlFor="inventaris-berkas">{t('integrasi.inventaris.berkas')}</label>
          {missing && (
            <p id="inventaris-berkas-error" className="field__error">
              {t('integrasi.inventaris.pilihBerkas')}
            </p>
          )}
          <input
            ref={fileInput}
            id="inventaris-berkas"
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-invalid={missing || undefined}
            aria-describedby={missing ? 'inventaris-berkas-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setReport(null);
            }}
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button button--secondary" aria-busy={pending || undefined}>
            {t('integrasi.inventaris.uji')}
          </button>
          <button type="button" className="button" onClick={run(true)} disabled={!report || report.applied || report.summary.invalid > 0}>
            {t('integrasi.inventaris.terapkan')}
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {report && summary && (
        <section aria-labelledby="inventaris-hasil" className="panel">
          <h2 id="inventaris-hasil">{t('integrasi.inventaris.caption')}</h2>
          <div className={report.summary.invalid > 0 ? 'alert alert--error' : 'alert alert--ok'} role={report.summary.invalid > 0 ? 'alert' : 'status'}>
            <p>
              {report.applied
                ? t('integrasi.inventaris.hasilTerap', summary)
                : summary.invalid > 0 && !report.applied && report.rows.some((r) => r.action === 'invalid')
                  ? `${t('integrasi.inventaris.hasilUji', summary)} ${t('integrasi.inventaris.gagal', summary)}`
                  : t('integrasi.inventaris.hasilUji', summary)}
            </p>
            {report.columns.ignored.length > 0 && <p>{t('integrasi.inventaris.diabaikan', { kolom: report.columns.ignored.join(', ') })}</p>}
          </div>
          <ResultsTable
            captionId="inventaris-caption"
            caption={t('integrasi.inventaris.caption')}
            columns={
              <>
                <th scope="col">{t('integrasi.inventaris.baris')}</th>
                <th scope="col">{t('integrasi.field.kode')}</th>
                <th scope="col">{t('integrasi.inventaris.aksi')}</th>
                <th scope="col">{t('integrasi.inventaris.masalah')}</th>
              </>
            }
            columnCount={4}
            items={report.rows}
            empty="—"
            busy={pending}
          >
            {(row) => (
              <tr key={row.line} className={row.action === 'invalid' ? 'inventaris-galat' : undefined}>
                <th scope="row">{row.line}</th>
                <td>
                  <code>{row.kode || '—'}</code>
                </td>
                <td>
                  {t(`integrasi.inventaris.aksi.${row.action}` as MessageKey)}
                  {row.changed.length > 0 && <small> ({row.changed.join(', ')})</small>}
                </td>
                <td>
                  {row.problems.length === 0 ? (
                    '—'
                  ) : (
                    <ul>
                      {row.problems.map((p, i) => (
                        <li key={i}>
                          <strong>{p.column}</strong>: {p.message}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            )}
          </ResultsTable>
          {report.truncated && <p>{t('integrasi.inventaris.terpotong')}</p>}
        </section>
      )}
    </>
  );
}
