import { toIso, toViDate, type DayNumber } from '../calendar/days';
import type { Ctx } from './context';
import { actDay, probationEnd } from './check-deadlines';

/**
 * Rule `recognition-vote`: the 13-KNĐ vote falls on or after the probation end and within 30 working days of it.
 * A late vote is an error carrying the broken due date, though recognition still takes effect on the probation end.
 */
export function checkRecognitionVote(c: Ctx, ceremonyDay: DayNumber, open: boolean): void {
  const end = probationEnd(c.index, ceremonyDay);
  const vote = c.facts.latest.RECOGNITION_VOTED;
  const applied = c.rule('recognition-vote', actDay(c, vote, end));
  const { workingDays } = applied.rule.parameters;
  const due = c.workingDaysAfter(end, workingDays);
  const refs = ['13-KNĐ'];
  if (vote) {
    if (vote.day < end) {
      c.add('RECOGNITION_VOTE_TOO_EARLY', 'error', applied, `Chi bộ xét công nhận ngày ${toViDate(vote.day)}, trước ngày hết 12 tháng dự bị ${toViDate(end)}. Nghị quyết phải ghi ngày từ ${toViDate(end)} trở đi; chi bộ họp xét lại.`, { refs });
    } else if (vote.day > due) {
      c.add('RECOGNITION_VOTE_OVERDUE', 'error', applied, `Chi bộ xét công nhận ngày ${toViDate(vote.day)}, quá hạn ${toViDate(due)} (${workingDays} ngày làm việc sau ngày hết dự bị). Việc công nhận vẫn tính từ ngày hết dự bị ${toViDate(end)}; chi bộ kiểm điểm việc xét chậm.`, { due, refs });
    }
    return;
  }
  if (!open) {
    return;
  }
  const overdue = c.after(due);
  c.deadlines.push({ kind: 'recognition-vote', rule: 'recognition-vote', due: toIso(due), from: toIso(end), overdue, label: 'Chi bộ xét công nhận đảng viên chính thức' });
  if (overdue) {
    c.add('RECOGNITION_VOTE_OVERDUE', 'error', applied, `Quá hạn xét công nhận đảng viên chính thức: hết dự bị ngày ${toViDate(end)}, hạn chi bộ xét là ${toViDate(due)}. Chi bộ họp xét ngay; việc công nhận vẫn tính từ ngày ${toViDate(end)}.`, { due, refs });
  } else {
    c.add('RECOGNITION_VOTE_DUE', 'info', applied, `Hết 12 tháng dự bị ngày ${toViDate(end)}; chi bộ xét công nhận đảng viên chính thức từ ngày ${toViDate(end)} đến chậm nhất ngày ${toViDate(due)}.`, { due, refs });
  }
}

/**
 * The new-member course must be done during probation and before the 13-KNĐ vote: a vote without it is an error;
 * until the vote its absence is a reminder (info) due by the last day the vote may be held, while that day is ahead.
 */
export function checkNewMemberCourse(c: Ctx, ceremonyDay: DayNumber, open: boolean): void {
  const end = probationEnd(c.index, ceremonyDay);
  const vote = c.facts.latest.RECOGNITION_VOTED;
  const course = c.facts.latest.NEW_MEMBER_COURSE_DONE;
  const applied = c.rule('recognition-vote', actDay(c, vote, end));
  const refs = ['CN-ĐVM'];
  if (vote) {
    if (!course || course.day > vote.day) {
      c.add('NEW_MEMBER_COURSE_MISSING', 'error', applied, `Chi bộ xét công nhận ngày ${toViDate(vote.day)} khi đảng viên chưa có giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới. Bổ sung giấy chứng nhận; hồ sơ có thể bị cấp trên trả lại.`, { refs });
    }
    return;
  }
  if (course || !open) {
    return;
  }
  const due = c.workingDaysAfter(end, applied.rule.parameters.workingDays);
  // A reminder is for a deadline still ahead; once it has passed, RECOGNITION_VOTE_OVERDUE says what is late.
  if (c.after(due)) {
    return;
  }
  c.add('NEW_MEMBER_COURSE_DUE', 'info', applied, `Đảng viên dự bị chưa học lớp bồi dưỡng lý luận chính trị cho đảng viên mới; phải học xong trước khi chi bộ xét công nhận (hết dự bị ngày ${toViDate(end)}, xét chậm nhất ngày ${toViDate(due)}). Đề nghị cử đi học.`, { due, refs });
}
