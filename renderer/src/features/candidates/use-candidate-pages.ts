import type { CandidateRow } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { usePages, type Pages } from '../../lib/use-pages';

export type CandidatePages = Pages<CandidateRow, { total: number; rows: CandidateRow[] }>;

/** The candidate list (`candidates:list`) for a search and a stage, fetched a page at a time as the user scrolls. */
export function useCandidatePages(query: string, stage: string): CandidatePages {
  return usePages(JSON.stringify([query, stage]), (offset, limit) =>
    call('candidates:list', { query: query || undefined, stage: stage || undefined, offset, limit }),
  );
}
