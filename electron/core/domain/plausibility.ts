import { formatViDate } from '../model/dates';
import type { CandidateEvent, Dossier } from '../model/dossier';

/**
 * Dates that cannot be true are refused where they are typed (forms, services, CLI, dossier import) rather than
 * checked later: a member born in 2011 admitted in 2010 would otherwise count as a full member in votes, and a
 * birth date of 9999-12-31 would give negative ages in findings and reports. Each problem names its field.
 * `today` is null where the caller cannot know it (a zod schema): then only the checks that need no "today" run.
 */

export type DateProblem = { field: string; severity: 'error' | 'warning'; message: string };

/** No record of this app concerns a person born, or an act done, before 1900. */
export const EARLIEST_DATE = '1900-01-01';
/** Nobody is admitted under 18, counted by calendar month as the rulebook counts age (216 months). */
export const MIN_ADMISSION_MONTHS = 216;
/** Probation lasts 12 months: full membership normally starts 12 months after admission. */
export const PROBATION_MONTHS = 12;
/**
 * Admissions from this day on had a probation of 12 months without exception, so an earlier full membership is
 * refused. Older rosters (members admitted under earlier Charters, dates copied from old records) only get the
 * warning: a residential cell's veterans must still be entered as their papers say.
 */
export const TWELVE_MONTHS_CERTAIN = '2000-01-01';

/** Calendar months from `from` to `to`, the day of the month not counting (docs/rules.md `age`). */
export function calendarMonths(from: string, to: string): number {
  const y = (iso: string) => Number(iso.slice(0, 4));
  const m = (iso: string) => Number(iso.slice(5, 7));
  return y(to) * 12 + m(to) - (y(from) * 12 + m(from));
}

/** The same day `months` later; a day the month does not have (29 Feb) becomes that month's last day. */
export function addCalendarMonths(iso: string, months: number): string {
  const total = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(iso.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

type Dated = { field: string; label: string; date: string | null | undefined; canBeFuture?: boolean };

/** Each date on or after 1900 and, for acts already done, not after today. */
function rangeProblems(dates: readonly Dated[], today: string | null): DateProblem[] {
  const problems: DateProblem[] = [];
  for (const { field, label, date, canBeFuture } of dates) {
    if (!date) {
      continue;
    }
    if (date < EARLIEST_DATE) {
      problems.push({ field, severity: 'error', message: `${label} (${formatViDate(date)}) không thể trước năm 1900.` });
    } else if (today !== null && !canBeFuture && date > today) {
      problems.push({ field, severity: 'error', message: `${label} (${formatViDate(date)}) không thể sau ngày hôm nay (${formatViDate(today)}).` });
    }
  }
  return problems;
}

function afterBirth(field: string, label: string, date: string | null | undefined, birthDate: string | null | undefined): DateProblem[] {
  if (!date || !birthDate || date > birthDate) {
    return [];
  }
  return [{ field, severity: 'error', message: `${label} (${formatViDate(date)}) phải sau ngày sinh (${formatViDate(birthDate)}).` }];
}

function adultAt(field: string, label: string, date: string | null | undefined, birthDate: string | null | undefined): DateProblem[] {
  if (!date || !birthDate || date <= birthDate || calendarMonths(birthDate, date) >= MIN_ADMISSION_MONTHS) {
    return [];
  }
  const turns18 = addCalendarMonths(birthDate, MIN_ADMISSION_MONTHS);
  return [{ field, severity: 'error', message: `${label} (${formatViDate(date)}): người sinh ngày ${formatViDate(birthDate)} khi đó chưa đủ 18 tuổi (đủ từ tháng ${turns18.slice(5, 7)}/${turns18.slice(0, 4)}); không ai được kết nạp dưới 18 tuổi.` }];
}

export type MemberDates = { birthDate?: string | null; joinedOn?: string | null; fullMemberSince?: string | null };

/** birth < admission, admitted at 18 or more; full membership not before 12 months on (later: warning), not after today. */
export function memberDateProblems(m: MemberDates, today: string | null): DateProblem[] {
  const problems = [
    ...rangeProblems(
      [
        { field: 'birthDate', label: 'Ngày sinh', date: m.birthDate },
        { field: 'joinedOn', label: 'Ngày vào Đảng', date: m.joinedOn },
        { field: 'fullMemberSince', label: 'Ngày chính thức', date: m.fullMemberSince },
      ],
      today,
    ),
    ...afterBirth('joinedOn', 'Ngày vào Đảng', m.joinedOn, m.birthDate),
    ...adultAt('joinedOn', 'Ngày vào Đảng', m.joinedOn, m.birthDate),
    ...afterBirth('fullMemberSince', 'Ngày chính thức', m.fullMemberSince, m.birthDate),
  ];
  if (m.joinedOn && m.fullMemberSince) {
    const expected = addCalendarMonths(m.joinedOn, PROBATION_MONTHS);
    if (m.fullMemberSince < m.joinedOn) {
      problems.push({ field: 'fullMemberSince', severity: 'error', message: `Ngày chính thức (${formatViDate(m.fullMemberSince)}) không thể trước ngày vào Đảng (${formatViDate(m.joinedOn)}).` });
    } else if (m.fullMemberSince < expected && m.joinedOn >= TWELVE_MONTHS_CERTAIN) {
      // Probation cannot be shortened: recognition takes effect when the 12 months end, even when decided late.
      problems.push({
        field: 'fullMemberSince',
        severity: 'error',
        message: `Ngày chính thức (${formatViDate(m.fullMemberSince)}) không thể trước khi hết 12 tháng dự bị, tức ${formatViDate(expected)} (vào Đảng ngày ${formatViDate(m.joinedOn)}).`,
      });
    } else if (m.fullMemberSince !== expected) {
      problems.push({
        field: 'fullMemberSince',
        severity: 'warning',
        message: `Ngày chính thức (${formatViDate(m.fullMemberSince)}) thường là 12 tháng sau ngày vào Đảng, tức ${formatViDate(expected)}; hãy kiểm tra lại.`,
      });
    }
  }
  return problems;
}

/** Events that make a person a party member: the admission decision and the ceremony. */
const ADMISSION_EVENTS = new Set(['ADMISSION_DECIDED', 'CEREMONY_HELD']);

export const EVENT_DATE_LABEL = 'Ngày của sự kiện';

/** A candidate's birth date: a real past date on or after 1900. */
export function birthDateProblems(birthDate: string, today: string | null): DateProblem[] {
  return rangeProblems([{ field: 'birthDate', label: 'Ngày sinh', date: birthDate }], today);
}

/** An event of a candidate born on `birthDate`: after the birth, held already, and no admission under 18. */
export function eventDateProblems(event: { type: string; date: string }, birthDate: string, today: string | null, field = 'date'): DateProblem[] {
  return [
    ...rangeProblems([{ field, label: EVENT_DATE_LABEL, date: event.date }], today),
    ...afterBirth(field, EVENT_DATE_LABEL, event.date, birthDate),
    ...(ADMISSION_EVENTS.has(event.type) ? adultAt(field, EVENT_DATE_LABEL, event.date, birthDate) : []),
  ];
}

/**
 * The counts of a vote: at least one person had the right to vote, and no more voted yes than had it. A record of
 * "0/0 tán thành" says nothing the rules can judge, so it is refused rather than stored.
 */
export function voteCountProblems(event: CandidateEvent, field = 'event'): DateProblem[] {
  // Entered in the app only: a dossier file's vote is judged by the rules (VOTE_BELOW_THRESHOLD), as docs/rules.md says.
  const counts =
    'eligible' in event
      ? { total: event.eligible, of: 'số đảng viên chính thức có quyền biểu quyết', yes: 'Số phiếu tán thành' }
      : 'members' in event
        ? { total: event.members, of: 'tổng số cấp ủy viên', yes: 'Số cấp ủy viên tán thành' }
        : null;
  if (counts === null || !('yes' in event)) {
    return [];
  }
  if (counts.total < 1) {
    return [{ field, severity: 'error', message: `Biểu quyết cần ${counts.of} ít nhất là 1.` }];
  }
  if (event.yes > counts.total) {
    return [{ field, severity: 'error', message: `${counts.yes} (${event.yes}) không thể lớn hơn ${counts.of} (${counts.total}).` }];
  }
  return [];
}

/**
 * A whole ptdv.dossier/1 file: the birth date, every event, document, introducer and mentor date. Fields are
 * named by their path in the file (candidate.birthDate, events.3.date…) so the user finds the line to fix.
 */
export function dossierDateProblems(d: Dossier, today: string | null): DateProblem[] {
  const birth = d.candidate.birthDate;
  const problems = rangeProblems([{ field: 'candidate.birthDate', label: 'Ngày sinh', date: birth }], today);
  d.events.forEach((e, i) => {
    problems.push(...eventDateProblems(e, birth, today, `events.${i}.date`));
    if ('received' in e) {
      problems.push(...rangeProblems([{ field: `events.${i}.received`, label: 'Ngày nhận quyết định', date: e.received }], today));
    }
  });
  d.documents.forEach((doc, i) => {
    problems.push(...rangeProblems([{ field: `documents.${i}.date`, label: `Ngày của văn bản ${doc.form}`, date: doc.date }], today));
  });
  d.introducers.forEach((intro, i) => {
    problems.push(
      ...rangeProblems(
        [
          { field: `introducers.${i}.fullMemberSince`, label: `Ngày chính thức của người giới thiệu ${intro.name}`, date: intro.fullMemberSince },
          { field: `introducers.${i}.workedTogetherSince`, label: `Ngày bắt đầu công tác cùng của ${intro.name}`, date: intro.workedTogetherSince },
          { field: `introducers.${i}.letterDate`, label: `Ngày thư giới thiệu của ${intro.name}`, date: intro.letterDate },
        ],
        today,
      ),
    );
  });
  d.mentors.forEach((m, i) => {
    problems.push(
      ...rangeProblems(
        [
          { field: `mentors.${i}.from`, label: `Ngày bắt đầu giúp đỡ của ${m.name}`, date: m.from },
          // An assignment may be planned to end later.
          { field: `mentors.${i}.to`, label: `Ngày kết thúc giúp đỡ của ${m.name}`, date: m.to, canBeFuture: true },
        ],
        today,
      ),
    );
    if (m.to && m.to < m.from) {
      problems.push({ field: `mentors.${i}.to`, severity: 'error', message: `Ngày kết thúc giúp đỡ của ${m.name} (${formatViDate(m.to)}) không thể trước ngày bắt đầu (${formatViDate(m.from)}).` });
    }
  });
  return problems;
}

/** The refusals only, as one Vietnamese sentence per problem. */
export function errorsOf(problems: readonly DateProblem[]): DateProblem[] {
  return problems.filter((p) => p.severity === 'error');
}
