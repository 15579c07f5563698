import type { EventType } from '../../model/dossier';
import type { FlowKey, ReportStage } from '../../model/report';
import { toDay } from '../calendar/days';
import { FLOW_KEYS, REPORT_STAGES } from '../../model/report';
import { deriveStage } from '../rules/stage';
import { addAdmission, emptyBreakdown, zeros } from './admissions';
import type { ReportCandidate, ReportEvent, ReportFinding, ReportUnit } from './types';

/** The days a report counts: the period (clipped to the as-of day) and the year it belongs to. */
export type CountingWindow = { start: string; countedTo: string; yearStart: string };

/** Per-unit running totals plus the raw samples that medians, targets and trends need. */
export type UnitAccumulator = {
  unit: ReportUnit;
  /** Candidates with a record by the counting day, the sum of the stock (the unit's candidates need not be held once counted). */
  candidates: number;
  stock: Record<ReportStage, number>;
  flows: Record<FlowKey, number>;
  admissions: ReturnType<typeof emptyBreakdown>;
  /** Admission signing dates from 1 January to the counting day. */
  yearAdmissionDates: string[];
  listingToAdmission: number[];
  ceremonyToRecognition: number[];
  findings: Map<string, { severity: string; count: number }>;
};

const FLOW_OF_EVENT: Partial<Record<EventType, FlowKey>> = {
  SOURCE_PROPOSED: 'proposed',
  LISTED: 'listed',
  COURSE_CERTIFIED: 'certified',
  CHI_BO_VOTED: 'chiBoVoted',
  ADMISSION_DECIDED: 'admitted',
  CEREMONY_HELD: 'ceremonies',
  RECOGNITION_DECIDED: 'recognized',
  STRUCK_OFF: 'struckOff',
  WITHDRAWN: 'withdrawn',
  TRANSFERRED_OUT: 'transferredOut',
};

const FLOW_BIT: Partial<Record<EventType, number>> = Object.fromEntries(
  Object.entries(FLOW_OF_EVENT).map(([type, flow]) => [type, 1 << FLOW_KEYS.indexOf(flow)]),
);

/** Calendar days from one ISO day to another. */
function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from);
}

/** An empty accumulator for one unit. */
export function newAccumulator(unit: ReportUnit): UnitAccumulator {
  return {
    unit,
    candidates: 0,
    stock: zeros(REPORT_STAGES),
    flows: zeros(FLOW_KEYS),
    admissions: emptyBreakdown(),
    yearAdmissionDates: [],
    listingToAdmission: [],
    ceremonyToRecognition: [],
    findings: new Map(),
  };
}

/**
 * Counts one candidate into its unit's accumulator (docs/reports.md). The stock stage is the rules engine's stage on
 * the counting day; a candidate whose first event comes later is in no stock column yet. A superior counts 50,000
 * candidates per report, so the events are read in one pass, without copies: the flows a candidate passed through
 * as bits, and the first day of each step the breakdowns and lead times measure.
 */
export function accumulate(acc: UnitAccumulator, c: ReportCandidate, w: CountingWindow): void {
  let counted = false;
  let flows = 0;
  let decidedInYear: string | null = null;
  let decidedInPeriod: string | null = null;
  let listed: string | null = null;
  let recognized: string | null = null;
  let ceremony: string | null = null;
  for (const e of c.events) {
    if (e.date > w.countedTo) {
      continue;
    }
    counted = true;
    if (e.date >= w.start) {
      flows |= FLOW_BIT[e.type] ?? 0;
    }
    switch (e.type) {
      case 'ADMISSION_DECIDED':
        decidedInYear = earliest(decidedInYear, e.date, w.yearStart);
        decidedInPeriod = earliest(decidedInPeriod, e.date, w.start);
        break;
      case 'LISTED':
        listed = earliest(listed, e.date);
        break;
      case 'RECOGNITION_DECIDED':
        recognized = earliest(recognized, e.date, w.start);
        break;
      case 'CEREMONY_HELD':
        ceremony = earliest(ceremony, e.date);
        break;
    }
  }
  if (counted) {
    acc.candidates += 1;
    acc.stock[stockStage(c, w.countedTo)!] += 1;
  }
  if (flows !== 0) {
    FLOW_KEYS.forEach((flow, i) => (acc.flows[flow] += (flows >> i) & 1));
  }
  if (decidedInYear !== null) {
    acc.yearAdmissionDates.push(decidedInYear);
  }
  if (decidedInPeriod !== null) {
    addAdmission(acc.admissions, c.profile, decidedInPeriod);
    if (listed !== null && listed <= decidedInPeriod) {
      acc.listingToAdmission.push(daysBetween(listed, decidedInPeriod));
    }
  }
  if (recognized !== null && ceremony !== null && ceremony <= recognized) {
    acc.ceremonyToRecognition.push(daysBetween(ceremony, recognized));
  }
  countFindings(acc, c);
}

/**
 * The stock column a candidate is counted in on `countedTo`: the rules engine's stage that day, or null when its
 * first event comes later. What the dashboard's funnel counts and what its drill-down lists.
 */
export function stockStage(c: ReportCandidate, countedTo: string): ReportStage | null {
  return c.events.some((e) => e.date <= countedTo) ? deriveStage(c.events, countedTo) : null;
}

/** Whether a candidate passed through `flow` in the window (an event of its kind from `start` to the counting day). */
export function passedFlow(c: ReportCandidate, flow: FlowKey, w: Pick<CountingWindow, 'start' | 'countedTo'>): boolean {
  return c.events.some((e) => FLOW_OF_EVENT[e.type] === flow && e.date >= w.start && e.date <= w.countedTo);
}

/** The admission a year counts for a candidate: the earliest decision signed from 1 January to the counting day. */
export function admittedInYear(c: ReportCandidate, w: Pick<CountingWindow, 'yearStart' | 'countedTo'>): string | null {
  let first: string | null = null;
  for (const e of c.events) {
    if (e.type === 'ADMISSION_DECIDED' && e.date <= w.countedTo) {
      first = earliest(first, e.date, w.yearStart);
    }
  }
  return first;
}

/** The admission a period counts: the earliest decision signed from the period's start to the counting day. */
export function admittedInPeriod(c: ReportCandidate, w: Pick<CountingWindow, 'start' | 'countedTo'>): string | null {
  return admittedInYear(c, { yearStart: w.start, countedTo: w.countedTo });
}

/**
 * Whether a candidate is a case of a lead time the report measures, as accumulate counts them: admitted in the period
 * after being listed, or recognised in the period after the ceremony (events after the counting day ignored).
 */
export function isLeadTimeCase(c: ReportCandidate, lead: 'listing-admission' | 'ceremony-recognition', w: Pick<CountingWindow, 'start' | 'countedTo'>): boolean {
  const [from, to] = lead === 'listing-admission' ? (['LISTED', 'ADMISSION_DECIDED'] as const) : (['CEREMONY_HELD', 'RECOGNITION_DECIDED'] as const);
  let first: string | null = null;
  let last: string | null = null;
  for (const e of c.events) {
    if (e.date > w.countedTo) {
      continue;
    }
    if (e.type === from) {
      first = earliest(first, e.date);
    } else if (e.type === to) {
      last = earliest(last, e.date, w.start);
    }
  }
  return first !== null && last !== null && first <= last;
}

/** `date` when it is on or after `from` and before `first`, else `first`. */
function earliest(first: string | null, date: string, from = '0000-00-00'): string | null {
  return date >= from && (first === null || date < first) ? date : first;
}

/** The earliest day of an event type on or after `from`, whatever order the events are in. */
export function firstDate(events: readonly ReportEvent[], type: EventType, from = '0000-00-00'): string | null {
  let first: string | null = null;
  for (const e of events) {
    if (e.type === type) {
      first = earliest(first, e.date, from);
    }
  }
  return first;
}

/**
 * Errors are what a superior acts on (every broken deadline is one); warnings and reminders would drown them. A code
 * is counted by its severity on each candidate, so a report's count per code is the to-do list's count of errors.
 */
export function isReported(f: ReportFinding): boolean {
  return f.severity === 'error';
}

function countFindings(acc: UnitAccumulator, c: ReportCandidate): void {
  for (const f of c.findings) {
    if (!isReported(f)) {
      continue;
    }
    const entry = acc.findings.get(f.code);
    if (entry) {
      entry.count += 1;
      entry.severity = entry.severity === 'error' ? 'error' : f.severity;
    } else {
      acc.findings.set(f.code, { severity: f.severity, count: 1 });
    }
  }
}

/** What a unit's accumulator holds besides the unit, as plain JSON: what the store keeps per unit and window. */
export type UnitCounts = Omit<UnitAccumulator, 'unit' | 'findings'> & { findings: [string, { severity: string; count: number }][] };

export function countsOf(acc: UnitAccumulator): UnitCounts {
  const { candidates, stock, flows, admissions, yearAdmissionDates, listingToAdmission, ceremonyToRecognition, findings } = acc;
  return { candidates, stock, flows, admissions, yearAdmissionDates, listingToAdmission, ceremonyToRecognition, findings: [...findings] };
}

/** The accumulator of `unit` from its stored counts. */
export function fromCounts(unit: ReportUnit, counts: UnitCounts): UnitAccumulator {
  return { ...counts, unit, findings: new Map(counts.findings) };
}

/** Median of a sample, the mean of the two middle values for an even count; null for no cases. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
