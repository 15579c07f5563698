import type { FindingCode } from '../domain/rules/findings';
import type { EDUCATION_LEVELS, OCCUPATIONS } from './dossier';
import type { severitySchema } from './checks';
import type { z } from 'zod';

/**
 * Vietnamese words for codes that both the screens and the printed outputs (reports, form drafts) show. One
 * definition, imported by the renderer and by core, so a profile and the report that counts it use the same words.
 */

export const EDUCATION_LABELS: Readonly<Record<(typeof EDUCATION_LEVELS)[number], string>> = {
  'tieu-hoc': 'Tiểu học',
  thcs: 'Trung học cơ sở',
  thpt: 'Trung học phổ thông',
  'trung-cap': 'Trung cấp',
  'cao-dang': 'Cao đẳng',
  'dai-hoc': 'Đại học',
  'sau-dai-hoc': 'Sau đại học',
};

/** The categories of the admissions breakdown (docs/reports.md), worded as the report counts them. */
export const OCCUPATION_LABELS: Readonly<Record<(typeof OCCUPATIONS)[number], string>> = {
  'cong-nhan': 'Công nhân, người lao động',
  'nong-dan': 'Nông dân',
  'can-bo-cong-chuc': 'Cán bộ, công chức',
  'vien-chuc': 'Viên chức',
  'hoc-sinh-sinh-vien': 'Học sinh, sinh viên',
  'chu-doanh-nghiep': 'Chủ doanh nghiệp tư nhân',
  'luc-luong-vu-trang': 'Lực lượng vũ trang',
  'huu-tri': 'Hưu trí',
  khac: 'Khác',
};

/** An `info` finding asks for something to be done, so it is a reminder (nhắc việc), on screen and on paper. */
export const SEVERITY_LABELS: Readonly<Record<z.infer<typeof severitySchema>, string>> = {
  error: 'Lỗi',
  warning: 'Cảnh báo',
  info: 'Nhắc việc',
};

/**
 * Every finding code (docs/rules.md and the `*_DUE` reminders) as a reader understands it: documents and screens print
 * these words, never the code.
 */
export const FINDING_LABELS: Readonly<Record<FindingCode, string>> = {
  AGE_BELOW_MIN: 'Chưa đủ 18 tuổi',
  AGE_ABOVE_MAX: 'Quá 60 tuổi',
  AGE_BORDERLINE: 'Xét trong tháng sinh nhật 18 hoặc 60 tuổi',
  EDUCATION_INSUFFICIENT: 'Chưa đủ trình độ học vấn',
  CERTIFICATE_MISSING: 'Thiếu giấy chứng nhận lớp nhận thức về Đảng',
  CERTIFICATE_EXPIRED: 'Giấy chứng nhận lớp nhận thức về Đảng hết hạn',
  CERTIFICATE_EXPIRING: 'Giấy chứng nhận lớp nhận thức về Đảng sắp hết hạn',
  INTRODUCERS_INSUFFICIENT: 'Người giới thiệu chưa đúng quy định',
  INTRODUCER_NOT_FULL_MEMBER: 'Người giới thiệu chưa là đảng viên chính thức',
  INTRODUCER_TOO_SHORT: 'Người giới thiệu công tác cùng chưa đủ 12 tháng',
  UNION_RESOLUTION_MISSING: 'Thiếu nghị quyết giới thiệu của đoàn thể',
  DOCUMENT_MISSING: 'Thiếu tài liệu hồ sơ',
  DOCUMENT_STALE: 'Tài liệu quá 12 tháng',
  BACKGROUND_CHECK_MISSING: 'Chưa có kết luận thẩm tra lý lịch',
  VOTE_BELOW_THRESHOLD: 'Biểu quyết chưa đạt 2/3',
  DECISION_OVERDUE: 'Quá hạn ra quyết định',
  CEREMONY_OVERDUE: 'Quá hạn tổ chức lễ kết nạp',
  MEMBER_RECORDS_OVERDUE: 'Quá hạn lập hồ sơ đảng viên',
  RECOGNITION_VOTE_TOO_EARLY: 'Xét công nhận trước khi hết dự bị',
  RECOGNITION_VOTE_OVERDUE: 'Quá hạn xét công nhận chính thức',
  NEW_MEMBER_COURSE_MISSING: 'Xét công nhận khi chưa học lớp đảng viên mới',
  NO_MENTOR: 'Chưa phân công đảng viên giúp đỡ',
  NO_PROBATION_MENTOR: 'Chưa phân công giúp đỡ đảng viên dự bị',
  EVENT_ORDER_INVALID: 'Thứ tự các bước không hợp lệ',
  DECISION_DUE: 'Sắp đến hạn ra quyết định',
  CEREMONY_DUE: 'Sắp đến hạn tổ chức lễ kết nạp',
  MEMBER_RECORDS_DUE: 'Sắp đến hạn lập hồ sơ đảng viên',
  RECOGNITION_VOTE_DUE: 'Sắp đến hạn xét công nhận chính thức',
  NEW_MEMBER_COURSE_DUE: 'Chưa học lớp bồi dưỡng đảng viên mới',
};

/** A finding code's Vietnamese words; the code itself only when a newer rulebook added one this build does not know. */
export function findingLabel(code: string): string {
  return Object.hasOwn(FINDING_LABELS, code) ? FINDING_LABELS[code as FindingCode] : code;
}
