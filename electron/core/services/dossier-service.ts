import { eq } from 'drizzle-orm';
import { bulkWriter, type BulkWriter } from '../../../db/repos/bulk-writer';
import type { Db, DbOrTx } from '../../../db/types';
import { candidates } from '../../../db/schema/index';
import { searchKey, sortKey } from '../domain/names';
import { deriveStage } from '../domain/rules/stage';
import { AppError } from '../errors';
import type { Dossier } from '../model/dossier';
import { candidateRow } from './candidate-repo';
import { loadDossiers } from './dossier-loader';
import { audit, newId, type ServiceContext } from './context';
import { rosterValues } from './roster-sync';
import { getSelfUnit } from './unit-service';

export type ImportOutcome = { label: string; status: 'created' | 'skipped'; candidateId: string; name: string; note?: string };

const bool = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);
const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

type Writer = { w: BulkWriter; ctx: ServiceContext; unitCode: string; now: string };

/** A roster member by name (ignoring diacritics), created as a full member when the unit does not have them yet. */
function memberByName({ w, unitCode, now }: Writer, name: string, fullMemberSince: string | null): string {
  const key = searchKey(name);
  const found = w.findMember.get(unitCode, key);
  if (found) {
    return found.id;
  }
  const id = newId();
  w.member.run({ id, unitCode, fullName: name, searchKey: key, sortKey: sortKey(name), gender: null, birthDate: null, status: 'chinh-thuc', joinedOn: null, fullMemberSince, exempt: 0, leftOn: null, leftReason: null, candidateId: null, note: null, createdAt: now, updatedAt: now });
  return id;
}

function writeCandidate(wr: Writer, dossier: Dossier): string {
  const { w, ctx, unitCode, now } = wr;
  const c = dossier.candidate;
  const events = [...dossier.events].sort(byDate);
  const id = newId();
  w.candidate.run({
    id, unitCode, fullName: c.fullName, searchKey: searchKey(c.fullName), sortKey: sortKey(c.fullName), gender: c.gender ?? null, birthDate: c.birthDate,
    education: c.education ?? null, educationException: c.educationException ?? null, youthUnionMember: bool(c.youthUnionMember), tradeUnionMember: bool(c.tradeUnionMember),
    introductionPath: c.introductionPath ?? null, ethnicity: c.ethnicity ?? null, religion: c.religion ?? null, occupation: c.occupation ?? null,
    nonStateEnterprise: bool(c.nonStateEnterprise), stage: deriveStage(events), createdAt: now, updatedAt: now,
  });
  events.forEach(({ type, date, ...payload }, i) => w.event.run({ id: newId(), candidateId: id, seq: i + 1, type, date, payload: JSON.stringify(payload), voidsId: null, reason: null, author: ctx.actor, recordedAt: now }));
  for (const d of dossier.documents) {
    w.document.run({ id: newId(), candidateId: id, form: d.form, date: d.date, signer: d.signer ?? null, issuer: d.issuer ?? null, note: d.note ?? null, createdAt: now });
  }
  for (const i of dossier.introducers) {
    const memberId = memberByName(wr, i.name, i.fullMemberSince ?? null);
    w.introducer.run({ id: newId(), candidateId: id, memberId, name: i.name, fullMemberSince: i.fullMemberSince ?? null, workedTogetherSince: i.workedTogetherSince ?? null, replacement: i.replacement ? 1 : 0, letterDate: i.letterDate ?? null });
  }
  for (const m of dossier.mentors) {
    w.mentor.run({ id: newId(), candidateId: id, memberId: memberByName(wr, m.name, null), mentorName: m.name, role: m.role, fromDate: m.from, toDate: m.to ?? null, createdAt: now });
  }
  const roster = rosterValues(events);
  if (roster) {
    w.member.run({ id: newId(), unitCode, fullName: c.fullName, searchKey: searchKey(c.fullName), sortKey: sortKey(c.fullName), gender: c.gender ?? null, birthDate: c.birthDate, exempt: 0, candidateId: id, note: null, createdAt: now, updatedAt: now, ...roster });
  }
  return id;
}

function importOne(wr: Writer, label: string, dossier: Dossier): ImportOutcome {
  const { candidate } = dossier;
  const existing = wr.w.findCandidate.get(wr.unitCode, searchKey(candidate.fullName), candidate.birthDate);
  if (existing) {
    return { label, status: 'skipped', candidateId: existing.id, name: candidate.fullName, note: 'đã có người cùng họ tên và ngày sinh' };
  }
  const id = writeCandidate(wr, dossier);
  const note = dossier.unit.code !== wr.unitCode ? `hồ sơ ghi đơn vị ${dossier.unit.code}, đã nhập vào ${wr.unitCode}` : undefined;
  return { label, status: 'created', candidateId: id, name: candidate.fullName, ...(note ? { note } : {}) };
}

/**
 * Imports already-validated dossiers in ONE transaction: all of them or, if anything fails (or the process dies),
 * none. A person already in the unit (same name and birth date) is skipped, so importing a file twice is harmless.
 * Introducers and mentors missing from the roster are added to it as full members.
 */
export function importDossiers(ctx: ServiceContext, items: readonly { label: string; dossier: Dossier }[], unitCode?: string): ImportOutcome[] {
  return ctx.db.transaction((tx) => {
    const wr: Writer = { w: bulkWriter(ctx.db), ctx, unitCode: unitCode ?? getSelfUnit(tx).code, now: ctx.clock.now() };
    const outcomes = items.map((item) => importOne(wr, item.label, item.dossier));
    audit(tx, ctx, 'import', 'dossier', null, { files: items.length, created: outcomes.filter((o) => o.status === 'created').length });
    return outcomes;
  });
}

/** A candidate's file in the ptdv.dossier/1 format (voided events left out). */
export function exportDossier(db: Db, candidateId: string): Dossier {
  const loaded = loadDossiers(db, candidateRow(db, candidateId).unitCode, [candidateId])[0];
  if (!loaded) {
    throw new AppError('not-found', 'Không tìm thấy hồ sơ.');
  }
  return loaded.dossier;
}

/** Ids of all candidates of a unit (own unit by default), in name order. */
export function candidateIds(db: DbOrTx, unitCode?: string): string[] {
  const code = unitCode ?? getSelfUnit(db).code;
  return db.select({ id: candidates.id }).from(candidates).where(eq(candidates.unitCode, code)).orderBy(candidates.sortKey).all().map((r) => r.id);
}
