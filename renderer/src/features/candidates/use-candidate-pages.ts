import type { CandidateRow } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { usePages, type Pages } from '../../lib/use-pages';

export type CandidatePages = Pages<CandidateRow, { total: number; rows: CandidateRow[] }>;

/**
 * The candidate list (`candidates:list`) for a search, a stage and a unit ('' the own, ALL_UNITS every unit a
 * committee oversees), fetched a page at a time as the user scrolls.
 */
export function useCandidatePages(query: string, stage: string, unit = ''): CandidatePages {
  return usePages(JSON.stringify([query, stage, unit]), (offset, limit) =>
    call('candidates:list', { query: query || undefined, stage: stage || undefined, unitCode: unit || undefined, offset, limit }),
  );
}
