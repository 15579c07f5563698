import type { TargetProgress } from '../../model/report';
import type { Target, TargetPeriod } from '../../model/targets';
import { MAX_COUNT, MAX_PERCENT, TARGET_PERIODS, targetPeriodLabel, targetPeriodRange } from '../../model/targets';

/** Small float noise (7 × 40 / 100 = 2.8000000000000003) must not push a whole target up by one person. */
const EPSILON = 1e-9;

/**
 * People a target asks for. A percent target is taken of the full members at the start of the year and rounded
 * up: 7 % of 40 members is 2.8, and only a third admission reaches it.
 */
export function targetCount(t: Pick<Target, 'kind' | 'value'>, fullMembersAtYearStart: number): number {
  return t.kind === 'count' ? t.value : Math.ceil((t.value * fullMembersAtYearStart) / 100 - EPSILON);
}

/**
 * A target as typed on a screen (the Chỉ tiêu form, a cell of the committee's table): the number, or why it is not
 * one, said for what was typed. Empty is null (no target); 0 is refused, since no target is an empty box.
 */
export function readTypedTarget(typed: string, kind: Target['kind']): { value: number | null; error: string | null } {
  const percent = kind === 'percent-of-full-members';
  let text = typed.trim().replace(/\s/g, '');
  if (text === '') {
    return { value: null, error: null };
  }
  if (text.endsWith('%')) {
    if (!percent) {
      return { value: null, error: 'Số người không có dấu %; muốn giao theo tỷ lệ, chọn «% đảng viên chính thức đầu năm».' };
    }
    text = text.slice(0, -1);
  }
  if (text.startsWith('-')) {
    return { value: null, error: 'Chỉ tiêu không thể là số âm.' };
  }
  // A thousands dot (1.000 người) is read as such; a comma is the decimal sign.
  const number = percent ? text : text.replace(/\.(?=\d{3}(\D|$))/g, '');
  if (!/^\d+([.,]\d+)?$/.test(number)) {
    return { value: null, error: percent ? 'Nhập tỷ lệ bằng số, ví dụ 5 hoặc 7,5 (%).' : 'Nhập số người bằng chữ số, ví dụ 3.' };
  }
  const value = Number(number.replace(',', '.'));
  if (!percent && !Number.isInteger(value)) {
    return { value: null, error: 'Số người phải là số nguyên, ví dụ 3.' };
  }
  if (percent && value > MAX_PERCENT) {
    return { value: null, error: 'Tỷ lệ phải từ 0 đến 100%.' };
  }
  if (!percent && value > MAX_COUNT) {
    return { value: null, error: `Chỉ tiêu tối đa ${MAX_COUNT.toLocaleString('vi-VN')} người.` };
  }
  if (value === 0) {
    return { value: null, error: 'Chỉ tiêu phải lớn hơn 0; không giao chỉ tiêu thì để trống.' };
  }
  return { value: Math.round(value * 100) / 100, error: null };
}

/**
 * A number of people larger than the unit's full members on 1 January: rare enough (a new or student chi bộ) to be
 * taken for a typo (99999 for 9), so the screens save it only once confirmed. Unknown or no members: never.
 */
export function exceedsFullMembers(t: Pick<Target, 'kind' | 'value'>, fullMembersAtYearStart: number | null): boolean {
  return t.kind === 'count' && fullMembersAtYearStart !== null && fullMembersAtYearStart > 0 && t.value > fullMembersAtYearStart;
}

type Ranked = Pick<Target, 'unitCode' | 'year' | 'period' | 'source'> & { createdAt?: string; id?: string };

/** Whether `t` was received after `other`: ids are time-ordered (uuid v7), so two recorded in the same second keep their order. */
const receivedAfter = (t: Ranked, other: Ranked) => (t.createdAt ?? '') > (other.createdAt ?? '') || (t.createdAt === other.createdAt && (t.id ?? '') > (other.id ?? ''));

/**
 * The targets that apply: per unit, year and period the superior's assignment when there is one, else the unit's
 * own. When two superiors gave one (the đảng ủy cơ sở's split and the Khối's straight, docs/targets.md), the one
 * received last applies. All stay stored and listed; only the applying one is measured and summed.
 */
export function effectiveTargets<T extends Ranked>(list: readonly T[]): T[] {
  const chosen = new Map<string, T>();
  for (const t of list) {
    const key = `${t.unitCode}|${t.year}|${t.period}`;
    const current = chosen.get(key);
    if (!current || (current.source === 'unit' && t.source === 'superior') || (current.source === 'superior' && t.source === 'superior' && receivedAfter(t, current))) {
      chosen.set(key, t);
    }
  }
  return [...chosen.values()];
}

/** Pipeline order of target periods: the year, then quarters, then months. */
export function targetPeriodOrder(p: TargetPeriod): number {
  return TARGET_PERIODS.indexOf(p);
}

/**
 * Progress of one target (or of a sum of units' targets, `units` > 1): the target in people and the admissions
 * (decision signing days, docs/reports.md) from the target period's start to the earlier of its end and `countedTo`.
 */
export function targetProgress(
  t: Pick<Target, 'period' | 'kind' | 'value' | 'source'>,
  year: number,
  count: number,
  admissionDates: readonly string[],
  countedTo: string,
  units: number,
): TargetProgress {
  const { start, end } = targetPeriodRange(year, t.period);
  const until = end < countedTo ? end : countedTo;
  let achieved = 0;
  for (const d of admissionDates) {
    if (d >= start && d <= until) {
      achieved += 1;
    }
  }
  const percentAchieved = count === 0 ? null : Math.round((achieved / count) * 1000) / 10;
  return { period: t.period, label: targetPeriodLabel(year, t.period), kind: t.kind, value: t.value, source: t.source, start, end, targetCount: count, achieved, percentAchieved, units };
}
