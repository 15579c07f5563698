import type { Db } from '../../../db/types';
import { DOSSIER_FORMAT, type CandidateEvent, type Dossier, type DossierDocument } from '../model/dossier';
import { getUnit } from './units';

/**
 * Loads whole dossiers for many candidates with one query per table, for evaluation, reports and bundles over tens
 * of thousands of candidates (a query per candidate would cost more than the work itself). The rows become
 * ptdv.dossier/1 documents in one place, `toDossier`.
 */

/** The event type that voids another event (docs/corrections.md). */
export const VOID = 'VOID';

export type LoadedCandidate = { id: string; unitCode: string; stage: string; dossier: Dossier };

type Raw = Record<string, unknown>;
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown) => (v === null || v === undefined ? null : v === 1 || v === true);

function group<T>(rows: Raw[], map: (r: Raw) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = r.candidate_id as string;
    let list = out.get(key);
    if (!list) {
      list = [];
      out.set(key, list);
    }
    list.push(map(r));
  }
  return out;
}

/**
 * Which rows of the dossier tables to read: `from` follows `FROM <table> t` and `where` is ANDed with the table's
 * own conditions. A whole unit joins the candidates; a list of ids goes straight through the candidate_id indexes,
 * so a chunk costs its own rows, not a pass over its unit.
 */
type ChildFilter = { from: string; where: string; params: unknown[] };

const unitChildren = (unitCode: string): ChildFilter => ({
  from: 'JOIN candidates c ON c.id = t.candidate_id',
  where: 'c.unit_code = ? AND c.voided_at IS NULL',
  params: [unitCode],
});
const idChildren = (ids: readonly string[]): ChildFilter => ({ from: '', where: 't.candidate_id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] });

/** Events in force, in date order, with voided ones removed; payloads were validated when written. */
function effectiveEventsByCandidate(db: Db, f: ChildFilter): Map<string, CandidateEvent[]> {
  const rows = db.$client
    .prepare(`SELECT t.candidate_id, t.id, t.type, t.date, t.payload, t.voids_id FROM candidate_events t ${f.from} WHERE ${f.where} ORDER BY t.candidate_id, t.date, t.seq`)
    .all(...f.params) as Raw[];
  const voided = new Set(rows.filter((r) => r.type === VOID).map((r) => r.voids_id as string));
  return group(
    rows.filter((r) => r.type !== VOID && !voided.has(r.id as string)),
    (r) => ({ ...JSON.parse(r.payload as string), type: r.type, date: r.date }) as CandidateEvent,
  );
}

/** What the rules need to know of a candidate's unit. */
function unitFacts(db: Db, unitCode: string): Dossier['unit'] {
  const unit = getUnit(db, unitCode);
  const fullMembers = (
    db.$client.prepare("SELECT count(*) AS n FROM members WHERE unit_code = ? AND status = 'chinh-thuc' AND left_on IS NULL AND exempt = 0 AND voided_at IS NULL").get(unitCode) as { n: number }
  ).n;
  return { code: unitCode, hasYouthUnion: unit?.hasYouthUnion ?? true, fullMembers, ducsMembers: unit?.ducsMembers ?? null };
}

/** Candidate rows (`c.*`) and their records as dossiers; voided records of a file count nowhere (docs/corrections.md). */
function toDossiers(db: Db, rows: Raw[], f: ChildFilter, unitOf: (code: string) => Dossier['unit']): LoadedCandidate[] {
  if (rows.length === 0) {
    return [];
  }
  const events = effectiveEventsByCandidate(db, f);
  const children = (table: string) => db.$client.prepare(`SELECT t.* FROM ${table} t ${f.from} WHERE t.voided_at IS NULL AND ${f.where}`).all(...f.params) as Raw[];
  const documents = group<DossierDocument>(children('dossier_items'), (r) => ({ form: r.form as DossierDocument['form'], date: r.date as string, signer: str(r.signer), issuer: str(r.issuer), note: str(r.note) }));
  const introducers = group(children('introducers'), (r) => ({ name: r.name as string, fullMemberSince: str(r.full_member_since), workedTogetherSince: str(r.worked_together_since), replacement: r.replacement === 1, letterDate: str(r.letter_date) }));
  const mentors = group(children('mentor_assignments'), (r) => ({ name: r.mentor_name as string, role: r.role as 'pre-admission' | 'probation', from: r.from_date as string, to: str(r.to_date) }));
  return rows.map((c) => {
    const id = c.id as string;
    const unitCode = c.unit_code as string;
    return {
      id,
      unitCode,
      stage: c.stage as string,
      dossier: {
        format: DOSSIER_FORMAT,
        unit: unitOf(unitCode),
        candidate: {
          fullName: c.full_name as string,
          gender: (c.gender as 'nam' | 'nu' | null) ?? null,
          birthDate: c.birth_date as string,
          education: str(c.education) as Dossier['candidate']['education'],
          educationException: str(c.education_exception) as Dossier['candidate']['educationException'],
          youthUnionMember: bool(c.youth_union_member),
          tradeUnionMember: bool(c.trade_union_member),
          introductionPath: str(c.introduction_path) as Dossier['candidate']['introductionPath'],
          ethnicity: str(c.ethnicity),
          religion: str(c.religion),
          occupation: str(c.occupation) as Dossier['candidate']['occupation'],
          nonStateEnterprise: bool(c.non_state_enterprise),
          // Left out when empty: files written before these optional fields existed read back the same.
          ...(c.hometown ? { hometown: String(c.hometown) } : {}),
          ...(c.residence ? { residence: String(c.residence) } : {}),
          ...(c.occupation_detail ? { occupationDetail: String(c.occupation_detail) } : {}),
        },
        events: events.get(id) ?? [],
        documents: documents.get(id) ?? [],
        introducers: introducers.get(id) ?? [],
        mentors: mentors.get(id) ?? [],
      },
    };
  });
}

/** All candidates of `unitCode` (optionally only `ids`) as ptdv.dossier/1 documents with their cached stage, in list order. */
export function loadDossiers(db: Db, unitCode: string, ids?: readonly string[]): LoadedCandidate[] {
  const unit = unitFacts(db, unitCode);
  // With ids, the unary + keeps SQLite on the primary key: through the unit index it would read the whole unit.
  const where = ids ? `+c.unit_code = ? AND c.voided_at IS NULL AND c.id IN (SELECT value FROM json_each(?))` : 'c.unit_code = ? AND c.voided_at IS NULL';
  const params = ids ? [unitCode, JSON.stringify(ids)] : [unitCode];
  const rows = db.$client.prepare(`SELECT c.* FROM candidates c WHERE ${where} ORDER BY c.sort_key`).all(...params) as Raw[];
  return toDossiers(db, rows, ids ? idChildren(ids) : unitChildren(unitCode), () => unit);
}

/**
 * Dossiers by id across units, for a pass over many chunks: each unit's facts are read once per reader. Voided
 * candidates are left out.
 */
export function dossierReader(db: Db): (ids: readonly string[]) => LoadedCandidate[] {
  const units = new Map<string, Dossier['unit']>();
  const unitOf = (code: string) => {
    let unit = units.get(code);
    if (!unit) {
      unit = unitFacts(db, code);
      units.set(code, unit);
    }
    return unit;
  };
  const select = db.$client.prepare('SELECT c.* FROM candidates c WHERE c.id IN (SELECT value FROM json_each(?)) AND c.voided_at IS NULL');
  return (ids) => (ids.length === 0 ? [] : toDossiers(db, select.all(JSON.stringify(ids)) as Raw[], idChildren(ids), unitOf));
}

export type CandidateHead = { id: string; unitCode: string; name: string; stage: string };

/**
 * The candidates of `unitCodes` (voided ones left out), `size` at a time, in the order they are stored (rowid): one
 * pass over the table, whatever the number of units. In that order a chunk reads, and its stored findings rewrite,
 * neighbouring pages; in id order every chunk of 2,000 touched most pages of a 50,000-candidate table, and each
 * commit wrote them all again. The unary + keeps SQLite off the unit index, which would read every candidate of the
 * units for each chunk.
 */
export function* candidateChunks(db: Db, unitCodes: readonly string[], size: number): Generator<CandidateHead[]> {
  const select = db.$client.prepare(
    'SELECT c.rowid AS at, c.id, c.unit_code AS unitCode, c.full_name AS name, c.stage FROM candidates c ' +
      'WHERE c.rowid > ? AND +c.unit_code IN (SELECT value FROM json_each(?)) AND c.voided_at IS NULL ORDER BY c.rowid LIMIT ?',
  );
  const units = JSON.stringify(unitCodes);
  for (let after = 0; ; ) {
    const rows = select.all(after, units, size) as (CandidateHead & { at: number })[];
    if (rows.length === 0) {
      return;
    }
    after = rows.at(-1)!.at;
    yield rows.map(({ id, unitCode, name, stage }) => ({ id, unitCode, name, stage }));
  }
}
