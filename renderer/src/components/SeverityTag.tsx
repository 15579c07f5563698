import type { Severity } from '../../../electron/core/domain/rules/findings';
import { formatViDate } from '../../../electron/core/model/dates';
import { SEVERITY_LABELS } from '../lib/labels';

type Tone = Severity | 'overdue' | 'ok';

const PATHS: Readonly<Record<Tone, string>> = {
  // A filled disc with "!" for errors, a triangle for warnings, an "i" for reminders, a clock for overdue items.
  error: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm-.9 3.5v5h1.8v-5zm0 6.3v1.8h1.8v-1.8z',
  warning: 'M8 1.2 15.2 14H.8zm-.9 4.6v4.4h1.8V5.8zm0 5.6V13h1.8v-1.6z',
  info: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm-.9 3v1.8h1.8V4zm0 3v5h1.8V7z',
  overdue: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm0 1.8a5.2 5.2 0 1 0 0 10.4A5.2 5.2 0 0 0 8 2.8zm-.9 1.7h1.8v3.1l2.3 1.6-1 1.5-3.1-2.1z',
  ok: 'M8 1a7 7 0 1 1 0 14A7 7 0 0 1 8 1zm3.2 4-4.1 4.3L5 7.3 3.8 8.6l3.3 3.1 5.4-5.5z',
};

/** The icon of a severity, so errors and overdue items are told apart by shape as well as by colour. */
export function ToneIcon({ tone }: { tone: Tone }) {
  return (
    <svg className="tone-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[tone]} fill="currentColor" fillRule="evenodd" />
    </svg>
  );
}

/** Severity as icon + word + colour; an overdue item says "Quá hạn" whatever its severity. */
export function SeverityTag({ severity, overdue = false }: { severity: Severity; overdue?: boolean }) {
  const tone: Tone = overdue ? 'overdue' : severity;
  return (
    <span className={`sev sev-${tone}`}>
      <ToneIcon tone={tone} />
      {overdue ? 'Quá hạn' : SEVERITY_LABELS[severity]}
    </span>
  );
}

/** A count with the icon and colour of its kind ("3 lỗi"), for summaries; nothing to count is shown quietly. */
export function CountTag({ tone, count, noun }: { tone: Tone; count: number; noun: string }) {
  return (
    <span className={`sev sev-${count === 0 ? 'none' : tone}`}>
      <ToneIcon tone={tone} />
      {count.toLocaleString('vi-VN')} {noun}
    </span>
  );
}

/** How much time is left, in the working days the deadlines are counted in. */
export function daysLeftText(due: string, asOf: string, workingDaysLeft: number | undefined): string {
  if (workingDaysLeft === undefined) {
    return '';
  }
  if (due === asOf) {
    return 'hạn cuối là hôm nay';
  }
  if (due < asOf) {
    return workingDaysLeft < 0 ? `quá hạn ${-workingDaysLeft} ngày làm việc` : 'đã quá hạn';
  }
  return workingDaysLeft === 0 ? 'không còn ngày làm việc nào' : `còn ${workingDaysLeft} ngày làm việc`;
}

/** A due date as dd/MM/yyyy with the working days left under it, red once it has passed. */
export function DueText({ due, asOf, workingDaysLeft }: { due: string; asOf: string; workingDaysLeft?: number | undefined }) {
  const late = due < asOf;
  const soon = !late && workingDaysLeft !== undefined && workingDaysLeft <= 5;
  return (
    <span className={`due${late ? ' due-late' : soon ? ' due-soon' : ''}`}>
      <span className="due-date">{formatViDate(due)}</span>
      <span className="due-left">{daysLeftText(due, asOf, workingDaysLeft)}</span>
    </span>
  );
}
