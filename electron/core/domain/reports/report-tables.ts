import type { Report, UnitReport } from '../../model/report';
import { AGE_GROUPS, FLOW_KEYS } from '../../model/report';
import { AGE_LABELS, EDUCATION_LABELS, FLOW_LABELS, OCCUPATION_LABELS, SEVERITY_LABELS, SOURCE_LABELS, STAGE_LABELS, findingLabel, ACTIVE_STAGES } from './labels';
import type { Cell, ReportTable } from './table-model';
import { day, dec, num, pct, share, text } from './table-model';
import { unitTables } from './unit-tables';

/** The unit whose numbers the document text reports: the total of a superior, or the single unit. */
export function scopeOf(report: Report): UnitReport | null {
  return report.total ?? report.units[0] ?? null;
}

/** Every table of a report, in reading order. Body tables first, then one row per unit (appendix). */
export function reportTables(report: Report): ReportTable[] {
  const scope = scopeOf(report);
  const body = scope ? [summaryTable(scope), breakdownTable(scope), targetTable(scope), findingsTable(scope)] : [];
  const extra = [noAdmissionTable(report), duplicatesTable(report)].filter((t): t is ReportTable => t !== null);
  return [...body, ...extra, ...unitTables(report)];
}

function summaryTable(u: UnitReport): ReportTable {
  const rows: Cell[][] = [
    ['Đảng viên chính thức đầu năm', u.fullMembersAtYearStart],
    ['Đảng viên hiện nay', u.fullMembersNow],
    ...ACTIVE_STAGES.map((s): Cell[] => [`Cuối kỳ: ${STAGE_LABELS[s]}`, u.stock[s]]),
    ...FLOW_KEYS.map((f): Cell[] => [`Trong kỳ: ${FLOW_LABELS[f]}`, u.flows[f]]),
    ['Kết nạp từ đầu năm', u.quality.admissionsThisYear],
    ['Tỷ lệ kết nạp từ đầu năm so với đảng viên đầu năm (%)', share(u.quality.admissionsThisYear, u.fullMembersAtYearStart)],
  ];
  return { id: 'summary', sheet: 'Tổng hợp', title: 'Tình hình chung', placement: 'body', columns: [text('Nội dung', 60), dec('Số liệu', 14)], rows, totalRow: null };
}

function breakdownTable(u: UnitReport): ReportTable {
  const a = u.admissions;
  const line = (label: string, count: number): Cell[] => [label, count, share(count, a.total)];
  const rows: Cell[][] = [
    line('Tổng số được kết nạp', a.total),
    line('Nữ', a.women),
    line('Đoàn viên', a.doanVien),
    line('Người dân tộc thiểu số', a.ethnicMinority),
    line('Người có đạo', a.religious),
    line('Làm việc trong doanh nghiệp ngoài khu vực nhà nước', a.nonStateEnterprise),
    line('Chủ doanh nghiệp tư nhân', a.businessOwner),
    ...AGE_GROUPS.map((g) => line(`Tuổi: ${AGE_LABELS[g]}`, a.ageGroups[g])),
    ...Object.entries(a.education).map(([k, v]) => line(`Trình độ: ${EDUCATION_LABELS[k] ?? k}`, v)),
    ...Object.entries(a.occupation).map(([k, v]) => line(`Nghề nghiệp: ${OCCUPATION_LABELS[k] ?? k}`, v)),
  ];
  const columns = [text('Tiêu chí', 50), num('Số người'), pct('Tỷ lệ (%)')];
  return { id: 'breakdown', sheet: 'Cơ cấu kết nạp', title: 'Cơ cấu người được kết nạp trong kỳ', placement: 'body', columns, rows, totalRow: null };
}

function targetTable(u: UnitReport): ReportTable {
  const rows = u.targets.map((t): Cell[] => [
    t.label,
    { date: t.start },
    { date: t.end },
    SOURCE_LABELS[t.source],
    t.kind === 'count' ? `${t.value} người` : `${t.value}% đảng viên đầu năm`,
    t.targetCount,
    t.achieved,
    t.percentAchieved,
  ]);
  const columns = [text('Kỳ chỉ tiêu', 14), day('Từ ngày'), day('Đến ngày'), text('Nguồn chỉ tiêu', 14), text('Chỉ tiêu giao', 18), num('Chỉ tiêu (người)'), num('Đã kết nạp'), pct('Tỷ lệ đạt (%)')];
  return { id: 'targets', sheet: 'Chỉ tiêu', title: 'Thực hiện chỉ tiêu kết nạp', placement: 'body', columns, rows, totalRow: null, emptyText: 'Chưa có chỉ tiêu kết nạp cho kỳ này.' };
}

function findingsTable(u: UnitReport): ReportTable {
  const q = u.quality;
  const rows: Cell[][] = [
    ...q.findings.map((f): Cell[] => [findingLabel(f.code), f.code, SEVERITY_LABELS[f.severity] ?? f.severity, f.count]),
    ['Trung vị số ngày từ vào danh sách cảm tình đến kết nạp', null, `${q.listingToAdmissionCases} trường hợp`, q.medianDaysListingToAdmission],
    ['Trung vị số ngày từ lễ kết nạp đến công nhận chính thức', null, `${q.ceremonyToRecognitionCases} trường hợp`, q.medianDaysCeremonyToRecognition],
  ];
  // Codes are long single words (INTRODUCER_NOT_FULL_MEMBER) that must not break, so their column is the wide one.
  const columns = [text('Nội dung', 34), text('Mã', 42), text('Mức độ', 12), dec('Số lượng', 12)];
  return { id: 'quality', sheet: 'Chất lượng', title: 'Chất lượng công tác: lỗi, quá hạn và thời gian xử lý', placement: 'body', columns, rows, totalRow: null };
}

function noAdmissionTable(report: Report): ReportTable | null {
  if (report.total === null) {
    return null;
  }
  const rows = report.unitsWithoutAdmission.map((u, i): Cell[] => [i + 1, u.code, u.name]);
  const columns = [num('STT', 7), text('Mã đơn vị', 14), text('Tên đơn vị', 50)];
  return { id: 'no-admission', sheet: 'Chưa kết nạp', title: 'Đơn vị chưa kết nạp đảng viên từ đầu năm', placement: 'body', columns, rows, totalRow: null, emptyText: 'Tất cả các đơn vị đã kết nạp đảng viên từ đầu năm.' };
}

function duplicatesTable(report: Report): ReportTable | null {
  if (report.duplicates.length === 0) {
    return null;
  }
  const rows = report.duplicates.flatMap((d) =>
    d.occurrences.map((o): Cell[] => [o.fullName, { date: d.birthDate }, `${o.unitCode} – ${o.unitName}`, STAGE_LABELS[o.stage as keyof typeof STAGE_LABELS] ?? o.stage]),
  );
  // The record ids are in the JSON for tools; on paper the unit and the stage are what lets a reader find the file.
  const columns = [text('Họ và tên', 28), day('Ngày sinh'), text('Đơn vị', 40), text('Giai đoạn', 26)];
  return { id: 'duplicates', sheet: 'Trùng lặp', title: 'Người xuất hiện ở nhiều đơn vị', placement: 'body', columns, rows, totalRow: null };
}
