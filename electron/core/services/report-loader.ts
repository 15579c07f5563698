import type { Db } from '../../../db/types';
import type { ReportCandidate, ReportFinding, ReportUnit } from '../domain/reports/types';
import { evaluateDossier } from '../domain/rules/index';
import { DOSSIER_FORMAT, type CandidateEvent, type CandidateProfile, type Dossier } from '../model/dossier';
import type { Target } from '../model/targets';
import type { Unit } from '../model/entities';
import { VOID } from './candidate-repo';
import { evalContext } from './check-service';
import { loadDossiers } from './dossier-loader';
import { fullMembersOn, targetsForReport } from './target-service';

/**
 * What a report reads from the database, for many units at once: profiles and events in one query per table
 * (whole dossiers with documents, introducers and mentors are three times the reading and reports never look at
 * them), findings from the cache, and whole dossiers only for the candidates whose findings must be computed.
 */

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown) => (v === null || v === undefined ? null : v === 1 || v === true);
const IN_UNITS = 'c.unit_code IN (SELECT value FROM json_each(?))';

function profileOf(c: Raw): CandidateProfile {
  return {
    fullName: c.full_name as string,
    gender: (c.gender as 'nam' | 'nu' | null) ?? null,
    birthDate: c.birth_date as string,
    education: str(c.education) as CandidateProfile['education'],
    educationException: str(c.education_exception) as CandidateProfile['educationException'],
    youthUnionMember: bool(c.youth_union_member),
    tradeUnionMember: bool(c.trade_union_member),
    introductionPath: str(c.introduction_path) as CandidateProfile['introductionPath'],
    ethnicity: str(c.ethnicity),
    religion: str(c.religion),
    occupation: str(c.occupation) as CandidateProfile['occupation'],
    nonStateEnterprise: bool(c.non_state_enterprise),
  };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

type EventRow = [candidateId: string, id: string, seq: number, type: string, date: string, payload: string, voidsId: string | null];

/** Events in force per candidate, voided ones removed, in date order (recording order within a day). */
function eventsByCandidate(db: Db, codes: string): Map<string, CandidateEvent[]> {
  const rows = db.$client
    .prepare(`SELECT e.candidate_id, e.id, e.seq, e.type, e.date, e.payload, e.voids_id FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id WHERE ${IN_UNITS}`)
    .raw()
    .all(codes) as EventRow[];
  const voided = new Set(rows.filter((r) => r[3] === VOID).map((r) => r[6]));
  const seqs = new Map<CandidateEvent, number>();
  const out = new Map<string, CandidateEvent[]>();
  for (const [candidateId, id, seq, type, date, payload] of rows) {
    if (type === VOID || voided.has(id)) {
      continue;
    }
    const event = (payload === '{}' ? { type, date } : { ...JSON.parse(payload), type, date }) as CandidateEvent;
    seqs.set(event, seq);
    pushTo(out, candidateId, event);
  }
  const order = (a: CandidateEvent, b: CandidateEvent) => (a.date < b.date ? -1 : a.date > b.date ? 1 : seqs.get(a)! - seqs.get(b)!);
  out.forEach((list) => list.sort(order));
  return out;
}

type Cached = { asOf: string; findings: ReportFinding[] };

function cachedFindings(db: Db, codes: string): Map<string, Cached> {
  const rows = db.$client
    .prepare(`SELECT f.candidate_id, f.as_of, f.findings FROM candidate_findings f JOIN candidates c ON c.id = f.candidate_id WHERE ${IN_UNITS}`)
    .raw()
    .all(codes) as [string, string, string][];
  const out = new Map<string, Cached>();
  for (const [id, asOf, json] of rows) {
    const list = JSON.parse(json) as { code: string; severity: string }[];
    out.set(id, { asOf, findings: list.map((f) => ({ code: f.code, severity: f.severity })) });
  }
  return out;
}

/**
 * Findings of the candidates the cache cannot answer for, evaluated by the rules engine as of `asOf`. The own
 * unit's cache holds only when it was computed for that very day; a mirrored unit's findings are the ones its
 * bundle carried, whatever day the unit computed them, since it is the unit that answers for them.
 */
function computeMissing(db: Db, units: readonly Unit[], rows: readonly Raw[], cache: Map<string, Cached>, asOf: string): void {
  const mirror = new Set(units.filter((u) => u.origin === 'mirror').map((u) => u.code));
  const missing = new Map<string, string[]>();
  for (const c of rows) {
    const id = c.id as string;
    const unit = c.unit_code as string;
    const hit = cache.get(id);
    if (!hit || (!mirror.has(unit) && hit.asOf !== asOf)) {
      pushTo(missing, unit, id);
    }
  }
  if (missing.size === 0) {
    return;
  }
  const ctx = evalContext(db);
  const counts = new Map<string, number>();
  rows.forEach((c) => counts.set(c.unit_code as string, (counts.get(c.unit_code as string) ?? 0) + 1));
  for (const [unit, ids] of missing) {
    for (const loaded of loadDossiers(db, unit, ids.length === counts.get(unit) ? undefined : ids)) {
      const findings = evaluateDossier(loaded.dossier, asOf, ctx).findings.map((f) => ({ code: f.code, severity: f.severity }));
      cache.set(loaded.id, { asOf, findings });
    }
  }
}

/**
 * The report input of `units`: each with its candidates (profile, events in force, current stage and findings),
 * full members on 1 January of `year` and on `asOf`, and the targets of `year` that apply.
 */
export function loadReportUnits(db: Db, units: readonly Unit[], year: number, asOf: string): ReportUnit[] {
  const codes = JSON.stringify(units.map((u) => u.code));
  const rows = db.$client.prepare(`SELECT c.* FROM candidates c WHERE ${IN_UNITS} ORDER BY c.unit_code, c.sort_key`).all(codes) as Raw[];
  const events = eventsByCandidate(db, codes);
  const findings = cachedFindings(db, codes);
  computeMissing(db, units, rows, findings, asOf);
  const byUnit = new Map<string, ReportCandidate[]>(units.map((u) => [u.code, []]));
  for (const c of rows) {
    const id = c.id as string;
    const unitCode = c.unit_code as string;
    const dossier: Dossier = { format: DOSSIER_FORMAT, unit: { code: unitCode }, candidate: profileOf(c), events: events.get(id) ?? [], documents: [], introducers: [], mentors: [] };
    byUnit.get(unitCode)?.push({ id, dossier, stage: c.stage as string, findings: findings.get(id)?.findings ?? [] });
  }
  const atYearStart = fullMembersOn(db, `${year}-01-01`);
  const now = fullMembersOn(db, asOf);
  const targets = new Map<string, Target[]>();
  targetsForReport(db, year).forEach((t) => pushTo(targets, t.unitCode, t));
  return units.map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    fullMembersAtYearStart: atYearStart.get(u.code) ?? 0,
    fullMembersNow: now.get(u.code) ?? 0,
    targets: targets.get(u.code) ?? [],
    candidates: byUnit.get(u.code) ?? [],
  }));
}
