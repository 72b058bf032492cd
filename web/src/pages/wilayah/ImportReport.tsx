import { useI18n } from '../../i18n/I18nProvider';
import type { FeatureReport, ImportSummary } from './wilayahApi';

/** What a successful upload changed. */
export function ImportSummaryView({ summary }: { summary: ImportSummary }) {
  const { t } = useI18n();
  return (
    <div className="alert alert--ok">
      <p>
        {t('wilayah.upload.done', {
          received: summary.received,
          created: summary.created.length,
          replaced: summary.replaced.length,
          unchanged: summary.unchanged.length,
        })}
      </p>
    </div>
  );
}

/** The features of a rejected upload, each with every rule it broke. */
export function FeatureReportTable({ reports }: { reports: FeatureReport[] }) {
  const { t } = useI18n();
  return (
    <div className="table-scroll" role="region" aria-labelledby="wilayah-report-caption" tabIndex={0}>
      <table className="data-table">
        <caption id="wilayah-report-caption">{t('wilayah.report.caption', { count: reports.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wilayah.report.index')}</th>
            <th scope="col">{t('wilayah.kode')}</th>
            <th scope="col">{t('wilayah.report.problems')}</th>
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => (
            <tr key={report.index}>
              <th scope="row">{report.index}</th>
              <td>{report.kode ? <code>{report.kode}</code> : '—'}</td>
              <td>
                <ul>
                  {report.problems.map((problem, i) => (
                    <li key={i}>
                      {problem.message} <span className="muted">({problem.field || 'feature'})</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
