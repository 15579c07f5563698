import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { errorMessage } from '../api';

/** Rows fetched per request: a screenful is ~15 rows, so one page covers several screens of fast scrolling. */
export const PAGE_SIZE = 200;

/** What a paged channel answers: the matching count, one slice of rows, and whatever else it reports. */
export type PageAnswer<T> = { total: number; rows: T[] };

type Cache<T, A> = { total: number | null; pages: Map<number, T[]>; pending: Set<number>; error: string | null; last: A | null };

export type Pages<T, A> = {
  /** Number of matching rows; null until the first page has arrived. */
  total: number | null;
  error: string | null;
  /** The latest answer, for the extra fields a channel sends beside its rows (counts, as-of date). */
  last: A | null;
  rowAt: (index: number) => T | undefined;
  /** Fetches the pages covering rows first..last that are not loaded or loading yet. */
  ensure: (first: number, last: number) => void;
};

/**
 * A long list as pages fetched on demand, so 50,000 candidates or 150,000 to-do items cost only the pages the user
 * scrolls past. A new `key` (another filter) starts a fresh cache; answers for an old key land in the old cache.
 * A new `round` of the same key fetches the list again (it grew meanwhile) and keeps the rows of the round before on
 * screen until its first page arrives, so the list does not blink.
 */
export function usePages<T, A extends PageAnswer<T>>(key: string, fetchPage: (offset: number, limit: number) => Promise<A>, round = 0): Pages<T, A> {
  const cache = useMemo<Cache<T, A>>(
    () => ({ total: null, pages: new Map(), pending: new Set(), error: null, last: null }),
    // A fresh cache per filter and per round is the point of this memo.
    // oxlint-disable-next-line react/exhaustive-deps
    [key, round],
  );
  const previous = useRef<{ key: string; cache: Cache<T, A> } | null>(null);
  const shown = cache.total === null && cache.error === null && previous.current?.key === key ? previous.current.cache : cache;
  useEffect(() => {
    if (cache.total !== null) {
      previous.current = { key, cache };
    }
  });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // The caller's closure changes every render; `key` and `round` say when it fetches something else.
  // oxlint-disable-next-line react/exhaustive-deps
  const fetchStable = useCallback(fetchPage, [key, round]);

  const load = useCallback(
    (page: number) => {
      if (cache.pages.has(page) || cache.pending.has(page)) {
        return;
      }
      cache.pending.add(page);
      fetchStable(page * PAGE_SIZE, PAGE_SIZE).then(
        (answer) => {
          cache.pending.delete(page);
          cache.pages.set(page, answer.rows);
          cache.total = answer.total;
          cache.last = answer;
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
    [cache, fetchStable],
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
  const rowAt = useCallback((index: number) => shown.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], [shown]);

  return { total: shown.total, error: shown.error, last: shown.last, rowAt, ensure };
}
