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

/** The columns of a dossier's candidate, in the order `toDossiers` reads them. */
const CANDIDATE_COLUMNS =
  'c.id, c.unit_code, c.stage, c.full_name, c.gender, c.birth_date, c.education, c.education_exception, c.youth_union_member, ' +
  'c.trade_union_member, c.introduction_path, c.ethnicity, c.religion, c.occupation, c.non_state_enterprise, c.hometown, c.residence, c.occupation_detail';

type Statement = ReturnType<Db['$client']['prepare']>;

/**
 * The four child queries, prepared once. A pass over 50,000 dossiers reads over half a million rows: stepped through
 * the driver a row at a time, an array made in JavaScript for each, they cost about twice what SQLite spends
 * reading them, so SQLite writes each query's rows as one JSON text (`json_group_array`, in the order read) and
 * JSON.parse builds the arrays in one call. They take the candidates' ids as a JSON list and go through the
 * candidate_id indexes, so a chunk costs its own rows; each row starts with the candidate's place in that list
 * (`j.key`, a small integer) instead of its id, a string made for every row.
 */
type ChildQueries = { events: Statement; documents: Statement; introducers: Statement; mentors: Statement };

function childQueries(db: Db): ChildQueries {
  const rows = (columns: string, table: string, where: string) =>
    db.$client.prepare(`SELECT json_group_array(json_array(j.key, ${columns})) FROM json_each(?) j JOIN ${table} t ON t.candidate_id = j.value${where}`).pluck();
  const children = (columns: string, table: string) => rows(columns, table, ' WHERE t.voided_at IS NULL');
  return {
    // Unsorted (SQLite would sort them all): `effectiveEvents` puts each dossier's few in order.
    events: rows('t.id, t.type, t.date, t.payload, t.voids_id, t.seq', 'candidate_events', ''),
    documents: children('t.form, t.date, t.signer, t.issuer, t.note', 'dossier_items'),
    introducers: children('t.name, t.full_member_since, t.worked_together_since, t.replacement, t.letter_date', 'introducers'),
    mentors: children('t.mentor_name, t.role, t.from_date, t.to_date', 'mentor_assignments'),
  };
}

/** The rows of `query` for the candidates `ids` (a JSON list), as arrays. */
const read = (query: Statement, ids: string) => JSON.parse(query.get(ids) as string) as unknown[][];

/** Rows (`[place in the id list, …]`) by place, each made into `T`, in the order read. */
function group<T>(rows: unknown[][], size: number, map: (r: unknown[]) => T): T[][] {
  const out = Array.from({ length: size }, (): T[] => []);
  for (const r of rows) {
    out[r[0] as number]!.push(map(r));
  }
  return out;
}

type Recorded = { event: CandidateEvent; seq: number };

const recordedOrder = (a: Recorded, b: Recorded) => (a.event.date < b.event.date ? -1 : a.event.date > b.event.date ? 1 : a.seq - b.seq);

/**
 * Events in force by place, in date order (recording order within a day), with voided ones removed; payloads were
 * validated when written. Most payloads are one of a few texts (`{}` above all), so each distinct text is parsed
 * once per read; payloads hold only scalars, so spreading the parsed one gives each event its own object.
 */
function effectiveEvents(rows: unknown[][], size: number): CandidateEvent[][] {
  const voided = new Set<unknown>();
  for (const r of rows) {
    if (r[2] === VOID) {
      voided.add(r[5]);
    }
  }
  const payloads = new Map<string, object>();
  const inForce = voided.size === 0 ? rows : rows.filter((r) => r[2] !== VOID && !voided.has(r[1]));
  const recorded = group(inForce, size, (r): Recorded => {
    const text = r[4] as string;
    let payload = payloads.get(text);
    if (!payload) {
      payload = JSON.parse(text) as object;
      payloads.set(text, payload);
    }
    return { event: { ...payload, type: r[2], date: r[3] } as CandidateEvent, seq: r[6] as number };
  });
  return recorded.map((list) => {
    if (list.some((e, i) => i > 0 && recordedOrder(list[i - 1]!, e) > 0)) {
      list.sort(recordedOrder);
    }
    return list.map((e) => e.event);
  });
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
 * Candidate rows (`CANDIDATE_COLUMNS`, as arrays) and their records as dossiers. Voided records of a file count
 * nowhere (docs/corrections.md).
 */
function toDossiers(rows: unknown[][], queries: ChildQueries, unitOf: (code: string) => Dossier['unit']): LoadedCandidate[] {
  if (rows.length === 0) {
    return [];
  }
  const ids = JSON.stringify(rows.map((r) => r[0]));
  const n = rows.length;
  const events = effectiveEvents(read(queries.events, ids), n);
  const documents = group<DossierDocument>(read(queries.documents, ids), n, (r) => ({
    form: r[1] as DossierDocument['form'],
    date: r[2] as string,
    signer: str(r[3]),
    issuer: str(r[4]),
    note: str(r[5]),
  }));
  const introducers = group(read(queries.introducers, ids), n, (r) => ({
    name: r[1] as string,
    fullMemberSince: str(r[2]),
    workedTogetherSince: str(r[3]),
    replacement: r[4] === 1,
    letterDate: str(r[5]),
  }));
  const mentors = group(read(queries.mentors, ids), n, (r) => ({ name: r[1] as string, role: r[2] as 'pre-admission' | 'probation', from: r[3] as string, to: str(r[4]) }));
  return rows.map((c, i) => {
    const unitCode = c[1] as string;
    return {
      id: c[0] as string,
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
        events: events[i]!,
        documents: documents[i]!,
        introducers: introducers[i]!,
        mentors: mentors[i]!,
      },
    };
  });
}

/** All candidates of `unitCode` (optionally only `ids`) as ptdv.dossier/1 documents with their cached stage, in list order. */
export function loadDossiers(db: Db, unitCode: string, ids?: readonly string[]): LoadedCandidate[] {
  const unit = unitFacts(db, unitCode);
  // With ids, the unary + keeps SQLite on the primary key: through the unit index it would read the whole unit.
  const where = ids ? `+c.unit_code = ? AND c.voided_at IS NULL AND c.id IN (SELECT value FROM json_each(?))` : 'c.unit_code = ? AND c.voided_at IS NULL';
  const rows = db.$client
    .prepare(`SELECT ${CANDIDATE_COLUMNS} FROM candidates c WHERE ${where} ORDER BY c.sort_key`)
    .raw()
    .all(...(ids ? [unitCode, JSON.stringify(ids)] : [unitCode])) as unknown[][];
  return toDossiers(rows, childQueries(db), () => unit);
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
  const queries = childQueries(db);
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
        return toDossiers(chosen, queries, unitOf);
      };
      return { heads, dossiers };
    },
  };
}
