import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/fields';
import { useSubmission } from '../../hooks/useSubmission';
import { useI18n } from '../../i18n/I18nProvider';
import { FeatureReportTable, ImportSummaryView } from './ImportReport';
import { featureReportsOf, uploadBoundaries, type ImportSummary } from './wilayahApi';

/** Matches the server's limit for this upload. */
const MAX_BYTES = 20 * 1024 * 1024;

class LocalFileError extends Error {}

/**
 * Uploads a GeoJSON FeatureCollection whose features carry the kode wilayah. The server takes
 * all features or none; a rejection lists each bad feature with its problems.
 */
export function BoundaryUploadForm({ onImported }: { onImported: () => void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const { pending, error, submit } = useSubmission();
  const reports = featureReportsOf(error);
  const localError = error instanceof LocalFileError ? error.message : undefined;

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSummary(null);
    void submit(async () => {
      if (!file) throw new LocalFileError(t('wilayah.upload.noFile'));
      if (file.size > MAX_BYTES) throw new LocalFileError(t('wilayah.upload.tooLarge'));
      let parsed: unknown;
      try {
        parsed = JSON.parse(await file.text());
      } catch {
        throw new LocalFileError(t('wilayah.upload.notJson'));
      }
      setSummary(await uploadBoundaries(parsed));
      onImported();
    });
  }

  return (
    <form className="form panel" onSubmit={handleSubmit} noValidate aria-busy={pending} aria-labelledby="wilayah-upload">
      <h2 id="wilayah-upload">{t('wilayah.upload.title')}</h2>
      <p className="muted">{t('wilayah.upload.intro')}</p>
      <TextField
        label={t('wilayah.upload.file')}
        type="file"
        accept=".geojson,.json,application/geo+json,application/json"
        onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        error={localError}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button">
          {t('wilayah.upload.submit')}
        </button>
      </div>
      <div role="status">
        {pending && <p>{t('wilayah.upload.pending')}</p>}
        {summary && <ImportSummaryView summary={summary} />}
      </div>
      {!localError && <ErrorAlert error={error} />}
      {reports && <FeatureReportTable reports={reports} />}
    </form>
  );
}
