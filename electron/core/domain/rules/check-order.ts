import type { EventType } from '../../model/dossier';
import { toDay, toViDate, type DayNumber } from '../calendar/days';
import { atLeast, type Ctx } from './context';

export const EVENT_LABELS: Readonly<Record<EventType, string>> = {
  SOURCE_PROPOSED: 'giới thiệu nguồn',
  LISTED: 'đưa vào danh sách cảm tình Đảng',
  COURSE_CERTIFIED: 'cấp giấy chứng nhận lớp nhận thức về Đảng',
  DOSSIER_STARTED: 'cho làm hồ sơ',
  CHI_BO_VOTED: 'chi bộ xét kết nạp (6-KNĐ)',
  DUCS_VOTED: 'đảng ủy cơ sở xét kết nạp (8-KNĐ)',
  ADMISSION_DECIDED: 'quyết định kết nạp (9-KNĐ)',
  CEREMONY_HELD: 'lễ kết nạp',
  NEW_MEMBER_COURSE_DONE: 'học lớp đảng viên mới',
  RECOGNITION_VOTED: 'chi bộ xét công nhận (13-KNĐ)',
  DUCS_RECOGNITION_VOTED: 'đảng ủy cơ sở xét công nhận (15-KNĐ)',
  RECOGNITION_DECIDED: 'quyết định công nhận (16-KNĐ)',
  WITHDRAWN: 'dừng theo dõi',
  STRUCK_OFF: 'xóa tên',
  TRANSFERRED_OUT: 'chuyển đi',
  DECISION_EXTENDED: 'gia hạn thời hạn ra quyết định kết nạp',
};

/** Pairs [earlier, later]: when both happened, the later may not be dated before the earlier. */
const ORDER: readonly (readonly [EventType, EventType])[] = [
  ['SOURCE_PROPOSED', 'LISTED'],
  ['LISTED', 'DOSSIER_STARTED'],
  ['LISTED', 'CHI_BO_VOTED'],
  ['DOSSIER_STARTED', 'CHI_BO_VOTED'],
  ['CHI_BO_VOTED', 'DUCS_VOTED'],
  ['CHI_BO_VOTED', 'ADMISSION_DECIDED'],
  ['CHI_BO_VOTED', 'DECISION_EXTENDED'],
  ['DUCS_VOTED', 'ADMISSION_DECIDED'],
  ['ADMISSION_DECIDED', 'CEREMONY_HELD'],
  ['CEREMONY_HELD', 'NEW_MEMBER_COURSE_DONE'],
  ['CEREMONY_HELD', 'RECOGNITION_VOTED'],
  ['RECOGNITION_VOTED', 'DUCS_RECOGNITION_VOTED'],
  ['RECOGNITION_VOTED', 'RECOGNITION_DECIDED'],
  ['DUCS_RECOGNITION_VOTED', 'RECOGNITION_DECIDED'],
];

/**
 * Pairs [event, prerequisite]: the event cannot exist without the prerequisite. The ĐUCS vote is not required
 * before a decision because a chi bộ cơ sở has no đảng ủy cơ sở above it.
 */
const REQUIRES: readonly (readonly [EventType, EventType])[] = [
  ['DUCS_VOTED', 'CHI_BO_VOTED'],
  ['ADMISSION_DECIDED', 'CHI_BO_VOTED'],
  ['DECISION_EXTENDED', 'CHI_BO_VOTED'],
  ['CEREMONY_HELD', 'ADMISSION_DECIDED'],
  ['NEW_MEMBER_COURSE_DONE', 'CEREMONY_HELD'],
  ['RECOGNITION_VOTED', 'CEREMONY_HELD'],
  ['DUCS_RECOGNITION_VOTED', 'RECOGNITION_VOTED'],
  ['RECOGNITION_DECIDED', 'RECOGNITION_VOTED'],
  ['STRUCK_OFF', 'CEREMONY_HELD'],
];

function orderProblem(c: Ctx, rulebookVersion: string, text: string): void {
  const applied = { rule: { id: 'event-order' as const }, rulebookVersion };
  c.add('EVENT_ORDER_INVALID', 'error', applied, `${text} Kiểm tra và sửa ngày hoặc bổ sung sự kiện còn thiếu.`);
}

/** Acts that happen once in a person's journey: a second one in force is a record typed twice or a wrong date. */
const ONCE: readonly EventType[] = ['ADMISSION_DECIDED', 'CEREMONY_HELD', 'RECOGNITION_DECIDED'];

/**
 * Semantic order of events (EVENT_ORDER_INVALID); zod already checked each event on its own. Each step is judged
 * on its first date up to `asOf`, the day reports count it on, so a later repeat (a second vote) does not make an
 * earlier step look out of order; a decision or ceremony recorded twice is itself reported.
 */
export function checkEventOrder(c: Ctx, rulebookVersion: string): void {
  const { latest, birth, asOf } = c.facts;
  const first: Partial<Record<EventType, DayNumber>> = {};
  const times: Partial<Record<EventType, DayNumber[]>> = {};
  for (const e of c.facts.dossier.events) {
    const day = toDay(e.date);
    if (day <= asOf) {
      first[e.type] = Math.min(first[e.type] ?? day, day);
      (times[e.type] ??= []).push(day);
    }
  }
  for (const [earlier, later] of ORDER) {
    const a = first[earlier];
    const b = first[later];
    if (a !== undefined && b !== undefined && b < a) {
      orderProblem(c, rulebookVersion, `Ngày ${EVENT_LABELS[later]} (${toViDate(b)}) trước ngày ${EVENT_LABELS[earlier]} (${toViDate(a)}).`);
    }
  }
  for (const type of ONCE) {
    const days = times[type] ?? [];
    if (days.length > 1) {
      const dates = [...days].sort((x, y) => x - y).map(toViDate).join(', ');
      orderProblem(c, rulebookVersion, `Có ${days.length} lần ${EVENT_LABELS[type]} (${dates}); mỗi người chỉ có một. Hủy bản ghi thừa hoặc sai.`);
    }
  }
  for (const [event, prerequisite] of REQUIRES) {
    if (latest[event] && !latest[prerequisite]) {
      orderProblem(c, rulebookVersion, `Có ${EVENT_LABELS[event]} (${toViDate(latest[event].day)}) nhưng chưa có ${EVENT_LABELS[prerequisite]}.`);
    }
  }
  for (const decision of [latest.ADMISSION_DECIDED, latest.RECOGNITION_DECIDED]) {
    if (decision?.event.received && toDay(decision.event.received) < decision.day) {
      orderProblem(c, rulebookVersion, `Ngày nhận ${EVENT_LABELS[decision.event.type]} (${toViDate(toDay(decision.event.received))}) trước ngày ký (${toViDate(decision.day)}).`);
    }
  }
  if (c.facts.firstDay < birth) {
    orderProblem(c, rulebookVersion, `Có sự kiện ngày ${toViDate(c.facts.firstDay)}, trước ngày sinh của ứng viên (${toViDate(birth)}).`);
  }
}

/** Whether a mentor of `role` is assigned on `asOf` (a start or end after it is a `nextInput` of the facts). */
function activeMentor(c: Ctx, role: 'pre-admission' | 'probation'): boolean {
  const asOf = c.facts.asOf;
  return c.facts.dossier.mentors.some(
    (m) => m.role === role && toDay(m.from) <= asOf && (!m.to || toDay(m.to) >= asOf),
  );
}

/**
 * Since when the candidate has had no mentor of `role`: the day after the last assignment ended when there was one
 * after `start`, else `start`. A day that stays the same as days pass, so the message does not change daily.
 */
function withoutMentorSince(c: Ctx, role: 'pre-admission' | 'probation', start: DayNumber | null): { day: DayNumber; ended: boolean } | null {
  let ended: DayNumber | null = null;
  for (const m of c.facts.dossier.mentors) {
    if (m.role === role && m.to && toDay(m.to) < c.facts.asOf && (ended === null || toDay(m.to) + 1 > ended)) {
      ended = toDay(m.to) + 1;
    }
  }
  if (ended !== null && (start === null || ended > start)) {
    return { day: ended, ended: true };
  }
  return start === null ? null : { day: start, ended: false };
}

/**
 * Rule `mentor`: from LISTED until the ceremony an active pre-admission mentor, during probation an active
 * probation mentor, both judged on `asOf`. It is an error: a missing helper is a present failure the cell fixes
 * by assigning one, not a risk.
 */
export function checkMentors(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('mentor', facts.asOf);
  if (facts.stage === 'du-bi') {
    if (!activeMentor(c, 'probation')) {
      const ceremony = facts.latest.CEREMONY_HELD;
      const since = ceremony ? ` (kết nạp ngày ${toViDate(ceremony.day)})` : '';
      const gap = withoutMentorSince(c, 'probation', ceremony?.day ?? null);
      const from = gap?.ended ? ` từ ngày ${toViDate(gap.day)} (người giúp đỡ trước đã hết phân công)` : '';
      c.add('NO_PROBATION_MENTOR', 'error', applied, `Đảng viên dự bị${since} không có đảng viên chính thức được phân công giúp đỡ${from}. Chi bộ phân công và ghi nhận người giúp đỡ.`);
    }
    return;
  }
  if (!atLeast(facts, 'cam-tinh') || atLeast(facts, 'du-bi') || activeMentor(c, 'pre-admission')) {
    return;
  }
  const listed = facts.latest.LISTED;
  const gap = withoutMentorSince(c, 'pre-admission', listed?.day ?? null);
  const since = gap === null ? '' : gap.ended ? ` từ ngày ${toViDate(gap.day)}, khi người giúp đỡ trước hết phân công` : ` từ khi vào danh sách cảm tình Đảng ngày ${toViDate(gap.day)}`;
  const course = atLeast(facts, 'da-hoc-lop') ? ' Ứng viên đã học lớp nhận thức về Đảng mà không có người giúp đỡ.' : '';
  c.add('NO_MENTOR', 'error', applied, `Quần chúng không có đảng viên chính thức được phân công giúp đỡ${since}.${course} Chi bộ ra nghị quyết phân công người giúp đỡ.`);
}
