import type { Report } from '../../model/report';
import type { Stage } from '../rules/stage';
import { scopeOf } from './report-tables';
import { unitsWithData } from './build-report';
import { formatCell } from './table-model';

const n = (v: number) => formatCell(v, 'number');
/** From admission to the cảm tình list until the ceremony: the quần chúng a report's text counts as on the list. */
const SYMPATHIZER_STAGES = ['cam-tinh', 'da-hoc-lop', 'lam-ho-so', 'chi-bo-de-nghi', 'cap-uy-xet', 'co-quyet-dinh'] as const satisfies readonly Stage[];
const p = (v: number) => formatCell(v, 'percent');

/** The opening paragraph of a report: the figures a reader looks for first, in a sentence. */
export function summarySentences(report: Report): string[] {
  const u = scopeOf(report);
  if (!u) {
    return [`${report.period.label}: không có đơn vị nào trong phạm vi báo cáo.`];
  }
  const who = report.scope?.name ?? u.name;
  const a = u.admissions;
  const yearTarget = u.targets.find((t) => t.period === 'year');
  const target = yearTarget && yearTarget.percentAchieved !== null ? `, đạt ${p(yearTarget.percentAchieved)}% chỉ tiêu năm (${n(yearTarget.targetCount)} đảng viên)` : '';
  const lines = [
    `Trong ${periodInSentence(report.period.label)}, ${who} đã kết nạp ${n(a.total)} đảng viên mới (nữ: ${n(a.women)}, đoàn viên: ${n(a.doanVien)}, người dân tộc thiểu số: ${n(a.ethnicMinority)}); từ đầu năm đến ngày ${formatCell({ date: report.countedTo }, 'date')} kết nạp ${n(u.quality.admissionsThisYear)} đảng viên${target}.`,
    // Until the ceremony a person is still a quần chúng on the cảm tình list, votes and decision notwithstanding.
    `Đến cuối kỳ có ${n(SYMPATHIZER_STAGES.reduce((sum, s) => sum + u.stock[s], 0))} quần chúng trong danh sách cảm tình Đảng (${n(u.stock['cam-tinh'])} chưa học lớp bồi dưỡng nhận thức về Đảng, ${n(u.stock['da-hoc-lop'])} đã học lớp, ${n(u.stock['lam-ho-so'])} đang hoàn thiện hồ sơ, ${n(u.stock['chi-bo-de-nghi'] + u.stock['cap-uy-xet'])} chi bộ đã đề nghị, chờ cấp ủy cấp trên xét, ${n(u.stock['co-quyet-dinh'])} đã có quyết định, chờ lễ kết nạp) và ${n(u.stock['du-bi'])} đảng viên dự bị; trong kỳ công nhận ${n(u.flows.recognized)} đảng viên chính thức.`,
  ];
  if (report.total) {
    lines.push(`Số đơn vị chưa kết nạp được đảng viên từ đầu năm: ${n(report.unitsWithoutAdmission.length)}/${n(unitsWithData(report))} đơn vị đã gửi báo cáo.`);
    if (report.unitsNotReported.length > 0) {
      lines.push(`Số đơn vị chưa gửi báo cáo kỳ này (không có số liệu): ${n(report.unitsNotReported.length)}.`);
    }
    if (report.unitsUnconfirmed.length > 0) {
      lines.push(`Số đơn vị chưa xác nhận đăng ký, không tính vào tổng số: ${n(report.unitsUnconfirmed.length)}.`);
    }
  }
  return lines;
}

/** Subject line under the title: "Kết quả công tác phát triển đảng viên quý IV năm 2026". */
export function reportSubject(report: Report): string {
  return `Kết quả công tác phát triển đảng viên ${periodInSentence(report.period.label)}`;
}

/** A period label inside a sentence: "quý III năm 2026", the numeral kept upper case (not "quý iii"). */
export function periodInSentence(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
