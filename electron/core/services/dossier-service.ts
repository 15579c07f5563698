import { crashPoint } from '../../../db/crash-point';
import { bulkWriter, type BulkWriter } from '../store/bulk-writer';
import type { Db, DbOrTx } from '../../../db/types';
import { sameName, searchKey, sortKey } from '../domain/names';
import { dossierDateProblems, errorsOf } from '../domain/plausibility';
import { deriveStage } from '../domain/rules/stage';
import { AppError } from '../errors';
import type { Dossier } from '../model/dossier';
import { candidateRow, liveCandidateIds } from '../store/candidates';
import { loadDossiers } from '../store/dossiers';
import { audit, newId, type ServiceContext } from './context';
import { rosterValues } from './roster-sync';
import { getSelfUnit } from '../store/units';

export type ImportOutcome = { label: string; status: 'created' | 'skipped'; candidateId: string; name: string; note?: string };

const bool = (b: boolean | null | undefined): number | null => (b === null || b === undefined ? null : b ? 1 : 0);
const byDate = <T extends { date: string }>(a: T, b: T) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0);

type Writer = { w: BulkWriter; ctx: ServiceContext; unitCode: string; now: string };

/**
 * The roster member an introducer or mentor of a file is, by the exact name (NFC; diacritics and case matter:
 * "Nguyễn Văn Hưng" is not "Nguyễn Văn Hùng"), preferring members still in the unit. A name nobody has is added to
 * the roster as a full member; a name two members share is left unlinked for the user to choose. Either way
 * `notes` says so in Vietnamese.
 */
function memberByName({ w, unitCode, now }: Writer, name: string, fullMemberSince: string | null, notes: Set<string>): string | null {
  const key = searchKey(name);
  const alike = w.findMembers.all(unitCode, key);
  const exact = alike.filter((m) => sameName(m.fullName, name));
  const current = exact.filter((m) => m.leftOn === null);
  const pool = current.length > 0 ? current : exact;
  if (pool.length === 1) {
    return pool[0]!.id;
  }
  if (pool.length > 1) {
    notes.add(`có ${pool.length} đảng viên cùng tên "${name}" trong danh sách, chưa biết là ai nên chưa liên kết; hãy chọn đúng người trong hồ sơ`);
    return null;
  }
  const near = [...new Set(alike.map((m) => m.fullName))];
  notes.add(
    near.length > 0
      ? `không có đảng viên tên đúng "${name}" (chỉ có ${near.map((n) => `"${n}"`).join(', ')}, khác dấu hoặc chữ hoa); đã thêm "${name}" vào danh sách đảng viên`
      : `"${name}" chưa có trong danh sách đảng viên; đã thêm vào danh sách là đảng viên chính thức`,
  );
  const id = newId();
  w.member.run({ id, unitCode, fullName: name, searchKey: key, sortKey: sortKey(name), gender: null, birthDate: null, status: 'chinh-thuc', joinedOn: null, fullMemberSince, exempt: 0, leftOn: null, leftReason: null, candidateId: null, note: null, createdAt: now, updatedAt: now });
  return id;
}

function writeCandidate(wr: Writer, dossier: Dossier, notes: Set<string>): string {
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
  if (c.hometown || c.residence || c.occupationDetail) {
    w.candidatePlaces.run(c.hometown || null, c.residence || null, c.occupationDetail || null, id);
  }
  events.forEach(({ type, date, ...payload }, i) => w.event.run({ id: newId(), candidateId: id, seq: i + 1, type, date, payload: JSON.stringify(payload), voidsId: null, reason: null, author: ctx.actor, recordedAt: now }));
  for (const d of dossier.documents) {
    w.document.run({ id: newId(), candidateId: id, form: d.form, date: d.date, signer: d.signer ?? null, issuer: d.issuer ?? null, note: d.note ?? null, createdAt: now });
  }
  for (const i of dossier.introducers) {
    const memberId = memberByName(wr, i.name, i.fullMemberSince ?? null, notes);
    w.introducer.run({ id: newId(), candidateId: id, memberId, name: i.name, fullMemberSince: i.fullMemberSince ?? null, workedTogetherSince: i.workedTogetherSince ?? null, replacement: i.replacement ? 1 : 0, letterDate: i.letterDate ?? null });
  }
  for (const m of dossier.mentors) {
    w.mentor.run({ id: newId(), candidateId: id, memberId: memberByName(wr, m.name, null, notes), mentorName: m.name, role: m.role, fromDate: m.from, toDate: m.to ?? null, createdAt: now });
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
    const same = existing.fullName === candidate.fullName ? 'cùng họ tên' : `trùng với "${existing.fullName}" (khác dấu, chữ hoa hoặc ký tự ẩn)`;
    return { label, status: 'skipped', candidateId: existing.id, name: candidate.fullName, note: `đã có người ${same} và cùng ngày sinh trong đơn vị` };
  }
  const notes = new Set<string>();
  if (dossier.unit.code !== wr.unitCode) {
    notes.add(`hồ sơ ghi đơn vị ${dossier.unit.code}, đã nhập vào ${wr.unitCode}`);
  }
  const id = writeCandidate(wr, dossier, notes);
  return { label, status: 'created', candidateId: id, name: candidate.fullName, ...(notes.size > 0 ? { note: [...notes].join('; ') } : {}) };
}

/**
 * Imports already-validated dossiers in ONE transaction: all of them or, if anything fails (or the process dies),
 * none. A person already in the unit (same identity key: name skeleton and birth date) is skipped and reported, so
 * importing a file twice is harmless. Introducers and mentors are matched to the roster by exact name.
 */
export function importDossiers(ctx: ServiceContext, items: readonly { label: string; dossier: Dossier }[], unitCode?: string): ImportOutcome[] {
  const impossible = items.flatMap(({ label, dossier }) => errorsOf(dossierDateProblems(dossier, ctx.clock.today())).map((p) => `${label}: ${p.field}: ${p.message}`));
  if (impossible.length > 0) {
    throw new AppError('validation', `Không nhập gì: ${impossible.join(' ')}`);
  }
  const outcomes = ctx.db.transaction((tx) => {
    const wr: Writer = { w: bulkWriter(ctx.db), ctx, unitCode: unitCode ?? getSelfUnit(tx).code, now: ctx.clock.now() };
    const written = items.map((item) => {
      const outcome = importOne(wr, item.label, item.dossier);
      crashPoint('dossier-import:written');
      return outcome;
    });
    audit(tx, ctx, 'import', 'dossier', null, { files: items.length, created: written.filter((o) => o.status === 'created').length });
    crashPoint('dossier-import:before-commit');
    return written;
  });
  crashPoint('dossier-import:committed');
  return outcomes;
}

/**
 * A candidate's file in the ptdv.dossier/1 format (voided events left out). The fields ptdv adds to the format
 * (docs/dossier-format.md "Fields ptdv adds") are left out when empty, so a file holding none of them is the plain
 * format another tool reads.
 */
export function exportDossier(db: Db, candidateId: string): Dossier {
  const loaded = loadDossiers(db, candidateRow(db, candidateId).unitCode, [candidateId])[0];
  if (!loaded) {
    throw new AppError('not-found', 'Không tìm thấy hồ sơ.');
  }
  const d = loaded.dossier;
  return {
    ...d,
    candidate: withoutEmpty(d.candidate, ['hometown', 'residence', 'occupationDetail']),
    events: d.events.map((e) => withoutEmpty(e, ['note'])),
    documents: d.documents.map((doc) => withoutEmpty(doc, ['issuer', 'note'])),
    introducers: d.introducers.map((i) => withoutEmpty(i, ['letterDate'])),
  };
}

function withoutEmpty<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out = { ...value };
  for (const key of keys) {
    if (out[key] === null || out[key] === undefined) {
      delete out[key];
    }
  }
  return out;
}

/** Ids of all candidates of a unit (own unit by default), in name order. */
export function candidateIds(db: DbOrTx, unitCode?: string): string[] {
  const code = unitCode ?? getSelfUnit(db).code;
  return liveCandidateIds(db, code);
}
