import type { ReactNode } from 'react';
import type { CursorPages } from '../hooks/useCursorPages';
import { useI18n } from '../i18n/I18nProvider';

interface PagerProps {
  /** The line announced as the page changes, e.g. "Menampilkan 1–20 dari 45". */
  summary: ReactNode;
  /** More lines announced with the summary (given, even as `false`, the status becomes a block of lines). */
  children?: ReactNode;
  previousDisabled: boolean;
  nextDisabled: boolean;
  onPrevious: () => void;
  onNext: () => void;
}

/** The row under a paged table: what is shown, and the previous / next buttons. */
export function Pager({ summary, children, previousDisabled, nextDisabled, onPrevious, onNext }: PagerProps) {
  const { t } = useI18n();
  return (
    <div className="pagination">
      {children !== undefined ? (
        <div role="status">
          <p>{summary}</p>
          {children}
        </div>
      ) : (
        <p role="status">{summary}</p>
      )}
      <div className="pagination__buttons">
        <button type="button" className="button button--secondary" disabled={previousDisabled} onClick={onPrevious}>
          {t('pagination.previous')}
        </button>
        <button type="button" className="button button--secondary" disabled={nextDisabled} onClick={onNext}>
          {t('pagination.next')}
        </button>
      </div>
    </div>
  );
}

interface CursorPagerProps {
  pages: CursorPages;
  /** The page loaded (`total` when the list was asked for it). */
  data: { items: readonly unknown[]; nextCursor: string | null; total?: number };
  /** A page is loading: next waits for it. */
  loading: boolean;
  /** Said instead of the range when nothing matched. */
  empty: string;
  /** The range as words; "Menampilkan {first}–{last} dari {total}" unless given. */
  range?: (range: { first: number; last: number }) => string;
  /** More lines announced with the range. */
  children?: ReactNode;
}

/** The pager of a list paged by cursor (see `useCursorPages`). */
export function CursorPager({ pages, data, loading, empty, range, children }: CursorPagerProps) {
  const { t } = useI18n();
  const { first } = pages;
  const last = first + data.items.length - 1;
  const { nextCursor } = data;
  return (
    <Pager
      summary={data.items.length === 0 ? empty : range ? range({ first, last }) : t('pagination.summary', { first, last, total: data.total ?? '?' })}
      previousDisabled={pages.page === 0}
      nextDisabled={!nextCursor || loading}
      onPrevious={pages.previous}
      onNext={() => nextCursor && pages.next(nextCursor)}
    >
      {children}
    </Pager>
  );
}
