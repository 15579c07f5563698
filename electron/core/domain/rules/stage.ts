import type { CandidateEvent, EventType } from '../../model/dossier';

/** Pipeline stages of docs/rules.md, in order; the last three are terminal. */
export const STAGES = [
  'nguon',
  'cam-tinh',
  'da-hoc-lop',
  'lam-ho-so',
  'chi-bo-de-nghi',
  'cap-uy-xet',
  'co-quyet-dinh',
  'du-bi',
  'chinh-thuc',
  'dung',
  'xoa-ten',
  'chuyen-di',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  nguon: 'Nguồn (quần chúng ưu tú)',
  'cam-tinh': 'Cảm tình Đảng',
  'da-hoc-lop': 'Đã học lớp bồi dưỡng nhận thức về Đảng',
  'lam-ho-so': 'Đang hoàn thiện hồ sơ',
  'chi-bo-de-nghi': 'Chi bộ đề nghị kết nạp',
  'cap-uy-xet': 'Cấp ủy cơ sở xét',
  'co-quyet-dinh': 'Có quyết định kết nạp',
  'du-bi': 'Đảng viên dự bị',
  'chinh-thuc': 'Đảng viên chính thức',
  dung: 'Dừng',
  'xoa-ten': 'Xóa tên',
  'chuyen-di': 'Chuyển đi',
};

/**
 * The stage each event enters (docs/rules.md), null for the events that enter none: those recorded during probation
 * (the course, the recognition votes) and an extension of the decision deadline. They never move the stage, so one
 * recorded out of order (a course done before any ceremony) leaves the candidate where their other events put them.
 */
export const STAGE_OF_EVENT: Readonly<Record<EventType, Stage | null>> = {
  SOURCE_PROPOSED: 'nguon',
  LISTED: 'cam-tinh',
  COURSE_CERTIFIED: 'da-hoc-lop',
  DOSSIER_STARTED: 'lam-ho-so',
  CHI_BO_VOTED: 'chi-bo-de-nghi',
  DUCS_VOTED: 'cap-uy-xet',
  ADMISSION_DECIDED: 'co-quyet-dinh',
  CEREMONY_HELD: 'du-bi',
  NEW_MEMBER_COURSE_DONE: null,
  RECOGNITION_VOTED: null,
  DUCS_RECOGNITION_VOTED: null,
  RECOGNITION_DECIDED: 'chinh-thuc',
  WITHDRAWN: 'dung',
  STRUCK_OFF: 'xoa-ten',
  TRANSFERRED_OUT: 'chuyen-di',
  DECISION_EXTENDED: null,
};

const RANK: Readonly<Record<Stage, number>> = Object.fromEntries(STAGES.map((s, i) => [s, i])) as Record<
  Stage,
  number
>;

const CHINH_THUC = RANK['chinh-thuc'];

/** Position of a stage in the pipeline (terminal stages rank after `chinh-thuc`). */
export function stageRank(stage: Stage): number {
  return RANK[stage];
}

/** True for `dung`, `xoa-ten` and `chuyen-di`. */
export function isTerminalStage(stage: Stage): boolean {
  return RANK[stage] > RANK['chinh-thuc'];
}

/**
 * The stage derived from dated events (docs/rules.md): the furthest stage reached, so a late-typed earlier event
 * does not move a candidate back. The latest terminal event wins unless the pipeline continued after it (a
 * withdrawn candidate proposed again later), in which case only the events after it count. Events dated after
 * `until` (ISO), when given, are ignored.
 */
export function deriveStage(events: readonly Pick<CandidateEvent, 'type' | 'date'>[], until?: string): Stage {
  let terminal: Stage | null = null;
  let terminalDate = '';
  for (const e of events) {
    const stage = STAGE_OF_EVENT[e.type];
    if (stage !== null && RANK[stage] > CHINH_THUC && (until === undefined || e.date <= until) && (terminal === null || e.date >= terminalDate)) {
      terminal = stage;
      terminalDate = e.date;
    }
  }
  let best: Stage = 'nguon';
  let progressed = false;
  for (const e of events) {
    const stage = STAGE_OF_EVENT[e.type];
    if (stage === null || RANK[stage] > CHINH_THUC || (until !== undefined && e.date > until) || (terminal !== null && e.date <= terminalDate)) {
      continue;
    }
    progressed = true;
    if (RANK[stage] > RANK[best]) {
      best = stage;
    }
  }
  return terminal !== null && !progressed ? terminal : best;
}
