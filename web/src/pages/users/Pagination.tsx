import { Pager } from '../../components/Pager';
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
    <Pager
      summary={t('pagination.summary', { first, last, total })}
      previousDisabled={offset === 0}
      nextDisabled={offset + limit >= total}
      onPrevious={() => onOffsetChange(Math.max(0, offset - limit))}
      onNext={() => onOffsetChange(offset + limit)}
    />
  );
}
