import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/types';
import {
  candidateEvents,
  candidateFindings,
  candidates,
  dossierItems,
  frozenReports,
  introducers,
  members,
  mentorAssignments,
  targets,
} from '../../../db/schema/index';
import { toSeqRanges } from '../domain/bundles/index';
import type { CandidateRecord, MemberRecord, UnitProfile, UnitReportData } from '../model/bundle-data';
import { parsePeriod } from '../model/report';
import { ensureFindingsFresh } from './check-service';
import type { ServiceContext } from './context';
import { appliedDirectiveSeqs } from './sync-repo';
import { refusedDecisionRows } from '../store/quarantine';
import { appliedRelayedSums } from '../store/relayed';
import { requestAnswers } from '../store/reviews';
import { getSelfUnit } from '../store/units';
import { movesOf } from '../store/moves';

const DECISION_KIND: Readonly<Record<string, string>> = { admission: 'kết nạp', recognition: 'công nhận đảng viên chính thức' };

/** The superior's decisions this unit set aside and has not applied since: the superior learns why. */
function refusedDecisions(db: Db, parentCode: string): UnitReportData['decisionsRefused'] {
  return refusedDecisionRows(db, parentCode, 1_000).map((r) => {
    // The key is "<kind> <number>", as the directive's apply step names it.
    const space = r.key.indexOf(' ');
    const kind = DECISION_KIND[r.key.slice(0, space)] ?? 'của cấp trên';
    return { decision: `Quyết định ${kind} số ${r.key.slice(space + 1)}`.slice(0, 200), reason: r.reason.slice(0, 2000) };
  });
}

/** The schema's bound on acknowledged directive ranges; gaps are rare, and the newest ranges are the ones that matter. */
const DIRECTIVE_ACK_RANGES = 1_000;

/**
 * The `unit-report` snapshot (docs/bundle-format.md "Kinds"): everything the own unit owns, with the ids of its own database.
 * Every list is sorted by id, so the same state always gives the same data.json.
 */

function groupBy<T extends { candidateId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.candidateId);
    if (list) {
      list.push(row);
    } else {
      out.set(row.candidateId, [row]);
    }
  }
  return out;
}

/** The void of a record, only when there is one (records in force read as before corrections existed). */
function voidedOf(row: { voidedAt: string | null; voidReason: string | null; voidedBy: string | null }): { voided?: { at: string; reason: string; by: string } } {
  return row.voidedAt === null ? {} : { voided: { at: row.voidedAt, reason: (row.voidReason ?? '').slice(0, 500), by: (row.voidedBy ?? '').slice(0, 200) } };
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** "2026Q4", "2026-Q4" or "2026" → the report period code, or null for labels that name no period. */
export function periodOfLabel(label: string): string | null {
  const m = /^(\d{4})-?(.*)$/.exec(label);
  if (!m) {
    return null;
  }
  try {
    return parsePeriod(m[2] ? `${m[1]}-${m[2]}` : m[1]!).code;
  } catch {
    return null;
  }
}

function unitProfile(db: Db): UnitProfile {
  const self = getSelfUnit(db);
  return { code: self.code, name: self.name, level: self.level, hasYouthUnion: self.hasYouthUnion, ducsMembers: self.ducsMembers };
}

function memberRecords(db: Db, unitCode: string): MemberRecord[] {
  return db
    .select()
    .from(members)
    .where(eq(members.unitCode, unitCode))
    .orderBy(asc(members.id))
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

/** The unit's candidates with their findings as of `today` (stored findings hold from their as_of through valid_until). */
function candidateRecords(db: Db, unitCode: string, today: string): CandidateRecord[] {
  const ids = db.select({ id: candidates.id }).from(candidates).where(eq(candidates.unitCode, unitCode));
  const events = groupBy(db.select().from(candidateEvents).where(inArray(candidateEvents.candidateId, ids)).orderBy(asc(candidateEvents.seq)).all());
  const documents = groupBy(db.select().from(dossierItems).where(inArray(dossierItems.candidateId, ids)).all().sort(byId));
  const intros = groupBy(db.select().from(introducers).where(inArray(introducers.candidateId, ids)).all().sort(byId));
  const mentors = groupBy(db.select().from(mentorAssignments).where(inArray(mentorAssignments.candidateId, ids)).all().sort(byId));
  const findings = new Map(db.select().from(candidateFindings).where(inArray(candidateFindings.candidateId, ids)).all().map((f) => [f.candidateId, f]));
  return db
    .select()
    .from(candidates)
    .where(eq(candidates.unitCode, unitCode))
    .orderBy(asc(candidates.id))
    .all()
    .map((c) => {
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

/**
 * Builds the own unit's `unit-report` data for period label `label`, with findings computed fresh today.
 * Frozen reports are those of the label's period (none when the label names no period).
 */
export function buildUnitSnapshot(ctx: ServiceContext, label: string, to = getSelfUnit(ctx.db).parentCode): { data: UnitReportData; counts: Record<string, number> } {
  ensureFindingsFresh(ctx);
  const db = ctx.db;
  const unit = unitProfile(db);
  const period = periodOfLabel(label);
  const ownTargets = db
    .select()
    .from(targets)
    .where(and(eq(targets.unitCode, unit.code), eq(targets.source, 'unit')))
    .all()
    .sort(byId)
    .map((t) => ({ id: t.id, year: t.year, period: t.period, kind: t.kind, value: t.value, createdAt: t.createdAt }));
  const reports = period
    ? db
        .select()
        .from(frozenReports)
        .where(and(eq(frozenReports.unitCode, unit.code), eq(frozenReports.period, period)))
        .all()
        .sort(byId)
        .map((r) => ({ id: r.id, period: r.period, version: r.version, number: r.number, issuedOn: r.issuedOn, frozenAt: r.frozenAt, reason: r.reason, content: r.content as Record<string, unknown> }))
    : [];
  const parent = to;
  const directivesApplied = parent ? toSeqRanges(appliedDirectiveSeqs(db, parent), DIRECTIVE_ACK_RANGES) : [];
  const decisionsRefused = parent ? refusedDecisions(db, parent) : [];
  const answers = parent ? requestAnswers(db, parent) : [];
  const moves = movesOf(db, unit.code).map((m) => ({ from: m.from, to: m.to, on: m.on }));
  const relayedApplied = appliedRelayedSums(db, unit.code);
  const data = { unit, members: memberRecords(db, unit.code), candidates: candidateRecords(db, unit.code, ctx.clock.today()), targets: ownTargets, frozenReports: reports, directivesApplied, decisionsRefused, requestAnswers: answers, moves, relayedApplied };
  // An older superior refuses a unit-report with a field it does not know; an empty list says nothing anyway.
  if (answers.length === 0) {
    delete (data as Partial<UnitReportData>).requestAnswers;
  }
  if (moves.length === 0) {
    delete (data as Partial<UnitReportData>).moves;
  }
  if (relayedApplied.length === 0) {
    delete (data as Partial<UnitReportData>).relayedApplied;
  }
  return { data, counts: { candidates: data.candidates.length, members: data.members.length, targets: data.targets.length, frozenReports: data.frozenReports.length } };
}
