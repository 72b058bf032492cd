import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { fieldErrorsOf } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeading } from '../../components/PageHeading';
import { useI18n } from '../../i18n/I18nProvider';
import { AuditFilters } from './AuditFilters';
import { AuditTable } from './AuditTable';
import { filterFromParams, filterToParams, type AuditFilter } from './auditFilter';
import { ChainCheck } from './ChainCheck';
import { useAuditLog } from './useAuditLog';

export function AuditPage() {
  const { t } = useI18n();
  const [searchParams, setSearchParams] = useSearchParams();
  const paramsKey = searchParams.toString();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(paramsKey)), [paramsKey]);
  const log = useAuditLog(filter);

  /** Applying the filter already shown reloads it, e.g. to see new entries. */
  function apply(next: AuditFilter) {
    const params = new URLSearchParams(filterToParams(next));
    if (params.toString() === paramsKey) log.reload();
    else setSearchParams(params);
  }

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <ChainCheck />
      <AuditFilters filter={filter} onApply={apply} errors={fieldErrorsOf(log.error)} />

      <section aria-labelledby="audit-results">
        <h2 id="audit-results">{t('audit.results')}</h2>
        <p role="status" className="status-line">
          {log.loading ? t('common.loading') : t(log.hasMore ? 'audit.count' : 'audit.countAll', { count: log.entries.length })}
        </p>
        <ErrorAlert error={log.error} />
        <AuditTable entries={log.entries} busy={log.loading} />
        {log.hasMore && (
          <button type="button" className="button button--secondary load-more" onClick={log.loadMore}>
            {t('audit.loadMore')}
          </button>
        )}
      </section>
    </>
  );
}
