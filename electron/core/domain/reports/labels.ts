import type { AgeGroup, FlowKey, ReportStage } from '../../model/report';
import type { TargetSource } from '../../model/targets';
import { EDUCATION_LABELS as PROFILE_EDUCATION, OCCUPATION_LABELS as PROFILE_OCCUPATION, SEVERITY_LABELS as SEVERITY } from '../../model/labels';
import { STAGE_LABELS as RULE_STAGE_LABELS } from '../rules/stage';

/**
 * Stage names of the rules engine (RULES.md §2) as report tables print them: the long names of three stages are
 * shortened so a ten-column table still fits an A4 page.
 */
export const STAGE_LABELS: Record<ReportStage, string> = {
  ...RULE_STAGE_LABELS,
  'da-hoc-lop': 'Đã học lớp nhận thức',
  'lam-ho-so': 'Đang làm hồ sơ',
  'chi-bo-de-nghi': 'Chi bộ đề nghị',
};

/** Stages still moving through the pipeline: the stock a cell reports. */
export const ACTIVE_STAGES = ['nguon', 'cam-tinh', 'da-hoc-lop', 'lam-ho-so', 'chi-bo-de-nghi', 'cap-uy-xet', 'co-quyet-dinh', 'du-bi'] as const;

export const FLOW_LABELS: Record<FlowKey, string> = {
  proposed: 'Giới thiệu nguồn',
  listed: 'Vào danh sách cảm tình Đảng',
  certified: 'Được cấp giấy chứng nhận lớp nhận thức',
  chiBoVoted: 'Chi bộ xét, đề nghị kết nạp',
  admitted: 'Kết nạp (theo ngày ký quyết định)',
  ceremonies: 'Tổ chức lễ kết nạp',
  recognized: 'Công nhận đảng viên chính thức',
  struckOff: 'Xóa tên đảng viên dự bị',
  withdrawn: 'Dừng xem xét',
  transferredOut: 'Chuyển đi',
};

export const AGE_LABELS: Record<AgeGroup, string> = {
  'duoi-18': 'Dưới 18 tuổi',
  '18-30': 'Từ 18 đến 30 tuổi',
  '31-45': 'Từ 31 đến 45 tuổi',
  '46-60': 'Từ 46 đến 60 tuổi',
  'tren-60': 'Trên 60 tuổi',
};

/** A breakdown also counts the profiles that do not say, under "Chưa rõ". */
const UNKNOWN = { 'khong-ro': 'Chưa rõ' };

export const EDUCATION_LABELS: Readonly<Record<string, string>> = { ...PROFILE_EDUCATION, ...UNKNOWN };

export const OCCUPATION_LABELS: Readonly<Record<string, string>> = { ...PROFILE_OCCUPATION, ...UNKNOWN };

export const SOURCE_LABELS: Record<TargetSource, string> = { unit: 'Đơn vị tự đặt', superior: 'Cấp trên giao' };

/** Keyed by any string: a report may carry a severity a newer rulebook added. */
export const SEVERITY_LABELS: Readonly<Record<string, string>> = SEVERITY;

/** Finding codes of RULES.md §3 as a reader understands them. */
export const FINDING_LABELS: Record<string, string> = {
  AGE_BELOW_MIN: 'Chưa đủ 18 tuổi',
  AGE_ABOVE_MAX: 'Quá 60 tuổi',
  AGE_BORDERLINE: 'Tuổi sát ngưỡng',
  EDUCATION_INSUFFICIENT: 'Chưa đủ trình độ học vấn',
  CERTIFICATE_MISSING: 'Thiếu giấy chứng nhận lớp nhận thức',
  CERTIFICATE_EXPIRED: 'Giấy chứng nhận hết hạn',
  CERTIFICATE_EXPIRING: 'Giấy chứng nhận sắp hết hạn',
  INTRODUCERS_INSUFFICIENT: 'Thiếu người giới thiệu',
  INTRODUCER_NOT_FULL_MEMBER: 'Người giới thiệu chưa là đảng viên chính thức',
  INTRODUCER_TOO_SHORT: 'Người giới thiệu công tác cùng chưa đủ 12 tháng',
  UNION_RESOLUTION_MISSING: 'Thiếu nghị quyết giới thiệu của đoàn thể',
  DOCUMENT_MISSING: 'Thiếu tài liệu hồ sơ',
  DOCUMENT_STALE: 'Tài liệu quá 12 tháng',
  BACKGROUND_CHECK_MISSING: 'Chưa có kết luận thẩm tra lý lịch',
  VOTE_BELOW_THRESHOLD: 'Biểu quyết chưa đạt 2/3',
  DECISION_OVERDUE: 'Quá hạn ra quyết định kết nạp',
  CEREMONY_OVERDUE: 'Quá hạn tổ chức lễ kết nạp',
  MEMBER_RECORDS_OVERDUE: 'Quá hạn lập hồ sơ đảng viên',
  RECOGNITION_VOTE_TOO_EARLY: 'Xét công nhận trước khi hết dự bị',
  RECOGNITION_VOTE_OVERDUE: 'Quá hạn xét công nhận chính thức',
  NEW_MEMBER_COURSE_MISSING: 'Chưa học lớp đảng viên mới',
  NO_MENTOR: 'Chưa phân công đảng viên giúp đỡ',
  NO_PROBATION_MENTOR: 'Chưa phân công giúp đỡ đảng viên dự bị',
  EVENT_ORDER_INVALID: 'Thứ tự các bước không hợp lệ',
};

/** A finding code's Vietnamese text, the code itself when the rulebook added one this build does not know. */
export function findingLabel(code: string): string {
  return FINDING_LABELS[code] ?? code;
}
