import { ACTIVE_STAGES, FLOW_LABELS, STAGE_LABELS, findingLabel } from '../../../../electron/core/domain/reports/labels';
import { AGE_GROUPS, FLOW_KEYS, type Report } from '../../../../electron/core/model/report';
import { AGE_LABELS, EDUCATION_LABELS, OCCUPATION_LABELS } from '../../../../electron/core/domain/reports/labels';
import { unitRows } from '../../../../electron/core/domain/reports/unit-tables';
import { scopeOf } from '../../../../electron/core/domain/reports/report-tables';
import { targetPeriodRange } from '../../../../electron/core/model/targets';
import { peopleHref, todoHref, type PeopleSpec } from '../../lib/drill-down';

/** Where one number of the report page leads: its table (data-table), the row's label or unit, its column. */
export type CountCell = { table: string; label: string; row: number; total: boolean; column: number };
export type CountLinks = (cell: CountCell) => string | undefined;

/** The breakdown rows by their printed label, each the trait of dashboard:people's `period-admissions`. */
export function breakdownTraits(): Map<string, string> {
  return new Map<string, string>([
    ['Tổng số được kết nạp', ''],
    ['Nữ', 'women'],
    ['Đoàn viên', 'doan-vien'],
    ['Người dân tộc thiểu số', 'ethnic-minority'],
    ['Người có đạo', 'religious'],
    ['Làm việc trong doanh nghiệp ngoài khu vực nhà nước', 'non-state-enterprise'],
    ['Chủ doanh nghiệp tư nhân', 'business-owner'],
    ...AGE_GROUPS.map((g): [string, string] => [`Tuổi: ${AGE_LABELS[g]}`, `age:${g}`]),
    ...Object.entries(EDUCATION_LABELS).map(([k, v]): [string, string] => [`Trình độ: ${v}`, `education:${k}`]),
    ...Object.entries(OCCUPATION_LABELS).map(([k, v]): [string, string] => [`Nghề nghiệp: ${v}`, `occupation:${k}`]),
  ]);
}

/** The columns of the appendix "Kết nạp trong kỳ theo đơn vị" after STT and Đơn vị, as traits. */
const UNIT_ADMISSION_TRAITS = ['', 'women', 'doan-vien', 'ethnic-minority', 'religious', 'age:18-30', 'age:31-45', 'age:46-60', 'age:tren-60', 'non-state-enterprise', 'business-owner'];

/**
 * Every count of people on the report page opens the people it counts, as the dashboard's list counts them on the
 * report's last day (dashboard:people, the same predicates as the report): the summary's stages, flows and
 * admissions, the breakdown of admissions, the lead-time cases, and the appendix's per-unit stages, flows and
 * admissions. Over all units, or the one unit reported; an appendix row is its unit (a chi bộ under a TCCSĐ too), its
 * total row every unit. A TCCSĐ's row over its whole subtree is not linked: the list of one unit holds its own people
 * only, and each of its chi bộ below (its own line included) is linked.
 */
export function countLinks(report: Report, all: boolean, today: string): CountLinks {
  const year = report.period.year;
  const from = report.period.start;
  const scopeUnit = all ? undefined : report.units[0]?.code;
  const people = (unit: string | undefined, spec: Omit<PeopleSpec, 'unit' | 'asOf'>) => peopleHref(year, { ...spec, unit, asOf: report.countedTo });
  // Việc cần làm is today's: a report counted to today opens its errors of each kind there.
  const findings = report.countedTo === today ? ((all ? report.total : report.units[0])?.quality.findings ?? []) : [];
  const summary = new Map<string, string>([
    ...findings.map((f): [string, string] => [findingLabel(f.code), todoHref({ unit: scopeUnit, severity: 'error', code: f.code })]),
    ['Kết nạp từ đầu năm', people(scopeUnit, { count: 'admissions' })],
    ...ACTIVE_STAGES.map((s): [string, string] => [`Cuối kỳ: ${STAGE_LABELS[s]}`, people(scopeUnit, { count: 'stage', stage: s })]),
    ...FLOW_KEYS.map((f): [string, string] => [`Trong kỳ: ${FLOW_LABELS[f]}`, people(scopeUnit, { count: 'flow', flow: f, from })]),
  ]);
  const traits = breakdownTraits();
  const leads = new Map<string, PeopleSpec['lead']>([
    ['Từ vào danh sách cảm tình Đảng đến quyết định kết nạp', 'listing-admission'],
    ['Từ lễ kết nạp đến công nhận đảng viên chính thức', 'ceremony-recognition'],
  ]);
  // The appendix's rows in page order, as unitTables lays them out: each group, then its chi bộ.
  const rows = unitRows(report).flatMap((g) => [g.units.length > 0 ? null : g.code, ...g.units.map((u) => u.code)]);
  return ({ table, label, row, total, column }) => {
    const unit = total ? undefined : (rows[row] ?? undefined);
    // Appendix columns start after STT and Đơn vị.
    const k = column - 2;
    switch (table) {
      case 'summary':
      case 'quality':
        return summary.get(label);
      case 'breakdown': {
        const trait = traits.get(label);
        return column === 1 && trait !== undefined ? people(scopeUnit, { count: 'period-admissions', from, trait }) : undefined;
      }
      case 'lead-time': {
        const lead = leads.get(label);
        return column === 1 && lead ? people(scopeUnit, { count: 'lead-time', from, lead }) : undefined;
      }
      case 'targets': {
        // Đã kết nạp: the year's admissions signed from the target period's start to its end (or the counting day).
        const target = scopeOf(report)?.targets[row];
        return column === 6 && target ? people(scopeUnit, { count: 'admissions', from: target.start, to: target.end }) : undefined;
      }
      case 'stock': {
        const stage = ACTIVE_STAGES[k];
        return stage && (total || unit) ? people(unit, { count: 'stage', stage }) : undefined;
      }
      case 'flows': {
        const flow = FLOW_KEYS[k];
        return flow && (total || unit) ? people(unit, { count: 'flow', flow, from }) : undefined;
      }
      case 'unit-admissions': {
        const trait = UNIT_ADMISSION_TRAITS[k];
        return trait !== undefined && (total || unit) ? people(unit, { count: 'period-admissions', from, trait }) : undefined;
      }
      case 'trend': {
        // A quarter's admissions as the trend counts them: the year's admission signed in that quarter.
        const quarter = k >= 0 && k < 4 ? targetPeriodRange(year, `Q${k + 1}` as 'Q1') : null;
        return quarter && (total || unit) ? people(unit, { count: 'admissions', from: quarter.start, to: quarter.end }) : undefined;
      }
      case 'unit-targets':
        // Đảng viên đầu năm, Chỉ tiêu, Kết nạp từ đầu năm, Tỷ lệ: only the admissions are people the app keeps.
        return k === 2 && (total || unit) ? people(unit, { count: 'admissions' }) : undefined;
      default:
        return undefined;
    }
  };
}
