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
  const body = scope ? [summaryTable(scope), breakdownTable(scope), targetTable(scope), findingsTable(scope), leadTimeTable(scope)] : [];
  const extra = [noAdmissionTable(report), ...missingDataTables(report), duplicatesTable(report)].filter((t): t is ReportTable => t !== null);
  return [...body, ...extra, ...unitTables(report)];
}

function summaryTable(u: UnitReport): ReportTable {
  const rows: Cell[][] = [
    ['Đảng viên chính thức đầu năm', u.fullMembersAtYearStart],
    ['Cuối kỳ: Đảng viên chính thức', u.fullMembersNow],
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
  const rows = u.quality.findings.map((f): Cell[] => [findingLabel(f.code), SEVERITY_LABELS[f.severity] ?? f.severity, f.count, f.code]);
  const columns = [text('Lỗi, việc quá hạn', 56), text('Mức độ', 12), num('Số trường hợp', 14), { ...text('Mã', 30), sheetOnly: true }];
  return { id: 'quality', sheet: 'Chất lượng', title: 'Chất lượng công tác: lỗi và việc quá hạn', placement: 'body', columns, rows, totalRow: null, emptyText: 'Không có lỗi hay việc quá hạn nào.' };
}

function leadTimeTable(u: UnitReport): ReportTable {
  const q = u.quality;
  const rows: Cell[][] = [
    ['Từ vào danh sách cảm tình Đảng đến quyết định kết nạp', q.listingToAdmissionCases, q.medianDaysListingToAdmission],
    ['Từ lễ kết nạp đến công nhận đảng viên chính thức', q.ceremonyToRecognitionCases, q.medianDaysCeremonyToRecognition],
  ];
  const columns = [text('Khoảng thời gian', 56), num('Số trường hợp', 14), dec('Trung vị (ngày)', 14)];
  return { id: 'lead-time', sheet: 'Thời gian xử lý', title: 'Thời gian xử lý hồ sơ', placement: 'body', columns, rows, totalRow: null };
}

function unitListTable(id: string, sheet: string, title: string, list: readonly { code: string; name: string }[], emptyText: string): ReportTable {
  const rows = list.map((u, i): Cell[] => [i + 1, u.code, u.name]);
  return { id, sheet, title, placement: 'body', columns: [num('STT', 7), text('Mã đơn vị', 14), text('Tên đơn vị', 50)], rows, totalRow: null, emptyText };
}

function noAdmissionTable(report: Report): ReportTable | null {
  if (report.total === null) {
    return null;
  }
  return unitListTable('no-admission', 'Chưa kết nạp', 'Đơn vị chưa kết nạp đảng viên từ đầu năm (đã gửi báo cáo)', report.unitsWithoutAdmission, 'Tất cả các đơn vị đã gửi báo cáo đều đã kết nạp đảng viên từ đầu năm.');
}

/** No report is not zero admissions: units that sent nothing for the period and unconfirmed ones are listed apart. */
function missingDataTables(report: Report): ReportTable[] {
  const tables: ReportTable[] = [];
  if (report.unitsNotReported.length > 0) {
    tables.push(unitListTable('not-reported', 'Chưa gửi báo cáo', 'Đơn vị chưa gửi báo cáo kỳ này (không có số liệu, không tính là chưa kết nạp)', report.unitsNotReported, ''));
  }
  if (report.unitsUnconfirmed.length > 0) {
    tables.push(unitListTable('unconfirmed', 'Chưa xác nhận', 'Đơn vị chưa xác nhận đăng ký (không tính vào tổng số)', report.unitsUnconfirmed, ''));
  }
  return tables;
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
