import { useCallback, useEffect, useMemo, useReducer } from 'react';
import type { CandidateRow } from '../../../../electron/core/model/entities';
import { call, errorMessage } from '../../api';

/** Rows fetched per request: a screenful is ~15 rows, so one page covers several screens of fast scrolling. */
export const PAGE_SIZE = 200;

type Cache = { total: number | null; pages: Map<number, CandidateRow[]>; pending: Set<number>; error: string | null };

export type CandidatePages = {
  /** Number of matching candidates; null until the first page has arrived. */
  total: number | null;
  error: string | null;
  rowAt: (index: number) => CandidateRow | undefined;
  /** Fetches the pages covering rows first..last that are not loaded or loading yet. */
  ensure: (first: number, last: number) => void;
};

/**
 * The candidate list as pages fetched on demand from `candidates:list`, so 50,000 candidates cost only the pages
 * the user scrolls past. A new query or stage starts a fresh cache; answers for an old one land in the old cache.
 */
export function useCandidatePages(query: string, stage: string): CandidatePages {
  const cache = useMemo<Cache>(
    () => ({ total: null, pages: new Map(), pending: new Set(), error: null }),
    // A fresh cache per filter is the point of this memo.
    // oxlint-disable-next-line react/exhaustive-deps
    [query, stage],
  );
  const [, rerender] = useReducer((n: number) => n + 1, 0);

  const load = useCallback(
    (page: number) => {
      if (cache.pages.has(page) || cache.pending.has(page)) {
        return;
      }
      cache.pending.add(page);
      const input = { query: query || undefined, stage: stage || undefined, offset: page * PAGE_SIZE, limit: PAGE_SIZE };
      call('candidates:list', input).then(
        (result) => {
          cache.pending.delete(page);
          cache.pages.set(page, result.rows);
          cache.total = result.total;
          cache.error = null;
          rerender();
        },
        (err: unknown) => {
          cache.pending.delete(page);
          cache.error = errorMessage(err);
          rerender();
        },
      );
    },
    [cache, query, stage],
  );

  useEffect(() => load(0), [load]);

  const ensure = useCallback(
    (first: number, last: number) => {
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(last / PAGE_SIZE); page++) {
        load(page);
      }
    },
    [load],
  );
  const rowAt = useCallback((index: number) => cache.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [cache]);

  return { total: cache.total, error: cache.error, rowAt, ensure };
}
