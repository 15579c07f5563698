import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../../db/types';
import { candidateEvents, candidateFindings, candidates, dossierItems, frozenReports, introducers, members, mentorAssignments, targets } from '../../../db/schema/index';
import type { CandidateRecord, GivenTarget, MemberRecord, UnitReportData } from '../model/bundle-data';
import { groupBy } from '../domain/group-by';
import { storedHeader } from './reports';

/**
 * Reads of what the own unit owns, as its `unit-report` carries them (docs/bundle-format.md "Kinds"), with the ids of
 * its own database. Every list is sorted by id, so the same state always gives the same data.json.
 */


/** The void of a record, only when there is one (records in force read as before corrections existed). */
function voidedOf(row: { voidedAt: string | null; voidReason: string | null; voidedBy: string | null }): { voided?: { at: string; reason: string; by: string } } {
  return row.voidedAt === null ? {} : { voided: { at: row.voidedAt, reason: (row.voidReason ?? '').slice(0, 500), by: (row.voidedBy ?? '').slice(0, 200) } };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** A page of a unit's records in id order: those after `after` (all when null), at most `limit`. */
export type Page = { after: string | null; limit: number };

export function memberRecords(db: DbOrTx, unitCode: string, page: Page): MemberRecord[] {
  return db
    .select()
    .from(members)
    .where(and(eq(members.unitCode, unitCode), page.after === null ? undefined : gt(members.id, page.after)))
    .orderBy(asc(members.id))
    .limit(page.limit)
    .all()
    .map((m) => ({
      id: m.id,
      fullName: m.fullName,
      gender: m.gender,
      birthDate: m.birthDate,
      status: m.status,
      joinedOn: m.joinedOn,
      fullMemberSince: m.fullMemberSince,
      exempt: m.exempt,
      leftOn: m.leftOn,
      leftReason: m.leftReason,
      candidateId: m.candidateId,
      createdAt: m.createdAt,
      updatedAt: m.updatedAt,
      ...voidedOf(m),
    }));
}

/** How many members and candidates the unit has, as its records are listed. */
export function recordCounts(db: DbOrTx, unitCode: string): { members: number; candidates: number } {
  return {
    members: db.select({ n: count() }).from(members).where(eq(members.unitCode, unitCode)).get()?.n ?? 0,
    candidates: db.select({ n: count() }).from(candidates).where(eq(candidates.unitCode, unitCode)).get()?.n ?? 0,
  };
}

/**
 * A page of the unit's candidates with their findings as of `today` (stored findings hold from their as_of through
 * valid_until).
 */
export function candidateRecords(db: DbOrTx, unitCode: string, today: string, page: Page): CandidateRecord[] {
  const rows = db
    .select()
    .from(candidates)
    .where(and(eq(candidates.unitCode, unitCode), page.after === null ? undefined : gt(candidates.id, page.after)))
    .orderBy(asc(candidates.id))
    .limit(page.limit)
    .all();
  const ids = rows.map((c) => c.id);
  const events = groupBy(db.select().from(candidateEvents).where(inArray(candidateEvents.candidateId, ids)).orderBy(asc(candidateEvents.seq)).all(), (r) => r.candidateId);
  const documents = groupBy(db.select().from(dossierItems).where(inArray(dossierItems.candidateId, ids)).all().sort(byId), (r) => r.candidateId);
  const intros = groupBy(db.select().from(introducers).where(inArray(introducers.candidateId, ids)).all().sort(byId), (r) => r.candidateId);
  const mentors = groupBy(db.select().from(mentorAssignments).where(inArray(mentorAssignments.candidateId, ids)).all().sort(byId), (r) => r.candidateId);
  const findings = new Map(db.select().from(candidateFindings).where(inArray(candidateFindings.candidateId, ids)).all().map((f) => [f.candidateId, f]));
  return rows.map((c) => {
      const f = findings.get(c.id);
      return {
        id: c.id,
        fullName: c.fullName,
        gender: c.gender,
        birthDate: c.birthDate,
        education: c.education,
        educationException: c.educationException,
        youthUnionMember: c.youthUnionMember,
        tradeUnionMember: c.tradeUnionMember,
        introductionPath: c.introductionPath,
        ethnicity: c.ethnicity,
        religion: c.religion,
        occupation: c.occupation,
        nonStateEnterprise: c.nonStateEnterprise,
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
        events: (events.get(c.id) ?? []).map((e) => ({ id: e.id, seq: e.seq, type: e.type, date: e.date, payload: e.payload, voidsId: e.voidsId, reason: e.reason, author: e.author, recordedAt: e.recordedAt })),
        documents: (documents.get(c.id) ?? []).map((d) => ({ id: d.id, form: d.form, date: d.date, signer: d.signer, issuer: d.issuer, note: d.note, createdAt: d.createdAt, ...voidedOf(d) })),
        introducers: (intros.get(c.id) ?? []).map((i) => ({ id: i.id, memberId: i.memberId, name: i.name, fullMemberSince: i.fullMemberSince, workedTogetherSince: i.workedTogetherSince, replacement: i.replacement, letterDate: i.letterDate, ...voidedOf(i) })),
        mentors: (mentors.get(c.id) ?? []).map((m) => ({ id: m.id, memberId: m.memberId, mentorName: m.mentorName, role: m.role, fromDate: m.fromDate, toDate: m.toDate, createdAt: m.createdAt, ...voidedOf(m) })),
        findings: f ? { asOf: today, rulebookVersion: f.rulebookVersion, findings: f.findings as NonNullable<CandidateRecord['findings']>['findings'] } : null,
        ...voidedOf(c),
      };
    });
}

/** The targets the unit set itself. */
export function unitTargetRecords(db: DbOrTx, unitCode: string): UnitReportData['targets'] {
  return db
    .select()
    .from(targets)
    .where(and(eq(targets.unitCode, unitCode), eq(targets.source, 'unit')))
    .all()
    .sort(byId)
    .map((t) => ({ id: t.id, year: t.year, period: t.period, kind: t.kind, value: t.value, createdAt: t.createdAt }));
}

/** The targets this unit assigned units below it: what it set itself (no issuer) for a unit other than itself. */
export function givenTargetRecords(db: DbOrTx, selfCode: string): UnitReportData['targetsGiven'] {
  return db
    .select()
    .from(targets)
    .where(and(eq(targets.source, 'superior'), isNull(targets.issuerCode), ne(targets.unitCode, selfCode)))
    .all()
    .sort(byId)
    .map((t) => ({ unitCode: t.unitCode, year: t.year, period: t.period as GivenTarget['period'], kind: t.kind, value: t.value, createdAt: t.createdAt }));
}

/** The unit's frozen reports of periods in `years` (period codes begin with their year), at most `limit`, the latest kept. */
export function frozenReportRecords(db: DbOrTx, unitCode: string, years: readonly number[], limit: number): UnitReportData['frozenReports'] {
  return db
    .select()
    .from(frozenReports)
    .where(and(eq(frozenReports.unitCode, unitCode), inArray(sql`substr(${frozenReports.period}, 1, 4)`, years.map(String))))
    .orderBy(desc(frozenReports.frozenAt))
    .limit(limit)
    .all()
    .sort(byId)
        .map((r) => {
      const header = storedHeader(r.header);
      return { id: r.id, period: r.period, version: r.version, number: r.number, issuedOn: r.issuedOn, frozenAt: r.frozenAt, reason: r.reason, content: r.content as Record<string, unknown>, ...(header ? { header } : {}) };
    });
}
