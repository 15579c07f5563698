import type {
  DocumentForm,
  EDUCATION_EXCEPTIONS,
  EventType,
  INTRODUCTION_PATHS,
  MENTOR_ROLES,
  PROPOSERS,
} from '../../../electron/core/model/dossier';
import { documentInSentence } from '../../../electron/core/model/document-names';
import type { MEMBER_STATUSES, UNIT_LEVELS } from '../../../electron/core/model/entities';
import { STAGE_LABELS, type Stage } from '../../../electron/core/domain/rules/stage';
import type { CalendarKind } from '../../../electron/core/domain/calendar/calendar';

// Words a printed report or form draft also uses are defined once in core, so screen and paper cannot drift apart.
export { EDUCATION_LABELS, OCCUPATION_LABELS, SEVERITY_LABELS } from '../../../electron/core/model/labels';
/** A finding code (docs/rules.md, or a `*_DUE` reminder) as a short Vietnamese title. */
export { findingLabel as findingCodeLabel } from '../../../electron/core/model/labels';

/** Vietnamese names for every code the user sees; the data keeps the codes. */

type Labels<T extends readonly string[]> = Readonly<Record<T[number], string>>;

export { GENDER_LABELS } from '../../../electron/core/domain/lists';

export const UNIT_LEVEL_LABELS: Labels<typeof UNIT_LEVELS> = {
  'chi-bo': 'Chi bộ',
  'dang-bo-co-so': 'Đảng bộ cơ sở',
  'cap-tren': 'Cấp trên',
};

export const MEMBER_STATUS_LABELS: Labels<typeof MEMBER_STATUSES> = {
  'chinh-thuc': 'Chính thức',
  'du-bi': 'Dự bị',
};

export const EDUCATION_EXCEPTION_LABELS: Labels<typeof EDUCATION_EXCEPTIONS> = {
  primary: 'Vùng đặc biệt khó khăn — chỉ cần tốt nghiệp tiểu học',
  literate: 'Già làng, người có uy tín — biết đọc, biết viết',
};

export const INTRODUCTION_PATH_LABELS: Labels<typeof INTRODUCTION_PATHS> = {
  doan: 'Qua Đoàn Thanh niên',
  'cong-doan': 'Qua Công đoàn',
  'hai-dang-vien': 'Hai đảng viên chính thức',
};

export const PROPOSER_LABELS: Labels<typeof PROPOSERS> = {
  doan: 'Đoàn Thanh niên',
  'cong-doan': 'Công đoàn',
  hoi: 'Hội quần chúng khác',
  'chi-bo': 'Chi bộ',
};

export const MENTOR_ROLE_LABELS: Labels<typeof MENTOR_ROLES> = {
  'pre-admission': 'Giúp đỡ người vào Đảng',
  probation: 'Giúp đỡ đảng viên dự bị',
};

export const EVENT_LABELS: Readonly<Record<EventType, string>> = {
  SOURCE_PROPOSED: 'Được giới thiệu vào nguồn',
  LISTED: 'Chi bộ đưa vào danh sách cảm tình Đảng',
  COURSE_CERTIFIED: 'Được cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng',
  DOSSIER_STARTED: 'Chi bộ cho làm hồ sơ (1-KNĐ, 2-KNĐ)',
  CHI_BO_VOTED: 'Chi bộ biểu quyết đề nghị kết nạp (6-KNĐ)',
  DUCS_VOTED: 'Đảng ủy cơ sở biểu quyết đề nghị kết nạp (8-KNĐ)',
  ADMISSION_DECIDED: 'Quyết định kết nạp (9-KNĐ)',
  CEREMONY_HELD: 'Tổ chức lễ kết nạp',
  NEW_MEMBER_COURSE_DONE: 'Hoàn thành lớp bồi dưỡng đảng viên mới',
  RECOGNITION_VOTED: 'Chi bộ biểu quyết công nhận chính thức (13-KNĐ)',
  DUCS_RECOGNITION_VOTED: 'Đảng ủy cơ sở biểu quyết công nhận chính thức (15-KNĐ)',
  RECOGNITION_DECIDED: 'Quyết định công nhận đảng viên chính thức (16-KNĐ)',
  WITHDRAWN: 'Dừng xem xét',
  STRUCK_OFF: 'Xóa tên khỏi danh sách đảng viên dự bị',
  TRANSFERRED_OUT: 'Chuyển sinh hoạt đi nơi khác',
  DECISION_EXTENDED: 'Cấp có thẩm quyền gia hạn thời hạn ra quyết định kết nạp',
};

export { DOCUMENT_LABELS, documentFormText } from '../../../electron/core/model/document-names';

export const CALENDAR_KIND_LABELS: Readonly<Record<CalendarKind, string>> = {
  holiday: 'Ngày lễ, Tết',
  compensatory: 'Nghỉ bù',
  'swapped-day-off': 'Nghỉ hoán đổi',
  'swapped-workday': 'Đi làm bù',
};

/** Rule ids of the rulebook (docs/rules.md) as the rulebook screen names them. */
export const RULE_LABELS: Readonly<Record<string, string>> = {
  age: 'Tuổi đời',
  education: 'Trình độ học vấn',
  'course-certificate': 'Giấy chứng nhận lớp nhận thức về Đảng',
  introducers: 'Người giới thiệu và đoàn thể giới thiệu',
  'introducer-eligible': 'Điều kiện của người giới thiệu',
  'document-freshness': 'Thời hạn giá trị của tài liệu',
  'dossier-documents': 'Tài liệu phải có trong hồ sơ',
  'background-check': 'Thẩm tra lý lịch',
  'vote-chi-bo': 'Biểu quyết của chi bộ (2/3)',
  'vote-ducs': 'Biểu quyết của đảng ủy cơ sở (2/3)',
  'decision-deadline': 'Thời hạn ra quyết định',
  'ceremony-deadline': 'Thời hạn tổ chức lễ kết nạp',
  probation: 'Thời gian dự bị',
  'recognition-vote': 'Xét công nhận đảng viên chính thức',
  'member-records': 'Lập hồ sơ đảng viên',
  mentor: 'Phân công đảng viên giúp đỡ',
};

/** Stage name for a stored stage code; an unknown code (a newer rulebook) is shown as is rather than hidden. */
export function stageLabel(stage: string): string {
  return Object.hasOwn(STAGE_LABELS, stage) ? STAGE_LABELS[stage as Stage] : stage;
}

/**
 * A rule's source as a secretary reads it: the app's own codes in it (an event type, a paper with no form number)
 * become their names or go when the words beside them already say it, and the evidence grades the rulebook keeps for its maintainers ([H], [M], [L]) are left out.
 */
export function sourceInWords(source: string): string {
  return source
    .replace(/\s*\[[HML]\]/g, '')
    .replace(/sự kiện ([A-Z_]{4,})/g, (whole, code: string) => (code in EVENT_LABELS ? `sự kiện «${EVENT_LABELS[code as EventType]}»` : whole))
    // A paper's code given in brackets after its name in words is dropped; a bare one becomes the name.
    .replace(/\s*\((DONG-Y-CAP-TREN|DONG-Y-TINH|TTLL)\)/g, '')
    .replace(/\b(DONG-Y-CAP-TREN|DONG-Y-TINH|TTLL)\b/g, (form: string) => documentInSentence(form as DocumentForm));
}
