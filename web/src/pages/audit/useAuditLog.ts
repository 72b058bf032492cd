import { useCallback, useEffect, useRef, useState } from 'react';
import { listAudit } from '../../api/audit';
import type { AuditPage } from '../../api/types';
import { toAuditQuery, type AuditFilter } from './auditFilter';

const PAGE_SIZE = 50;

/** Audit entries matching `filter`, newest first, loaded page by page with the seq cursor. */
export function useAuditLog(filter: AuditFilter) {
  const [pages, setPages] = useState<AuditPage[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef<AbortController | null>(null);

  const load = useCallback(
    (beforeSeq?: number) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setLoading(true);
      setError(null);
      listAudit(toAuditQuery(filter, PAGE_SIZE, beforeSeq), controller.signal).then(
        (page) => {
          if (controller.signal.aborted) return;
          setPages((previous) => (beforeSeq === undefined ? [page] : [...previous, page]));
          setLoading(false);
        },
        (failure: unknown) => {
          if (controller.signal.aborted) return;
          setError(failure);
          setLoading(false);
        },
      );
    },
    [filter],
  );

  useEffect(() => {
    setPages([]);
    load();
    return () => inFlight.current?.abort();
  }, [load]);

  const nextBeforeSeq = pages.at(-1)?.nextBeforeSeq ?? null;
  const loadMore = useCallback(() => {
    if (nextBeforeSeq !== null) load(nextBeforeSeq);
  }, [load, nextBeforeSeq]);

  const reload = useCallback(() => load(), [load]);

  return { entries: pages.flatMap((page) => page.items), loading, error, hasMore: nextBeforeSeq !== null, loadMore, reload };
}
