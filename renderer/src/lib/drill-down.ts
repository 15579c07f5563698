import type { Severity } from '../../../electron/core/domain/rules/findings';
import { targetPeriodRange } from '../../../electron/core/model/targets';

/**
 * Addresses of lists filtered the way a number elsewhere counts, so a count opens the people or items behind it.
 * Each list screen reads its address back (TodoFiltered, CandidatesFiltered, PeoplePage).
 */

/** Việc cần làm of one unit ('' every unit), one severity, one kind. */
export type TodoFilterSpec = { unit?: string; severity?: Severity | ''; code?: string; overdueOnly?: boolean };

export function todoHref(filter: TodoFilterSpec): string {
  const spec = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value) {
      spec.set(key, String(value));
    }
  }
  return `/todo/filter/${encodeURIComponent(spec.toString())}`;
}

/** Người vào Đảng of one unit (or ALL_UNITS) at one stage. */
export function candidatesHref(filter: { unit?: string; stage?: string }): string {
  const spec = new URLSearchParams();
  if (filter.unit) {
    spec.set('unit', filter.unit);
  }
  if (filter.stage) {
    spec.set('stage', filter.stage);
  }
  return `/candidates/filter/${encodeURIComponent(spec.toString())}`;
}

export type PeopleCount = 'admissions' | 'stage' | 'candidates' | 'flow' | 'period-admissions' | 'lead-time';
/** `asOf` counts as on another day than today (a report's last day); a flow counts from `from` (the period's start). */
export type PeopleSpec = {
  count: PeopleCount;
  unit?: string | undefined;
  stage?: string | undefined;
  flow?: string | undefined;
  from?: string | undefined;
  asOf?: string | undefined;
  /** A row of a report's breakdown of admissions (period-admissions); '' or absent, every admission. */
  trait?: string | undefined;
  lead?: 'listing-admission' | 'ceremony-recognition' | undefined;
  /** With `from`, the admissions of a window of the year (a quarter of a report's trend). */
  to?: string | undefined;
};

/** The people behind a number of the dashboard, a unit's page or a report's summary. */
export function peopleHref(year: number, spec: PeopleSpec): string {
  const params = new URLSearchParams({ count: spec.count });
  if (spec.unit) {
    params.set('unit', spec.unit);
  }
  if (spec.stage) {
    params.set('stage', spec.stage);
  }
  for (const key of ['flow', 'from', 'to', 'asOf', 'trait', 'lead'] as const) {
    const value = spec[key];
    if (value) {
      params.set(key, value);
    }
  }
  return `/dashboard/people/${year}/${encodeURIComponent(params.toString())}`;
}

/** The people a quarter of a trend counts: the year's admissions signed in that quarter (Q1…Q4). */
export function quarterPeopleHref(year: number, quarter: string, unit?: string): string {
  const { start, end } = targetPeriodRange(year, quarter as 'Q1');
  return peopleHref(year, { count: 'admissions', unit, from: start, to: end });
}
