import type { CandidateProfile } from '../../model/dossier';
import { toDay, ymdOf } from '../calendar/days';
import { searchKey } from '../names';
import { EDUCATION_LEVELS, OCCUPATIONS } from '../../model/dossier';
import type { AdmissionBreakdown, AgeGroup } from '../../model/report';
import { AGE_GROUPS, UNKNOWN } from '../../model/report';

/** A count of zero for every key. */
export const zeros = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** An all-zero breakdown. */
export function emptyBreakdown(): AdmissionBreakdown {
  return {
    total: 0,
    women: 0,
    doanVien: 0,
    ethnicMinority: 0,
    religious: 0,
    nonStateEnterprise: 0,
    businessOwner: 0,
    ageGroups: zeros(AGE_GROUPS),
    education: zeros([...EDUCATION_LEVELS, UNKNOWN]),
    occupation: zeros([...OCCUPATIONS, UNKNOWN]),
  };
}

/**
 * Age in whole years on `day`, from calendar months as the rules engine's age rule counts them (docs/rules.md `age`):
 * the day of the month does not count, so one born on 20/12/1995 is 31 throughout December 2026.
 */
export function ageOn(birthDate: string, day: string): number {
  const b = ymdOf(toDay(birthDate));
  const d = ymdOf(toDay(day));
  return Math.floor((d.y * 12 + d.m - (b.y * 12 + b.m)) / 12);
}

/** Age band of reference.md §7.2 for an age in whole years. */
export function ageGroup(age: number): AgeGroup {
  if (age < 18) {
    return 'duoi-18';
  }
  if (age <= 30) {
    return '18-30';
  }
  if (age <= 45) {
    return '31-45';
  }
  return age <= 60 ? '46-60' : 'tren-60';
}

/** Forms often carry "Không" in the religion box; that is no religion, not a religion named "Không". */
const NO_RELIGION = new Set(['', 'khong', 'khong co', 'khong ton giao', 'none']);

export function isReligious(religion: string | null | undefined): boolean {
  return religion ? !NO_RELIGION.has(searchKey(religion)) : false;
}

/** Ethnic minority = any recorded ethnicity other than Kinh; an empty box is unknown, not a minority. */
export function isEthnicMinority(ethnicity: string | null | undefined): boolean {
  const folded = ethnicity ? searchKey(ethnicity) : '';
  return folded !== '' && folded !== 'kinh' && folded !== 'dan toc kinh';
}

/**
 * The rows of the breakdown one admission (decided on `decidedOn`) is counted in, by the key the people list behind
 * a row asks for; the same predicates as addAdmission, so a row's number and its list agree.
 */
/** Every trait `admissionTraits` can name: the rows of a report's breakdown of admissions, each a list of people. */
export const ADMISSION_TRAITS: readonly string[] = [
  'women',
  'doan-vien',
  'ethnic-minority',
  'religious',
  'non-state-enterprise',
  'business-owner',
  ...AGE_GROUPS.map((g) => `age:${g}`),
  ...[...EDUCATION_LEVELS, UNKNOWN].map((e) => `education:${e}`),
  ...[...OCCUPATIONS, UNKNOWN].map((o) => `occupation:${o}`),
];

export function admissionTraits(p: CandidateProfile, decidedOn: string): string[] {
  const traits = [`age:${ageGroup(ageOn(p.birthDate, decidedOn))}`, `education:${p.education ?? UNKNOWN}`, `occupation:${p.occupation ?? UNKNOWN}`];
  const flags: [boolean, string][] = [
    [p.gender === 'nu', 'women'],
    [p.youthUnionMember === true, 'doan-vien'],
    [isEthnicMinority(p.ethnicity), 'ethnic-minority'],
    [isReligious(p.religion), 'religious'],
    [p.nonStateEnterprise === true, 'non-state-enterprise'],
    [p.occupation === 'chu-doanh-nghiep', 'business-owner'],
  ];
  return [...traits, ...flags.filter(([on]) => on).map(([, key]) => key)];
}

/** Adds one admission (decided on `decidedOn`) to a breakdown, in place. */
export function addAdmission(b: AdmissionBreakdown, p: CandidateProfile, decidedOn: string): void {
  b.total += 1;
  b.women += p.gender === 'nu' ? 1 : 0;
  b.doanVien += p.youthUnionMember ? 1 : 0;
  b.ethnicMinority += isEthnicMinority(p.ethnicity) ? 1 : 0;
  b.religious += isReligious(p.religion) ? 1 : 0;
  b.nonStateEnterprise += p.nonStateEnterprise ? 1 : 0;
  b.businessOwner += p.occupation === 'chu-doanh-nghiep' ? 1 : 0;
  b.ageGroups[ageGroup(ageOn(p.birthDate, decidedOn))] += 1;
  b.education[p.education ?? UNKNOWN] += 1;
  b.occupation[p.occupation ?? UNKNOWN] += 1;
}

/** Adds breakdown `from` into `into`, in place (superior totals). */
export function mergeBreakdown(into: AdmissionBreakdown, from: AdmissionBreakdown): void {
  for (const key of ['total', 'women', 'doanVien', 'ethnicMinority', 'religious', 'nonStateEnterprise', 'businessOwner'] as const) {
    into[key] += from[key];
  }
  addCounts(into.ageGroups, from.ageGroups);
  addCounts(into.education, from.education);
  addCounts(into.occupation, from.occupation);
}

/** Adds every count of `from` into `into`, in place. */
export function addCounts<K extends string>(into: Record<K, number>, from: Record<K, number>): void {
  for (const key of Object.keys(from) as K[]) {
    into[key] += from[key];
  }
}
