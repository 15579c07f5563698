import type { Db } from '../../../db/types';
import type { ReportCandidate, ReportEvent, ReportFinding, ReportUnit } from '../domain/reports/types';
import { countUnit } from '../domain/reports/build-report';
import { duplicatesAmong, peopleOf, type Person } from '../domain/reports/duplicates';
import { countsOf, fromCounts, type CountingWindow, type UnitAccumulator, type UnitCounts } from '../domain/reports/unit-accumulator';
import { evaluateDossier, type CalendarSpan } from '../domain/rules/index';
import type { Duplicate } from '../model/report';
import type { CandidateProfile } from '../model/dossier';
import type { Unit } from '../model/entities';
import { evalContext } from './check-service';
import { loadDossiers } from '../store/dossiers';
import { storePeriodFindings, upsertFindings, type FindingsToStore } from '../store/findings';
import { reportCandidateColumns, reportEventLetters, storedUnitCounts, storedUnitPeople, storeUnitCounts } from '../store/reports';
import { fullMembersOn, probationaryOffFileOn } from '../store/targets';
import { targetsForReport } from './target-service';
import { groupBy } from '../domain/group-by';

/**
 * What a report reads from the database, for many units at once. Reading, not counting, is what a superior's
 * report costs: 50,000 candidates, a quarter of a million events and their findings are tens of megabytes of
 * encrypted pages, and every value handed to JavaScript is an allocation the garbage collector later copies. So it
 * reads neither the events nor the stored findings but the summary the database keeps of them on each candidate
 * row (migration 0007), in one pass over the candidates, and loads whole dossiers only for the candidates whose
 * findings must be computed.
 */

const bool = (v: string) => (v === '' ? null : v === '1');

/**
 * Turns summary values into report values. Equal values come back as one shared object: 50,000 candidates have a
 * quarter of a million events but some ten thousand distinct (type, date) pairs, far fewer distinct finding lists and
 * a handful of genders, stages or occupations, and what is shared is allocated and collected once. Report input is
 * read-only, so sharing is safe.
 */
function summaryDecoder(db: Db) {
  const types = reportEventLetters(db);
  const events = new Map<string, ReportEvent>();
  const findingLists = new Map<string, ReportFinding[]>();
  const words = new Map<string, string>();
  const event = (token: string): ReportEvent => {
    let e = events.get(token);
    if (e === undefined) {
      const type = types.get(token[0]!);
      if (type === undefined) {
        throw new Error(`report_events holds a letter no event type has: ${token}`);
      }
      e = { type, date: token.slice(1) };
      events.set(token, e);
    }
    return e;
  };
  return {
    /** `b2025-10-01,g2026-03-31`: the events in force, in no particular order (reports go by their dates). */
    events: (encoded: string): ReportEvent[] => (encoded === '' ? [] : encoded.split(',').map(event)),
    /** `NO_MENTOR:error,…`: the severity follows the last colon, so a code may hold one. */
    findings: (encoded: string): ReportFinding[] => {
      let list = findingLists.get(encoded);
      if (list === undefined) {
        list = encoded === '' ? [] : encoded.split(',').map((pair) => ({ code: pair.slice(0, pair.lastIndexOf(':')), severity: pair.slice(pair.lastIndexOf(':') + 1) }));
        findingLists.set(encoded, list);
      }
      return list;
    },
    /** A short value of few distinct ones; '' is null. */
    word: (v: string): string | null => {
      if (v === '') {
        return null;
      }
      const known = words.get(v);
      if (known !== undefined) {
        return known;
      }
      words.set(v, v);
      return v;
    },
  };
}

/**
 * Findings of the candidates the stored findings cannot answer for, evaluated by the rules engine as of `day` and
 * set on the candidates in place. `all` holds every candidate of each unit: a unit missing them all is loaded whole
 * rather than id by id. What is evaluated goes into the findings store when it is newer than what the store holds, so
 * the screens that follow, in this session or the next, read it instead of evaluating 50,000 dossiers again; a store
 * row never moves back in time, so a past period's findings go to the period store instead of pushing out today's.
 */
function computeMissing(db: Db, missing: ReadonlyMap<string, Missing[]>, all: ReadonlyMap<string, ReportCandidate[]>, day: string): void {
  if (missing.size === 0) {
    return;
  }
  const ctx = evalContext(db);
  const newer: FindingsToStore[] = [];
  const past: { candidateId: string; findings: ReportFinding[]; calendarSpan: CalendarSpan | null }[] = [];
  for (const [unit, list] of missing) {
    const byId = new Map(list.map((m) => [m.candidate.id, m]));
    for (const loaded of loadDossiers(db, unit, list.length === all.get(unit)?.length ? undefined : [...byId.keys()])) {
      const m = byId.get(loaded.id);
      if (m) {
        const e = evaluateDossier(loaded.dossier, day, ctx);
        m.candidate.findings = e.findings.map((f) => ({ code: f.code, severity: f.severity }));
        if (m.storedAsOf < day) {
          newer.push({ candidateId: loaded.id, asOf: day, validUntil: e.validUntil, rulebookVersion: e.rulebookVersion, calendarSpan: e.calendarSpan, findings: e.findings });
        } else {
          past.push({ candidateId: loaded.id, findings: m.candidate.findings, calendarSpan: e.calendarSpan });
        }
      }
    }
  }
  db.transaction(() => {
    upsertFindings(db, newer);
    storePeriodFindings(db, day, past);
  });
}

/** A candidate whose stored findings are not those of the report's day, and the day they are of ('' for none). */
type Missing = { candidate: ReportCandidate; storedAsOf: string };

/**
 * The report input of `units`: each with its candidates (profile, events in force, current stage and findings),
 * full members on 1 January of `year`, full and off-file probationary members on `findingsOn`, and the targets of
 * `year` that apply. Findings are this
 * database's own, evaluated on `findingsOn` (the last day the report counts) with the rulebooks and calendar in force
 * then, for own and mirrored units alike: stored findings answer when they hold on that day (computed on it or before
 * it and valid through it), or the period store holds that day's.
 */
export function loadReportUnits(db: Db, units: readonly Unit[], year: number, findingsOn: string): ReportUnit[] {
  const byUnit = loadCandidates(db, units, findingsOn);
  return withHeads(db, units, year, findingsOn, (u) => byUnit.get(u.code) ?? []);
}

/** Each unit's candidates as a report counts them, with their findings on `findingsOn` (computed where not stored). */
function loadCandidates(db: Db, units: readonly Unit[], findingsOn: string): Map<string, ReportCandidate[]> {
  const col = reportCandidateColumns(db, units, findingsOn);
  const decode = summaryDecoder(db);
  const byUnit = new Map<string, ReportCandidate[]>(units.map((u) => [u.code, []]));
  const missing: (Missing & { unit: string })[] = [];
  for (let i = 0; i < col.rows; i++) {
    // Every column moves on by one value per row, whatever is kept of it.
    const id = col.id.next();
    const unit = col.unitCode.next();
    const profile: CandidateProfile = {
      fullName: col.fullName.next(),
      gender: decode.word(col.gender.next()) as CandidateProfile['gender'],
      birthDate: col.birthDate.next(),
      education: decode.word(col.education.next()) as CandidateProfile['education'],
      youthUnionMember: bool(col.youthUnionMember.next()),
      ethnicity: decode.word(col.ethnicity.next()),
      religion: decode.word(col.religion.next()),
      occupation: decode.word(col.occupation.next()) as CandidateProfile['occupation'],
      nonStateEnterprise: bool(col.nonStateEnterprise.next()),
    };
    const identityKey = col.identityKey.next();
    const events = decode.events(col.reportEvents.next());
    const stage = decode.word(col.stage.next()) ?? '';
    const findingsAsOf = col.findingsAsOf.next();
    const findingsUntil = col.findingsUntil.next();
    const findings = col.reportFindings.next();
    const periodFindings = col.periodFindings.next();
    const list = byUnit.get(unit);
    if (!list) {
      continue;
    }
    const holds = findingsAsOf !== '' && findingsAsOf <= findingsOn && findingsOn <= findingsUntil;
    const stored = holds ? findings : periodFindings !== '' ? periodFindings.slice(1) : null;
    const candidate: ReportCandidate = { id, profile, identityKey, events, stage, findings: stored !== null ? decode.findings(stored) : [] };
    list.push(candidate);
    if (stored === null) {
      missing.push({ unit, candidate, storedAsOf: findingsAsOf });
    }
  }
  computeMissing(db, groupBy(missing, (m) => m.unit), byUnit, findingsOn);
  return byUnit;
}

/**
 * The report units of `units`: full members on 1 January of `year`, full and off-file probationary members on
 * `countedTo` (the day every stock of the report refers to), the targets of `year` that apply.
 */
function withHeads(db: Db, units: readonly Unit[], year: number, countedTo: string, candidatesOf: (u: Unit) => ReportCandidate[]): ReportUnit[] {
  const atYearStart = fullMembersOn(db, `${year}-01-01`);
  const now = fullMembersOn(db, countedTo);
  const probationary = probationaryOffFileOn(db, countedTo);
  const targets = groupBy(targetsForReport(db, year), (t) => t.unitCode);
  return units.map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    fullMembersAtYearStart: atYearStart.get(u.code) ?? 0,
    fullMembersNow: now.get(u.code) ?? 0,
    probationaryOffFile: probationary.get(u.code) ?? 0,
    targets: targets.get(u.code) ?? [],
    candidates: candidatesOf(u),
    parentCode: u.parentCode,
  }));
}

/**
 * `units` counted for the report of `period` (over `window`, findings on `findingsOn`), and the people two of them
 * follow: what a report is made of. A unit's counts and people are kept once made (`report_unit_counts`), so a report
 * or dashboard over a Khối's thousand chi bộ reads a thousand small rows instead of 100,000 candidates; only the units
 * whose candidates changed since, or a period counted to a new day, are read and counted again.
 */
export function countReportUnits(
  db: Db,
  units: readonly Unit[],
  report: { period: string; year: number; findingsOn: string; window: CountingWindow },
): { counts: UnitAccumulator[]; duplicates: Duplicate[] } {
  const { window, findingsOn } = report;
  const key = `${report.period}|${window.countedTo}|${findingsOn}`;
  const codes = units.map((u) => u.code);
  const keptCounts = storedUnitCounts(db, codes, key);
  const keptPeople = storedUnitPeople(db, codes);
  const toLoad = units.filter((u) => !keptCounts.has(u.code) || !keptPeople.has(u.code));
  const loaded = toLoad.length > 0 ? loadCandidates(db, toLoad, findingsOn) : new Map<string, ReportCandidate[]>();
  const heads = withHeads(db, units, report.year, window.countedTo, (u) => loaded.get(u.code) ?? []);
  const newCounts: { unitCode: string; counts: UnitCounts }[] = [];
  const newPeople: { unitCode: string; people: Person[] }[] = [];
  const counts = heads.map((unit) => {
    const kept = keptCounts.get(unit.code);
    if (kept) {
      return fromCounts(unit, kept);
    }
    const acc = countUnit(unit, window);
    newCounts.push({ unitCode: unit.code, counts: countsOf(acc) });
    return acc;
  });
  const people = heads.map((unit) => {
    const kept = keptPeople.get(unit.code);
    if (kept) {
      return kept;
    }
    const own = peopleOf(unit);
    newPeople.push({ unitCode: unit.code, people: own });
    return own;
  });
  if (newCounts.length > 0 || newPeople.length > 0) {
    db.transaction(() => storeUnitCounts(db, key, newCounts, newPeople));
  }
  return { counts, duplicates: duplicatesAmong(units, people) };
}
