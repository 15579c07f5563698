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
 * Counts one candidate into its unit's accumulator (RULES.md §5). The stock stage is the rules engine's stage on
 * the counting day; a candidate whose first event comes later is in no stock column yet.
 */
export function accumulate(acc: UnitAccumulator, c: ReportCandidate, w: CountingWindow): void {
  // A superior counts 50,000 candidates per report: no copy of the events when none is after the counting day (the
  // usual case), and the flows a candidate passed through as bits rather than a set per candidate.
  const events = c.events.every((e) => e.date <= w.countedTo) ? c.events : c.events.filter((e) => e.date <= w.countedTo);
  if (events.length > 0) {
    acc.stock[deriveStage(events)] += 1;
  }
  let seen = 0;
  for (const e of events) {
    const flow = FLOW_BIT[e.type];
    if (flow !== undefined && e.date >= w.start) {
      seen |= flow;
    }
  }
  if (seen !== 0) {
    FLOW_KEYS.forEach((flow, i) => (acc.flows[flow] += (seen >> i) & 1));
  }
  countAdmission(acc, c, events, w);
  countRecognition(acc, events, w);
  countFindings(acc, c);
}

/** The earliest day of an event type on or after `from`, whatever order the events are in. */
export function firstDate(events: readonly ReportEvent[], type: EventType, from = '0000-00-00'): string | null {
  let first: string | null = null;
  for (const e of events) {
    if (e.type === type && e.date >= from && (first === null || e.date < first)) {
      first = e.date;
    }
  }
  return first;
}

function countAdmission(acc: UnitAccumulator, c: ReportCandidate, events: readonly ReportEvent[], w: CountingWindow): void {
  const decided = firstDate(events, 'ADMISSION_DECIDED', w.yearStart);
  if (decided === null) {
    return;
  }
  acc.yearAdmissionDates.push(decided);
  const inPeriod = firstDate(events, 'ADMISSION_DECIDED', w.start);
  if (inPeriod === null) {
    return;
  }
  addAdmission(acc.admissions, c.profile, inPeriod);
  const listed = firstDate(events, 'LISTED');
  if (listed !== null && listed <= inPeriod) {
    acc.listingToAdmission.push(daysBetween(listed, inPeriod));
  }
}

function countRecognition(acc: UnitAccumulator, events: readonly ReportEvent[], w: CountingWindow): void {
  const recognized = firstDate(events, 'RECOGNITION_DECIDED', w.start);
  const ceremony = firstDate(events, 'CEREMONY_HELD');
  if (recognized !== null && ceremony !== null && ceremony <= recognized) {
    acc.ceremonyToRecognition.push(daysBetween(ceremony, recognized));
  }
}

/** Errors and anything overdue are what a superior acts on; warnings and infos would drown them. */
export function isReported(f: ReportFinding): boolean {
  return f.severity === 'error' || f.code.endsWith('_OVERDUE');
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

/** Median of a sample, the mean of the two middle values for an even count; null for no cases. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) {
    return null;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
