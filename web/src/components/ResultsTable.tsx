import type { ReactNode } from 'react';

interface ResultsTableProps<T> {
  /** The caption names the table and its scroll region (it is read out, not shown). */
  captionId: string;
  caption: string;
  /** The header cells. */
  columns: ReactNode;
  /** How many columns there are: the empty row spans them. */
  columnCount: number;
  items: readonly T[];
  /** The one row shown when there are no items. */
  empty: string;
  /** A newer page is loading. */
  busy: boolean;
  /** One table row for each item. */
  children: (item: T) => ReactNode;
}

/** A list's table, scrolling sideways on narrow screens. */
export function ResultsTable<T>({ captionId, caption, columns, columnCount, items, empty, busy, children }: ResultsTableProps<T>) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" aria-busy={busy}>
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>{columns}</tr>
        </thead>
        <tbody>
          {items.length === 0 && (
            <tr>
              <td colSpan={columnCount}>{empty}</td>
            </tr>
          )}
          {items.map(children)}
        </tbody>
      </table>
    </div>
  );
}
