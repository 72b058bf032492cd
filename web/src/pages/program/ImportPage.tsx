import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { Loading } from '../../components/Loading';
import { PageHeading } from '../../components/PageHeading';
import { useResource } from '../../hooks/useResource';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { ProgramLinks } from './ProgramLinks';
import { getKewenangan, importRowsOf, importSipd, type ImportResult, type ImportRowReport } from './programApi';
import './program.css';

/** The server's limit for this upload. */
const MAX_BYTES = 10 * 1024 * 1024;
const COLUMNS =
  'tahun, kode_opd, nama_opd, kode_urusan, nama_urusan, kode_bidang_urusan, nama_bidang_urusan, kode_program, nama_program, kode_kegiatan, nama_kegiatan, kode_sub_kegiatan, nama_sub_kegiatan, pagu, indikator, satuan, target';

class LocalFileError extends Error {}

/** SIPD import, for city-wide program.manage: all rows or none; a rejection lists each failing line. */
export function ImportPage() {
  const { t } = useI18n();
  const kewenangan = useResource((signal) => getKewenangan(signal), []);
  return (
    <>
      <PageHeading>{t('program.impor.title')}</PageHeading>
      <ProgramLinks current="impor" />
      {kewenangan.loading && !kewenangan.data && <Loading />}
      <ErrorAlert error={kewenangan.error} />
      {kewenangan.data &&
        (kewenangan.data.cityWide ? (
          <ImportForm />
        ) : (
          <div className="alert alert--error" role="alert">
            <p>{t('program.impor.notAllowed')}</p>
          </div>
        ))}
    </>
  );
}

function ImportForm() {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const { pending, error, submit } = useSubmission();
  const rows = importRowsOf(error);
  const localError = error instanceof LocalFileError ? error.message : undefined;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setResult(null);
    void submit(async () => {
      if (!file) throw new LocalFileError(t('program.impor.noFile'));
      if (file.size > MAX_BYTES) throw new LocalFileError(t('program.impor.tooLarge'));
      const text = await file.text();
      if (text.trim() === '') throw new LocalFileError(t('program.impor.empty'));
      setResult(await importSipd(text));
    });
  }

  return (
    <form className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="program-impor-form">
      <h2 id="program-impor-form">{t('program.impor.form')}</h2>
      <p>{t('program.impor.intro')}</p>
      <details className="program-columns">
        <summary>{t('program.impor.columns')}</summary>
        <p>
          <code>{COLUMNS}</code>
        </p>
        <p className="field__hint">{t('program.impor.columnsHint')}</p>
      </details>
      <TextField
        label={t('program.impor.file')}
        type="file"
        accept=".csv,text/csv"
        onChange={(event) => {
          setResult(null);
          setFile(event.target.files?.[0] ?? null);
        }}
        error={localError}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('program.impor.submit')}
        </button>
      </div>
      <div role="status">
        {pending && <p>{t('program.impor.pending')}</p>}
        {result && <ImportSummary result={result} />}
      </div>
      {!localError && <ErrorAlert error={error} />}
      {rows && <RowReport rows={rows} />}
    </form>
  );
}

function ImportSummary({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  return (
    <div className="alert alert--ok">
      <p>{t('program.impor.done', { rows: result.rows, tahun: result.tahun.join(', ') })}</p>
      <ul>
        <li>{t('program.impor.nomenklatur', { created: result.nomenklatur.created, updated: result.nomenklatur.updated })}</li>
        <li>{t('program.impor.anggaran', { created: result.anggaran.created, updated: result.anggaran.updated, unchanged: result.anggaran.unchanged })}</li>
      </ul>
      {result.tahun.length > 0 && (
        <p>
          <Link to={`/program?tahun=${result.tahun[0]}`}>{t('program.impor.see', { tahun: result.tahun[0]! })}</Link>
        </p>
      )}
    </div>
  );
}

/** Each failing line of the file with every problem the server found on it. */
function RowReport({ rows }: { rows: ImportRowReport[] }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby="program-impor-report" tabIndex={0}>
      <table className="data-table">
        <caption id="program-impor-report">{t('program.impor.report', { count: rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('program.impor.line')}</th>
            <th scope="col">{t('program.impor.column')}</th>
            <th scope="col">{t('program.impor.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.flatMap((row) =>
            row.problems.map((problem, i) => (
              <tr key={`${row.line}-${i}`}>
                <th scope="row">{row.line}</th>
                <td>
                  <code>{problem.column}</code>
                </td>
                <td>{problem.message}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
