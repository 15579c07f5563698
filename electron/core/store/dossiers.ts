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

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const bool = (v: unknown) => (v === null || v === undefined ? null : v === 1 || v === true);

/**
 * Which rows of the dossier tables to read: `from` follows `FROM <table> t` and `where` is ANDed with the table's
 * own conditions. A whole unit joins the candidates; a list of ids goes straight through the candidate_id indexes,
 * so a chunk costs its own rows, not a pass over its unit.
 */
type ChildFilter = { from: string; where: string };

const UNIT_CHILDREN: ChildFilter = { from: 'JOIN candidates c ON c.id = t.candidate_id', where: 'c.unit_code = ? AND c.voided_at IS NULL' };
const ID_CHILDREN: ChildFilter = { from: '', where: 't.candidate_id IN (SELECT value FROM json_each(?))' };

/** The columns of a dossier's candidate, in the order `toDossiers` reads them. */
const CANDIDATE_COLUMNS =
  'c.id, c.unit_code, c.stage, c.full_name, c.gender, c.birth_date, c.education, c.education_exception, c.youth_union_member, ' +
  'c.trade_union_member, c.introduction_path, c.ethnicity, c.religion, c.occupation, c.non_state_enterprise, c.hometown, c.residence, c.occupation_detail';

type Statement = ReturnType<Db['$client']['prepare']>;

/**
 * The four child queries of one filter, prepared once and read as arrays (`raw`): a pass over 50,000 dossiers reads
 * over half a million rows, and an object per row with every column was most of its time.
 */
type ChildQueries = { events: Statement; documents: Statement; introducers: Statement; mentors: Statement };

function childQueries(db: Db, f: ChildFilter): ChildQueries {
  const children = (columns: string, table: string) => db.$client.prepare(`SELECT ${columns} FROM ${table} t ${f.from} WHERE t.voided_at IS NULL AND ${f.where}`).raw();
  return {
    // In the order of the events_candidate index, so SQLite does not sort: the date order is made per dossier.
    events: db.$client.prepare(`SELECT t.candidate_id, t.id, t.type, t.date, t.payload, t.voids_id FROM candidate_events t ${f.from} WHERE ${f.where} ORDER BY t.candidate_id, t.seq`).raw(),
    documents: children('t.candidate_id, t.form, t.date, t.signer, t.issuer, t.note', 'dossier_items'),
    introducers: children('t.candidate_id, t.name, t.full_member_since, t.worked_together_since, t.replacement, t.letter_date', 'introducers'),
    mentors: children('t.candidate_id, t.mentor_name, t.role, t.from_date, t.to_date', 'mentor_assignments'),
  };
}

/** Rows (`[candidate_id, …]`) by candidate, each made into `T`, in the order read. */
function group<T>(rows: unknown[][], map: (r: unknown[]) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = r[0] as string;
    const list = out.get(key);
    if (list) {
      list.push(map(r));
    } else {
      out.set(key, [map(r)]);
    }
  }
  return out;
}

const byDate = (a: CandidateEvent, b: CandidateEvent) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

/**
 * Events in force, in date order (recording order within a day), with voided ones removed; `rows` come in recording
 * order per candidate. Payloads were validated when written. Most payloads are one of a few texts (`{}` above all),
 * so each distinct text is parsed once per read; payloads hold only scalars, so spreading the parsed one gives each
 * event its own object.
 */
function effectiveEventsByCandidate(rows: unknown[][]): Map<string, CandidateEvent[]> {
  const voided = new Set<unknown>();
  for (const r of rows) {
    if (r[2] === VOID) {
      voided.add(r[5]);
    }
  }
  const payloads = new Map<string, object>();
  const inForce = voided.size === 0 ? rows : rows.filter((r) => r[2] !== VOID && !voided.has(r[1]));
  const events = group(inForce, (r) => {
    const text = r[4] as string;
    let payload = payloads.get(text);
    if (!payload) {
      payload = JSON.parse(text) as object;
      payloads.set(text, payload);
    }
    return { ...payload, type: r[2], date: r[3] } as CandidateEvent;
  });
  for (const list of events.values()) {
    // Mostly recorded in date order already; sort is stable, so a day's events keep their recording order.
    if (list.some((e, i) => i > 0 && e.date < list[i - 1]!.date)) {
      list.sort(byDate);
    }
  }
  return events;
}

/** What the rules need to know of a candidate's unit. */
function unitFacts(db: Db, unitCode: string): Dossier['unit'] {
  const unit = getUnit(db, unitCode);
  const fullMembers = (
    db.$client.prepare("SELECT count(*) AS n FROM members WHERE unit_code = ? AND status = 'chinh-thuc' AND left_on IS NULL AND exempt = 0 AND voided_at IS NULL").get(unitCode) as { n: number }
  ).n;
  return { code: unitCode, hasYouthUnion: unit?.hasYouthUnion ?? true, fullMembers, ducsMembers: unit?.ducsMembers ?? null };
}

/**
 * Candidate rows (`CANDIDATE_COLUMNS`, as arrays) and their records as dossiers; `param` selects the children as the
 * queries' filter says. Voided records of a file count nowhere (docs/corrections.md).
 */
function toDossiers(rows: unknown[][], queries: ChildQueries, param: string, unitOf: (code: string) => Dossier['unit']): LoadedCandidate[] {
  if (rows.length === 0) {
    return [];
  }
  const events = effectiveEventsByCandidate(queries.events.all(param) as unknown[][]);
  const documents = group<DossierDocument>(queries.documents.all(param) as unknown[][], (r) => ({
    form: r[1] as DossierDocument['form'],
    date: r[2] as string,
    signer: str(r[3]),
    issuer: str(r[4]),
    note: str(r[5]),
  }));
  const introducers = group(queries.introducers.all(param) as unknown[][], (r) => ({
    name: r[1] as string,
    fullMemberSince: str(r[2]),
    workedTogetherSince: str(r[3]),
    replacement: r[4] === 1,
    letterDate: str(r[5]),
  }));
  const mentors = group(queries.mentors.all(param) as unknown[][], (r) => ({ name: r[1] as string, role: r[2] as 'pre-admission' | 'probation', from: r[3] as string, to: str(r[4]) }));
  return rows.map((c) => {
    const id = c[0] as string;
    const unitCode = c[1] as string;
    return {
      id,
      unitCode,
      stage: c[2] as string,
      dossier: {
        format: DOSSIER_FORMAT,
        unit: unitOf(unitCode),
        candidate: {
          fullName: c[3] as string,
          gender: (c[4] as 'nam' | 'nu' | null) ?? null,
          birthDate: c[5] as string,
          education: str(c[6]) as Dossier['candidate']['education'],
          educationException: str(c[7]) as Dossier['candidate']['educationException'],
          youthUnionMember: bool(c[8]),
          tradeUnionMember: bool(c[9]),
          introductionPath: str(c[10]) as Dossier['candidate']['introductionPath'],
          ethnicity: str(c[11]),
          religion: str(c[12]),
          occupation: str(c[13]) as Dossier['candidate']['occupation'],
          nonStateEnterprise: bool(c[14]),
          // Left out when empty: files written before these optional fields existed read back the same.
          ...(c[15] ? { hometown: String(c[15]) } : {}),
          ...(c[16] ? { residence: String(c[16]) } : {}),
          ...(c[17] ? { occupationDetail: String(c[17]) } : {}),
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
  const idList = ids ? JSON.stringify(ids) : null;
  const rows = db.$client
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM candidates c WHERE ${where} ORDER BY c.sort_key`)
    .raw()
    .all(...(idList === null ? [unitCode] : [unitCode, idList])) as unknown[][];
  return idList === null ? toDossiers(rows, childQueries(db, UNIT_CHILDREN), unitCode, () => unit) : toDossiers(rows, childQueries(db, ID_CHILDREN), idList, () => unit);
}

export type CandidateHead = { id: string; unitCode: string; name: string; stage: string };

/** A chunk of candidates in rowid order; `dossiers` loads those of `ids` (all of them by default) whole. */
export type CandidateChunk = { heads: CandidateHead[]; dossiers: (ids?: readonly string[]) => LoadedCandidate[] };

/**
 * The live candidates of `unitCodes` by ranges of rowid, with what their dossiers need: a pass over the table in the
 * order it is stored, whatever the number of units. In that order a chunk reads, and its stored findings rewrite,
 * neighbouring pages; in id order every chunk of 2,000 touched most pages of a 50,000-candidate table, and each
 * commit wrote them all again. The unary + keeps SQLite off the unit index, which would read every candidate of the
 * units for each chunk. Each unit's facts are read once per reader and the queries prepared once.
 */
export function candidateRanges(db: Db, unitCodes: readonly string[]): { lastRowid: number; chunk: (after: number, upTo: number) => CandidateChunk } {
  const units = new Map<string, Dossier['unit']>();
  const unitOf = (code: string) => {
    let unit = units.get(code);
    if (!unit) {
      unit = unitFacts(db, code);
      units.set(code, unit);
    }
    return unit;
  };
  const select = db.$client
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM candidates c WHERE c.rowid > ? AND c.rowid <= ? AND +c.unit_code IN (SELECT value FROM json_each(?)) AND c.voided_at IS NULL ORDER BY c.rowid`)
    .raw();
  const queries = childQueries(db, ID_CHILDREN);
  const codes = JSON.stringify(unitCodes);
  const lastRowid = (db.$client.prepare('SELECT max(rowid) FROM candidates').pluck().get() as number | null) ?? 0;
  return {
    lastRowid,
    chunk: (after, upTo) => {
      const rows = select.all(after, upTo, codes) as unknown[][];
      const heads = rows.map((r) => ({ id: r[0] as string, unitCode: r[1] as string, name: r[3] as string, stage: r[2] as string }));
      const dossiers = (ids?: readonly string[]) => {
        const wanted = ids ? new Set(ids) : null;
        const chosen = wanted ? rows.filter((r) => wanted.has(r[0] as string)) : rows;
        return chosen.length === 0 ? [] : toDossiers(chosen, queries, JSON.stringify(chosen.map((r) => r[0])), unitOf);
      };
      return { heads, dossiers };
    },
  };
}
