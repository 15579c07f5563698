import type { CandidateEvent, Dossier, DocumentForm, EventType } from '../../model/dossier';
import type { WorkingCalendar } from '../calendar/calendar';
import { dayFromYmd, toDay, ymdOf, type DayNumber } from '../calendar/days';
import type { Deadline, Finding, FindingCode, Severity } from './findings';
import type { AppliedRule, RuleId, RuleIndex, Rulebook } from './rulebook';
import { deriveStage, stageRank, type Stage } from './stage';

/** What evaluation needs besides the dossier: the rulebooks to choose from and the working-day calendar. */
export type EvalContext = { rulebooks: readonly Rulebook[]; calendar: WorkingCalendar };

export type Dated<T extends EventType> = { event: Extract<CandidateEvent, { type: T }>; day: DayNumber };
export type LatestEvents = { [T in EventType]?: Dated<T> };

/**
 * A dossier with every date parsed once into a day number. Events and documents dated after `asOf` are left out:
 * evaluating "as of" a past day must not see what happened later.
 */
export type Facts = {
  dossier: Dossier;
  asOf: DayNumber;
  birth: DayNumber;
  stage: Stage;
  latest: LatestEvents;
  /** Issue days of every awareness-course certificate, ascending. */
  courses: DayNumber[];
  /** Days of each document form present, ascending. */
  docs: Partial<Record<DocumentForm, DayNumber[]>>;
  /** Introduction letters (3-KNĐ) with the name of who signed them, when recorded. */
  letters: { day: DayNumber; signer: string | null }[];
  /** Working days of every recorded extension of the admission decision deadline (DECISION_EXTENDED), summed. */
  extensionDays: number;
  /** The earliest event day in the file, including events after `asOf` (Infinity when there are none). */
  firstDay: DayNumber;
  /** The chi bộ vote day, or null when the cell has not voted yet. */
  voteDay: DayNumber | null;
  /** The day pre-admission conditions are judged on: the chi bộ vote, or `asOf` before it. */
  refDay: DayNumber;
  /**
   * The first day after `asOf` on which an input becomes visible (an event, a document, an introducer's letter, a
   * mentor assignment starting or ending), or Infinity: from that day the facts themselves differ.
   */
  nextInput: DayNumber;
};

// Every key present from the start keeps one hidden class for all candidates, so the checks' lookups stay fast.
function emptyLatest(): LatestEvents {
  return {
    SOURCE_PROPOSED: undefined,
    LISTED: undefined,
    COURSE_CERTIFIED: undefined,
    DOSSIER_STARTED: undefined,
    CHI_BO_VOTED: undefined,
    DUCS_VOTED: undefined,
    ADMISSION_DECIDED: undefined,
    CEREMONY_HELD: undefined,
    NEW_MEMBER_COURSE_DONE: undefined,
    RECOGNITION_VOTED: undefined,
    DUCS_RECOGNITION_VOTED: undefined,
    RECOGNITION_DECIDED: undefined,
    WITHDRAWN: undefined,
    STRUCK_OFF: undefined,
    TRANSFERRED_OUT: undefined,
    DECISION_EXTENDED: undefined,
  };
}

/** Inserts keeping ascending order; dossiers hold one or two documents per form, so this beats sorting. */
function insertSorted(days: DayNumber[], day: DayNumber): void {
  let i = days.length;
  days.push(day);
  while (i > 0 && days[i - 1]! > day) {
    days[i] = days[i - 1]!;
    i--;
  }
  days[i] = day;
}

/** Parses a dossier's dates once; the rest of the engine works on integers. `asOfIso` is `asOf` as ISO. */
export function collectFacts(dossier: Dossier, asOf: DayNumber, asOfIso: string): Facts {
  const latest = emptyLatest() as Record<EventType, { event: CandidateEvent; day: DayNumber } | undefined>;
  const courses: DayNumber[] = [];
  let extensionDays = 0;
  let firstDay = Number.POSITIVE_INFINITY;
  let nextInput = Number.POSITIVE_INFINITY;
  for (const event of dossier.events) {
    const day = toDay(event.date);
    firstDay = day < firstDay ? day : firstDay;
    if (day > asOf) {
      nextInput = day < nextInput ? day : nextInput;
      continue;
    }
    const prev = latest[event.type];
    if (!prev || day >= prev.day) {
      latest[event.type] = { event, day };
    }
    if (event.type === 'COURSE_CERTIFIED') {
      insertSorted(courses, day);
    } else if (event.type === 'DECISION_EXTENDED') {
      extensionDays += event.workingDays;
    }
  }
  const docs: Partial<Record<DocumentForm, DayNumber[]>> = {};
  const letters: Facts['letters'] = [];
  for (const doc of dossier.documents) {
    const day = toDay(doc.date);
    if (day <= asOf) {
      insertSorted((docs[doc.form] ??= []), day);
      if (doc.form === '3-KNĐ') {
        letters.push({ day, signer: doc.signer ?? null });
      }
    } else if (day < nextInput) {
      nextInput = day;
    }
  }
  // Before the vote an introducer's letter counts from its date, and a mentor is active from `from` through `to`.
  for (const intro of dossier.introducers) {
    const day = intro.letterDate ? toDay(intro.letterDate) : asOf;
    nextInput = day > asOf && day < nextInput ? day : nextInput;
  }
  for (const m of dossier.mentors) {
    const from = toDay(m.from);
    const end = m.to ? toDay(m.to) + 1 : asOf;
    nextInput = from > asOf && from < nextInput ? from : nextInput;
    nextInput = end > asOf && end < nextInput ? end : nextInput;
  }
  const typed = latest as LatestEvents;
  const voteDay = typed.CHI_BO_VOTED?.day ?? null;
  const birth = toDay(dossier.candidate.birthDate);
  const stage = deriveStage(dossier.events, asOfIso);
  return { dossier, asOf, birth, firstDay, stage, latest: typed, courses, docs, letters, extensionDays, voteDay, refDay: voteDay ?? asOf, nextInput };
}

/** The latest day of `form` on or before `day`, or null. */
export function docOnOrBefore(facts: Facts, form: DocumentForm, day: DayNumber): DayNumber | null {
  const days = facts.docs[form];
  if (!days) {
    return null;
  }
  for (let i = days.length - 1; i >= 0; i--) {
    if (days[i]! <= day) {
      return days[i]!;
    }
  }
  return null;
}

/** Where a finding comes from: an applied rule, or the pseudo-rule `event-order` checked outside the rulebook. */
export type RuleRef = { rule: { id: RuleId | 'event-order' }; rulebookVersion: string };

/** Evaluation state shared by the checks: facts, rules, calendar and the growing list of findings. */
export type Ctx = {
  facts: Facts;
  index: RuleIndex;
  findings: Finding[];
  deadlines: Deadline[];
  rule<I extends RuleId>(id: I, act: DayNumber): AppliedRule<I>;
  /**
   * The `n`-th working day after `day`: the checks' only way to the calendar, so the evaluation knows which days'
   * working status its result depends on (`Evaluation.calendarSpan`).
   */
  workingDaysAfter(day: DayNumber, n: number): DayNumber;
  /**
   * The last day the result can stay what it is as of `asOf`: every comparison of `asOf` (or of `refDay` before the
   * vote) with a date goes through the methods below, which lower it to the day before the comparison's outcome
   * would change.
   */
  until: DayNumber;
  /** `asOf > day`: false until `day`, true from the day after. */
  after(day: DayNumber): boolean;
  /** `asOf >= day`: false until the day before `day`. */
  onOrAfter(day: DayNumber): boolean;
  /** `refDay > day`: fixed once the chi bộ voted, `asOf > day` before. */
  refAfter(day: DayNumber): boolean;
  /** The result may differ from `day` on, whatever the comparisons say (a value that moves with `asOf`). */
  changesOn(day: DayNumber): void;
  add(
    code: FindingCode,
    severity: Severity,
    applied: RuleRef,
    message: string,
    extra?: { due?: DayNumber; refs?: string[] },
  ): void;
};

/** True once the chi bộ has voted: the conditions of admission are judged on that day. */
export function hasVoted(facts: Facts): boolean {
  return facts.voteDay !== null;
}

/**
 * The severity of an age or certificate problem: an error on the vote day, a warning when checked against today
 * because no vote is recorded yet (docs/rules.md "Findings"). The other conditions of the vote are only judged once
 * the vote is recorded, always as errors; before it the checklist shows what is still missing.
 */
export function preVoteSeverity(facts: Facts): Severity {
  return facts.voteDay !== null ? 'error' : 'warning';
}

/**
 * Age in calendar months on `day`: (year × 12 + month) of the day minus that of the birth; the day of the month
 * does not count (docs/rules.md `age`, "tính theo tháng").
 */
export function ageInMonths(facts: Facts, day: DayNumber): number {
  const b = ymdOf(facts.birth);
  const d = ymdOf(day);
  return d.y * 12 + d.m - (b.y * 12 + b.m);
}

/** The first day of the month in which the candidate is `months` calendar months old. */
export function monthOfAge(facts: Facts, months: number): DayNumber {
  const b = ymdOf(facts.birth);
  const total = b.y * 12 + (b.m - 1) + months;
  return dayFromYmd(Math.floor(total / 12), (total % 12) + 1, 1);
}

/** True when the candidate is at or past `stage` in the pipeline. */
export function atLeast(facts: Facts, stage: Stage): boolean {
  return stageRank(facts.stage) >= stageRank(stage);
}
