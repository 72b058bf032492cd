import { useI18n } from '../../i18n/I18nProvider';

interface PaginationProps {
  offset: number;
  limit: number;
  total: number;
  onOffsetChange: (offset: number) => void;
}

export function Pagination({ offset, limit, total, onOffsetChange }: PaginationProps) {
  const { t } = useI18n();
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <div className="pagination">
      <p role="status">{t('pagination.summary', { first, last, total })}</p>
      <div className="pagination__buttons">
        <button
          type="button"
          className="button button--secondary"
          disabled={offset === 0}
          onClick={() => onOffsetChange(Math.max(0, offset - limit))}
        >
          {t('pagination.previous')}
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={offset + limit >= total}
          onClick={() => onOffsetChange(offset + limit)}
        >
          {t('pagination.next')}
        </button>
      </div>
    </div>
  );
}
