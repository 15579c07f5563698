import type { Report, UnitGroup, UnitReport } from '../../model/report';
import { FLOW_KEYS } from '../../model/report';
import { ACTIVE_STAGES, FLOW_LABELS, STAGE_LABELS } from './labels';
import type { Cell, Column, ReportTable } from './table-model';
import { dec, num, pct, text } from './table-model';

type RowOf = (u: UnitReport) => Cell[];

/** The rows of the per-unit tables: a superior's TCCSĐ with their drill-down, or every unit alone (older reports). */
export function unitRows(report: Report): UnitGroup[] {
  return report.groups.length > 0 ? report.groups : report.units.map((u) => ({ ...u, units: [] }));
}

/** Whether the per-unit tables have rows under rows: a superior over đảng ủy cơ sở and their chi bộ. */
export function hasDrillDown(report: Report): boolean {
  return report.groups.some((g) => g.units.length > 0);
}

/** Said under the appendix's heading when rows have rows under them. */
export const DRILL_DOWN_NOTE =
  'Mỗi tổ chức cơ sở đảng một dòng, số liệu gồm cả các chi bộ trực thuộc; các chi bộ trực thuộc ghi thụt vào ngay dưới, cộng lại bằng dòng của tổ chức cơ sở đảng. Dòng Tổng cộng bằng tổng các dòng tổ chức cơ sở đảng.';

/** A committee's own people in its drill-down, told apart from the committee's row over its whole subtree. */
export const OWN_LINE = '(trực tiếp theo dõi)';

/** `total`: the total row's cells from the top-level rows, where it is not the total unit's own figures. */
function perUnit(report: Report, id: string, sheet: string, title: string, columns: Column[], row: RowOf, total?: (groups: UnitGroup[]) => Cell[]): ReportTable {
  const rows: Cell[][] = [];
  const rowLevels: number[] = [];
  unitRows(report).forEach((g, i) => {
    rows.push([i + 1, g.name, ...row(g), g.code, null]);
    rowLevels.push(0);
    g.units.forEach((u, j) => {
      rows.push([`${i + 1}.${j + 1}`, u.code === g.code ? `${u.name} ${OWN_LINE}` : u.name, ...row(u), u.code, g.code]);
      rowLevels.push(1);
    });
  });
  const totalRow = report.total ? [null, 'Tổng cộng', ...(total ? total(unitRows(report)) : row(report.total)), null, null] : null;
  // The codes are for tools reading the sheet: a row without "Thuộc" is a row of its own, and those rows sum to the total.
  const codes = [{ ...text('Mã đơn vị', 12), sheetOnly: true }, { ...text('Thuộc', 12), sheetOnly: true }];
  return {
    id,
    sheet,
    title,
    placement: 'appendix',
    columns: [num('STT', 7), text('Đơn vị', 34), ...columns, ...codes],
    rows,
    ...(rowLevels.includes(1) ? { rowLevels } : {}),
    totalRow,
  };
}

/** A unit's year target as its row shows it: the one its superior assigned, else its own plan. */
function yearTarget(u: UnitReport) {
  return u.targets.find((t) => t.period === 'year' && t.source === 'superior') ?? u.targets.find((t) => t.period === 'year');
}

/** Tables with one row per unit and the total underneath (appendix of the document, sheets of the workbook). */
export function unitTables(report: Report): ReportTable[] {
  return [
    perUnit(report, 'stock', 'Tồn cuối kỳ', 'Số lượng theo giai đoạn tại cuối kỳ', [...ACTIVE_STAGES.map((s) => num(STAGE_LABELS[s], 13)), num('Cộng', 10)], (u) => [
      ...ACTIVE_STAGES.map((s) => u.stock[s]),
      ACTIVE_STAGES.reduce((a, s) => a + u.stock[s], 0),
    ]),
    perUnit(report, 'flows', 'Phát sinh trong kỳ', 'Phát sinh trong kỳ', FLOW_KEYS.map((f) => num(FLOW_LABELS[f], 13)), (u) => FLOW_KEYS.map((f) => u.flows[f])),
    perUnit(report, 'unit-admissions', 'Kết nạp theo đơn vị', 'Kết nạp trong kỳ theo đơn vị', admissionColumns(), (u) => {
      const a = u.admissions;
      const g = a.ageGroups;
      return [a.total, a.women, a.doanVien, a.ethnicMinority, a.religious, g['18-30'], g['31-45'], g['46-60'], g['tren-60'], a.nonStateEnterprise, a.businessOwner];
    }),
    perUnit(
      report,
      'unit-targets',
      'Chỉ tiêu theo đơn vị',
      'Chỉ tiêu năm và kết quả theo đơn vị (tỷ lệ đạt ở dòng Tổng cộng tính trên các đơn vị có chỉ tiêu)',
      [num('Đảng viên đầu năm'), num('Chỉ tiêu năm (người)'), num('Kết nạp từ đầu năm'), pct('Tỷ lệ đạt (%)')],
      (u) => {
        const year = yearTarget(u);
        return [u.fullMembersAtYearStart, year?.targetCount ?? null, u.quality.admissionsThisYear, year?.percentAchieved ?? null];
      },
      // Each column adds up over the rows; the rate over the units that have a target only, as the targets table
      // counts it. The committee's own target (which may differ from what it handed out) is in the body's section III.
      (groups) => {
        const withTarget = groups.flatMap((g) => {
          const year = yearTarget(g);
          return year ? [year] : [];
        });
        const target = withTarget.reduce((a, t) => a + t.targetCount, 0);
        const achieved = withTarget.reduce((a, t) => a + t.achieved, 0);
        return [
          groups.reduce((a, g) => a + g.fullMembersAtYearStart, 0),
          withTarget.length > 0 ? target : null,
          groups.reduce((a, g) => a + g.quality.admissionsThisYear, 0),
          target > 0 ? Math.round((achieved / target) * 1000) / 10 : null,
        ];
      },
    ),
    perUnit(report, 'unit-quality', 'Chất lượng theo đơn vị', 'Lỗi, quá hạn và thời gian xử lý theo đơn vị', [num('Số lỗi, quá hạn'), dec('Trung vị ngày cảm tình → kết nạp', 16), dec('Trung vị ngày lễ kết nạp → chính thức', 16)], (u) => [
      u.quality.findings.reduce((a, f) => a + f.count, 0),
      u.quality.medianDaysListingToAdmission,
      u.quality.medianDaysCeremonyToRecognition,
    ]),
    perUnit(report, 'trend', 'Xu hướng theo quý', `Kết nạp theo quý năm ${report.period.year}`, ['Quý I', 'Quý II', 'Quý III', 'Quý IV'].map((q) => num(q, 10)), (u) =>
      [0, 1, 2, 3].map((i) => u.trend[i]?.admissions ?? null),
    ),
  ];
}

function admissionColumns(): Column[] {
  return ['Tổng số', 'Nữ', 'Đoàn viên', 'Dân tộc thiểu số', 'Tôn giáo', '18–30 tuổi', '31–45 tuổi', '46–60 tuổi', 'Trên 60 tuổi', 'DN ngoài nhà nước', 'Chủ DN tư nhân'].map((h) => num(h, 11));
}
