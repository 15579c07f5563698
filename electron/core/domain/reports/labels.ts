import type { AgeGroup, FlowKey, ReportStage } from '../../model/report';
import type { TargetSource } from '../../model/targets';
import { EDUCATION_LABELS as PROFILE_EDUCATION, OCCUPATION_LABELS as PROFILE_OCCUPATION, SEVERITY_LABELS as SEVERITY } from '../../model/labels';
import { STAGE_LABELS as RULE_STAGE_LABELS } from '../rules/stage';

/**
 * Stage names of the rules engine (docs/rules.md) as report tables print them: the long names of three stages are
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

// Finding words are defined once, beside the other words screens and documents share.
export { FINDING_LABELS, findingLabel } from '../../model/labels';
