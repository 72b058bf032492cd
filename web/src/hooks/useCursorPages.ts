import { useState } from 'react';

/** Where a cursor-paged list stands: the cursor to load, and the moves between pages. */
export interface CursorPages {
  /** The cursor of the page shown; the first page has none. */
  cursor: string | undefined;
  /** 0 on the first page. */
  page: number;
  /** Position (from 1) of the page's first row. */
  first: number;
  previous: () => void;
  next: (cursor: string) => void;
}

/**
 * Pages through a list by cursor, remembering the cursor of each page visited so the previous
 * button goes back. Give the list a `key` of its filters so a new filter starts on the first page.
 */
export function useCursorPages(pageSize: number): CursorPages {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = cursors.length - 1;
  return {
    cursor: cursors[page],
    page,
    first: page * pageSize + 1,
    previous: () => setCursors(cursors.slice(0, -1)),
    next: (cursor) => setCursors([...cursors, cursor]),
  };
}
