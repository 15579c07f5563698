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

/** The categories of the admissions breakdown (RULES.md §5), worded as the report counts them. */
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
