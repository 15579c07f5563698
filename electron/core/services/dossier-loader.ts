import type { Db } from '../../../db/types';
import { DOSSIER_FORMAT, type CandidateEvent, type Dossier, type DossierDocument } from '../model/dossier';
import { getUnit } from '../store/units';
import { VOID } from '../store/candidates';

/**
 * Loads whole dossiers for many candidates with one query per table, for evaluation, reports and bundles over tens
 * of thousands of candidates (a query per candidate would cost more than the work itself).
 */

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

/** Events in force, in date order, with voided ones removed; payloads were validated when written. */
function effectiveEventsByCandidate(db: Db, where: string, params: unknown[]): Map<string, CandidateEvent[]> {
  const rows = db.$client.prepare(`SELECT e.candidate_id, e.id, e.type, e.date, e.payload, e.voids_id FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id WHERE ${where} ORDER BY e.candidate_id, e.date, e.seq`).all(...params) as Raw[];
  const voided = new Set(rows.filter((r) => r.type === VOID).map((r) => r.voids_id as string));
  return group(
    rows.filter((r) => r.type !== VOID && !voided.has(r.id as string)),
    (r) => ({ ...JSON.parse(r.payload as string), type: r.type, date: r.date }) as CandidateEvent,
  );
}

/** All candidates of `unitCode` (optionally only `ids`) as ptdv.dossier/1 documents with their cached stage. */
export function loadDossiers(db: Db, unitCode: string, ids?: readonly string[]): LoadedCandidate[] {
  const sqlite = db.$client;
  const unit = getUnit(db, unitCode);
  // Voided candidates and voided records of a file count nowhere (docs/corrections.md).
  const where = ids ? `c.unit_code = ? AND c.voided_at IS NULL AND c.id IN (SELECT value FROM json_each(?))` : 'c.unit_code = ? AND c.voided_at IS NULL';
  const params = ids ? [unitCode, JSON.stringify(ids)] : [unitCode];
  const fullMembers = (sqlite.prepare("SELECT count(*) AS n FROM members WHERE unit_code = ? AND status = 'chinh-thuc' AND left_on IS NULL AND exempt = 0 AND voided_at IS NULL").get(unitCode) as { n: number }).n;
  const events = effectiveEventsByCandidate(db, where, params);
  const join = (table: string) => sqlite.prepare(`SELECT t.* FROM ${table} t JOIN candidates c ON c.id = t.candidate_id WHERE t.voided_at IS NULL AND ${where}`).all(...params) as Raw[];
  const documents = group<DossierDocument>(join('dossier_items'), (r) => ({ form: r.form as DossierDocument['form'], date: r.date as string, signer: str(r.signer), issuer: str(r.issuer), note: str(r.note) }));
  const introducers = group(join('introducers'), (r) => ({ name: r.name as string, fullMemberSince: str(r.full_member_since), workedTogetherSince: str(r.worked_together_since), replacement: r.replacement === 1, letterDate: str(r.letter_date) }));
  const mentors = group(join('mentor_assignments'), (r) => ({ name: r.mentor_name as string, role: r.role as 'pre-admission' | 'probation', from: r.from_date as string, to: str(r.to_date) }));
  const rows = sqlite.prepare(`SELECT c.* FROM candidates c WHERE ${where} ORDER BY c.sort_key`).all(...params) as Raw[];
  return rows.map((c) => {
    const id = c.id as string;
    return {
      id,
      unitCode,
      stage: c.stage as string,
      dossier: {
        format: DOSSIER_FORMAT,
        unit: { code: unitCode, hasYouthUnion: unit?.hasYouthUnion ?? true, fullMembers, ducsMembers: unit?.ducsMembers ?? null },
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
