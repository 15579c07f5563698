import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../../db/types';
import type { ReportCandidate, ReportEvent, ReportFinding, ReportUnit } from '../domain/reports/types';
import { evaluateDossier } from '../domain/rules/index';
import type { CandidateProfile, EventType } from '../model/dossier';
import type { Target } from '../model/targets';
import type { Unit } from '../model/entities';
import { VOID } from './candidate-repo';
import { evalContext } from './check-service';
import { loadDossiers } from './dossier-loader';
import { fullMembersOn, targetsForReport } from './target-service';

/**
 * What a report reads from the database, for many units at once. Reading, not counting, is what a superior's
 * report costs: 50,000 candidates, a quarter of a million events and their findings are tens of megabytes of
 * encrypted pages, and every value handed to JavaScript is an allocation. So it reads only what reports count
 * (profile columns, event types and dates, finding codes and severities), one pass per table, and whole dossiers
 * only for the candidates whose findings must be computed.
 */

/** Record and field separators of packed rows; free text has them replaced so they cannot split a value. */
const RS = '\x1e';
const FS = '\x1f';
const text = (column: string) => `replace(replace(ifnull(${column}, ''), char(30), ' '), char(31), ' ')`;

/**
 * The rows of a query as lines of string fields, fetched as ONE string that SQLite joins in C and V8 splits.
 * better-sqlite3 allocates an array and a value per column for every row, which at a quarter of a million events
 * costs more than decrypting the pages; packed, the whole read takes about half the time. NULL comes back as ''.
 */
function packedLines(db: Db, columns: readonly string[], from: string, params: readonly unknown[]): string[] {
  const packed = db.$client.prepare(`SELECT group_concat(${columns.join(" || char(31) || ")}, char(30)) ${from}`).pluck().get(...params) as string | null;
  return packed ? packed.split(RS) : [];
}

function packedRows(db: Db, columns: readonly string[], from: string, params: readonly unknown[]): string[][] {
  return packedLines(db, columns, from, params).map((line) => line.split(FS));
}

const CANDIDATE_COLUMNS = ['c.id', 'c.unit_code', text('c.full_name'), 'c.search_key', text('c.gender'), 'c.birth_date', text('c.education'), text('c.youth_union_member'), text('c.ethnicity'), text('c.religion'), text('c.occupation'), text('c.non_state_enterprise'), 'c.stage'];
type CandidateRaw = [id: string, unitCode: string, fullName: string, nameKey: string, gender: string, birthDate: string, education: string, youthUnionMember: string, ethnicity: string, religion: string, occupation: string, nonStateEnterprise: string, stage: string];

const orNull = (v: string) => (v === '' ? null : v);
const bool = (v: string) => (v === '' ? null : v === '1');

/**
 * A filter on the candidates of `codes`. When they hold most of the database (a superior's report over all its
 * units) one pass over the tables beats an index lookup per candidate, so the unary + turns the index off and the
 * events and findings are read without a join; a single unit's report goes through the unit index.
 */
function unitFilter(db: Db, codes: string): { where: string; scan: boolean } {
  const count = (sqlText: string, ...params: unknown[]) => db.$client.prepare(sqlText).pluck().get(...params) as number;
  const scan = count('SELECT count(*) FROM candidates WHERE unit_code IN (SELECT value FROM json_each(?))', codes) * 2 > count('SELECT count(*) FROM candidates');
  return { where: `${scan ? '+' : ''}c.unit_code IN (SELECT value FROM json_each(?))`, scan };
}

/** FROM clause of a per-candidate table (alias `t`), joined to the candidates only when the filter needs it. */
function fromTable(table: string, filter: { where: string; scan: boolean }): string {
  return filter.scan ? `FROM ${table} t` : `FROM ${table} t JOIN candidates c ON c.id = t.candidate_id WHERE ${filter.where}`;
}

function profileOf(r: CandidateRaw): CandidateProfile {
  return {
    fullName: r[2],
    gender: orNull(r[4]) as CandidateProfile['gender'],
    birthDate: r[5],
    education: orNull(r[6]) as CandidateProfile['education'],
    youthUnionMember: bool(r[7]),
    ethnicity: orNull(r[8]),
    religion: orNull(r[9]),
    occupation: orNull(r[10]) as CandidateProfile['occupation'],
    nonStateEnterprise: bool(r[11]),
  };
}

/**
 * Events in force per candidate, voided ones removed, in no particular order (reports count by date, not by
 * position). Only the few voided events are looked up by id, so the pass over the table needs no event ids.
 */
function eventsByCandidate(db: Db, codes: string, filter: { where: string; scan: boolean }): Map<string, ReportEvent[]> {
  const lines = packedLines(db, ['t.candidate_id', 't.seq', 't.type', 't.date', "ifnull(t.voids_id, '')"], fromTable('candidate_events', filter), filter.scan ? [] : [codes]);
  const voidMark = `${FS}${VOID}${FS}`;
  const voidedIds = lines.filter((line) => line.includes(voidMark)).map((line) => line.slice(line.lastIndexOf(FS) + 1));
  const voided = new Set(
    voidedIds.length === 0
      ? []
      : (db.$client.prepare('SELECT candidate_id, seq FROM candidate_events WHERE id IN (SELECT value FROM json_each(?))').raw().all(JSON.stringify(voidedIds)) as [string, number][]).map(([c, seq]) => `${c}|${seq}`),
  );
  const out = new Map<string, ReportEvent[]>();
  for (const line of lines) {
    const [candidateId, seq, type, date] = line.split(FS) as [string, string, string, string];
    if (type === VOID || (voided.size > 0 && voided.has(`${candidateId}|${seq}`))) {
      continue;
    }
    pushTo(out, candidateId, { type: type as EventType, date });
  }
  return out;
}

type Cached = { asOf: string; findings: ReportFinding[] };

/** Codes and severities only: SQLite picks them out of the stored findings, whose messages reports never show. */
function cachedFindings(db: Db, codes: string, filter: { where: string; scan: boolean }): Map<string, Cached> {
  const pairs = "ifnull((SELECT group_concat((j.value ->> '$.code') || ':' || (j.value ->> '$.severity')) FROM json_each(t.findings) j), '')";
  const rows = packedRows(db, ['t.candidate_id', 't.as_of', pairs], fromTable('candidate_findings', filter), filter.scan ? [] : [codes]);
  const out = new Map<string, Cached>();
  for (const [id, asOf, list] of rows as [string, string, string][]) {
    const findings = list
      ? list.split(',').map((pair) => {
          const [code, severity] = pair.split(':') as [string, string];
          return { code, severity };
        })
      : [];
    out.set(id, { asOf, findings });
  }
  return out;
}

/**
 * Findings of the candidates the cache cannot answer for, evaluated by the rules engine as of `asOf`. The own
 * unit's cache holds only when it was computed for that very day; a mirrored unit's findings are the ones its
 * bundle carried, whatever day the unit computed them, since it is the unit that answers for them.
 */
function computeMissing(db: Db, units: readonly Unit[], rows: readonly CandidateRaw[], cache: Map<string, Cached>, asOf: string): void {
  const mirror = new Set(units.filter((u) => u.origin === 'mirror').map((u) => u.code));
  const missing = new Map<string, string[]>();
  const counts = new Map<string, number>();
  for (const [id, unit] of rows) {
    counts.set(unit, (counts.get(unit) ?? 0) + 1);
    const hit = cache.get(id);
    if (!hit || (!mirror.has(unit) && hit.asOf !== asOf)) {
      pushTo(missing, unit, id);
    }
  }
  if (missing.size === 0) {
    return;
  }
  const ctx = evalContext(db);
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
  const filter = unitFilter(db, codes);
  const rows = packedRows(db, CANDIDATE_COLUMNS, `FROM candidates c WHERE ${filter.where}`, [codes]) as CandidateRaw[];
  const events = eventsByCandidate(db, codes, filter);
  const findings = cachedFindings(db, codes, filter);
  computeMissing(db, units, rows, findings, asOf);
  const byUnit = new Map<string, ReportCandidate[]>(units.map((u) => [u.code, []]));
  for (const r of rows) {
    const id = r[0];
    byUnit.get(r[1])?.push({ id, profile: profileOf(r), nameKey: r[3], events: events.get(id) ?? [], stage: r[12], findings: findings.get(id)?.findings ?? [] });
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

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * Admission days per unit (or of one unit) in `year` up to `until`, read straight from the events without loading
 * dossiers (target lists): per candidate the first admission decision in force dated in the year, which is what
 * buildReport counts towards targets.
 */
export function admissionDatesByUnit(db: DbOrTx, year: number, until: string, unitCode?: string): Map<string, string[]> {
  const end = until < `${year}-12-31` ? until : `${year}-12-31`;
  const rows = db.all<{ unit: string; day: string }>(sql`
    SELECT c.unit_code AS unit, min(e.date) AS day
    FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id
    WHERE e.type = 'ADMISSION_DECIDED' AND e.date BETWEEN ${`${year}-01-01`} AND ${end}
      AND ${unitCode === undefined ? sql`1` : sql`c.unit_code = ${unitCode}`}
      AND NOT EXISTS (SELECT 1 FROM candidate_events v WHERE v.candidate_id = e.candidate_id AND v.type = ${VOID} AND v.voids_id = e.id)
    GROUP BY e.candidate_id`);
  const out = new Map<string, string[]>();
  rows.forEach((r) => pushTo(out, r.unit, r.day));
  return out;
}
