import type { Dossier } from '../../model/dossier';
import { addWorkingDaysN, type WorkingCalendar } from '../calendar/calendar';
import { toDay, toIso, type DayNumber } from '../calendar/days';
import { checkAge, checkEducation } from './check-eligibility';
import { checkCertificate, checkFreshness, checkPreVoteDocuments } from './check-documents';
import {
  checkAdmissionDecision,
  checkCeremony,
  checkMemberRecords,
  checkRecognitionDecision,
  probationEnd,
} from './check-deadlines';
import { checkIntroducerEligibility, checkIntroducers } from './check-introducers';
import { checkEventOrder, checkMentors } from './check-order';
import { checkNewMemberCourse, checkRecognitionVote } from './check-probation';
import { checkVotes } from './check-votes';
import { atLeast, collectFacts, hasVoted, type Ctx, type EvalContext, type Facts, type RuleRef } from './context';
import type { Deadline, Finding, FindingCode, Severity } from './findings';
import { compileRulebooks, ruleAt, RULE_IDS, type AppliedRule, type RuleId, type RuleIndex } from './rulebook';
import { isTerminalStage, STAGE_LABELS, type Stage } from './stage';

export type KeyDates = {
  /** Admission decision signing date: party age counts from it. */
  partyAgeFrom?: string;
  /** Ceremony date: probation starts, the "ngày vào Đảng" shown to people. */
  joinedParty?: string;
  probationEnd?: string;
  /** Set once recognised: always the probation end, even when the vote or decision came late. */
  fullMemberSince?: string;
};

export type Evaluation = {
  asOf: string;
  stage: Stage;
  stageLabel: string;
  findings: Finding[];
  deadlines: Deadline[];
  /** The rulebook version in force on `asOf`; each finding names the version of the rule it applied. */
  rulebookVersion: string;
  keyDates: KeyDates;
  /**
   * The last day (ISO) on which evaluating the same dossier with the same rulebooks and calendar gives this same
   * stage, findings (messages and due dates included), deadlines and rulebook version: the day before a deadline
   * passes, a reminder opens, an age month or a rule version starts, or a dated record becomes visible.
   */
  validUntil: string;
  /**
   * The first and last day (ISO) whose working status the result depends on: every working-day deadline counted
   * lies inside. A calendar change outside it cannot change the result; null when no deadline was counted.
   */
  calendarSpan: CalendarSpan | null;
};

export type CalendarSpan = { from: string; to: string };

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
}

let lastVersion: { index: RuleIndex; day: DayNumber; version: string } | null = null;

/** The version of the newest rulebook with a rule in force on `day`; memoised because a batch shares one asOf. */
export function rulebookVersionAt(index: RuleIndex, day: DayNumber): string {
  if (lastVersion && lastVersion.index === index && lastVersion.day === day) {
    return lastVersion.version;
  }
  let best: { from: DayNumber; version: string } | null = null;
  for (const id of RULE_IDS) {
    const versions = index.get(id);
    const v = versions?.find((x) => x.from <= day && day <= x.to);
    if (v && (!best || v.from > best.from)) {
      best = { from: v.from, version: v.rulebookVersion };
    }
  }
  const version = best?.version ?? ruleAt(index, 'age', day).rulebookVersion;
  lastVersion = { index, day, version };
  return version;
}

/** The furthest a result is said to hold: a result nothing dated can change is valid "forever". */
const LAST_DAY = toDay('9999-12-31');

const boundaryCache = new WeakMap<RuleIndex, DayNumber[]>();

/** Every day on which some rule version starts or the day after one ends, ascending. */
function ruleBoundaries(index: RuleIndex): DayNumber[] {
  let days = boundaryCache.get(index);
  if (!days) {
    const set = new Set<DayNumber>();
    for (const versions of index.values()) {
      for (const v of versions) {
        set.add(v.from);
        if (Number.isFinite(v.to)) {
          set.add(v.to + 1);
        }
      }
    }
    days = [...set].sort((a, b) => a - b);
    boundaryCache.set(index, days);
  }
  return days;
}

/** The first rule boundary after `day`, or Infinity: which version applies to an act dated `asOf` may change there. */
function nextRuleBoundary(index: RuleIndex, day: DayNumber): DayNumber {
  for (const b of ruleBoundaries(index)) {
    if (b > day) {
      return b;
    }
  }
  return Number.POSITIVE_INFINITY;
}

/** The evaluation state; a class so 50,000 evaluations share its methods instead of allocating closures. */
class Evaluator implements Ctx {
  readonly findings: Finding[] = [];
  readonly deadlines: Deadline[] = [];
  until: DayNumber;
  calendarFrom = Number.POSITIVE_INFINITY;
  calendarTo = Number.NEGATIVE_INFINITY;

  constructor(
    readonly facts: Facts,
    readonly index: RuleIndex,
    readonly calendar: WorkingCalendar,
  ) {
    // Rules are chosen by the date of the act, which before the vote (and for mentors always) is `asOf` itself.
    this.until = Math.min(facts.nextInput, nextRuleBoundary(index, facts.asOf)) - 1;
  }

  rule<I extends RuleId>(id: I, act: DayNumber): AppliedRule<I> {
    return ruleAt(this.index, id, act);
  }

  workingDaysAfter(day: DayNumber, n: number): DayNumber {
    const due = addWorkingDaysN(day, n, this.calendar);
    this.calendarFrom = day < this.calendarFrom ? day : this.calendarFrom;
    this.calendarTo = due > this.calendarTo ? due : this.calendarTo;
    return due;
  }

  after(day: DayNumber): boolean {
    if (this.facts.asOf > day) {
      return true;
    }
    this.until = day < this.until ? day : this.until;
    return false;
  }

  onOrAfter(day: DayNumber): boolean {
    return this.after(day - 1);
  }

  refAfter(day: DayNumber): boolean {
    return this.facts.voteDay !== null ? this.facts.voteDay > day : this.after(day);
  }

  changesOn(day: DayNumber): void {
    if (day > this.facts.asOf && day - 1 < this.until) {
      this.until = day - 1;
    }
  }

  add(code: FindingCode, severity: Severity, applied: RuleRef, message: string, extra?: { due?: DayNumber; refs?: string[] }): void {
    // Always the same keys in the same order (due/refs may be undefined): one hidden class for every finding.
    const finding: Finding = {
      code,
      severity,
      rule: applied.rule.id,
      message,
      due: extra?.due === undefined ? undefined : toIso(extra.due),
      refs: extra?.refs,
      rulebookVersion: applied.rulebookVersion,
    };
    this.findings.push(finding);
  }
}

/**
 * Eligibility and pre-vote dossier checks; skipped once recognised, when nothing about admission can change. Age
 * and certificate are checked against today before the vote (warnings); the other conditions of the vote are
 * judged on the vote day once it is recorded.
 */
function checkAdmission(c: Ctx): void {
  const { facts } = c;
  if (facts.stage === 'chinh-thuc') {
    return;
  }
  checkAge(c);
  const preparing = facts.stage === 'lam-ho-so';
  checkCertificate(c, preparing);
  if (hasVoted(facts)) {
    checkEducation(c);
    checkIntroducers(c);
    checkIntroducerEligibility(c);
    checkPreVoteDocuments(c);
  }
  if (preparing || hasVoted(facts)) {
    checkFreshness(c);
  }
}

function checkAfterVote(c: Ctx): void {
  const { latest } = c.facts;
  checkVotes(c);
  if (latest.ADMISSION_DECIDED || !atLeast(c.facts, 'du-bi')) {
    checkAdmissionDecision(c);
  }
  checkCeremony(c);
  checkMemberRecords(c);
  if (latest.CEREMONY_HELD) {
    const open = c.facts.stage === 'du-bi';
    checkRecognitionVote(c, latest.CEREMONY_HELD.day, open);
    checkNewMemberCourse(c, latest.CEREMONY_HELD.day, open);
  }
  checkRecognitionDecision(c);
}

function keyDates(c: Ctx): KeyDates {
  const { latest } = c.facts;
  const dates: KeyDates = {};
  if (latest.ADMISSION_DECIDED) {
    dates.partyAgeFrom = latest.ADMISSION_DECIDED.event.date;
  }
  if (latest.CEREMONY_HELD) {
    dates.joinedParty = latest.CEREMONY_HELD.event.date;
    dates.probationEnd = toIso(probationEnd(c.index, latest.CEREMONY_HELD.day));
    if (latest.RECOGNITION_DECIDED) {
      dates.fullMemberSince = dates.probationEnd;
    }
  }
  return dates;
}

/**
 * Evaluates one candidate as of `asOf` (ISO, Vietnam calendar day): derived stage, findings (docs/rules.md codes plus
 * the `*_DUE` info codes of open deadlines), open deadlines and key dates. Pure: the same inputs give the same
 * result. Terminal candidates (dừng, xóa tên, chuyển đi) are only checked for event order. Events and documents
 * dated after `asOf` are ignored.
 */
export function evaluateDossier(dossier: Dossier, asOf: string, ctx: EvalContext): Evaluation {
  const index = compileRulebooks(ctx.rulebooks);
  const asOfDay = toDay(asOf);
  const facts = collectFacts(dossier, asOfDay, asOf);
  const c = new Evaluator(facts, index, ctx.calendar);
  const rulebookVersion = rulebookVersionAt(index, asOfDay);
  checkEventOrder(c, rulebookVersion);
  if (!isTerminalStage(facts.stage)) {
    checkAdmission(c);
    checkAfterVote(c);
    checkMentors(c);
  }
  const findings = c.findings.length > 1 ? c.findings.sort(bySeverity) : c.findings;
  return {
    asOf,
    stage: facts.stage,
    stageLabel: STAGE_LABELS[facts.stage],
    findings,
    deadlines: c.deadlines,
    rulebookVersion,
    keyDates: keyDates(c),
    validUntil: toIso(Math.min(c.until, LAST_DAY)),
    calendarSpan: c.calendarTo < c.calendarFrom ? null : { from: toIso(c.calendarFrom), to: toIso(c.calendarTo) },
  };
}
