import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { candidateDetail } from '../../electron/core/store/candidates';
import { addDocument, addEvent, addIntroducer, createCandidate, listCandidates } from '../../electron/core/services/candidate-service';
import { candidateChecks, todoPage } from '../../electron/core/services/check-views';
import { stageCounts } from '../../electron/core/services/check-service';
import { reportInput } from '../../electron/core/services/report-service';
import { correctDocument, correctIntroducer, voidCandidate, voidRecord } from '../../electron/core/services/correction-service';
import { createMember, listMembers, memberEdits, updateMember, voidMember } from '../../electron/core/services/member-service';
import { assignMentor } from '../../electron/core/services/mentor-service';
import { mirrorId } from '../../electron/core/services/mirror-apply';
import { addDecision, exportDirective } from '../../electron/core/services/directive-service';
import { listQuarantine } from '../../electron/core/services/quarantine-service';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { listUnits } from '../../electron/core/services/units-overview';
import { testContext } from '../helpers/db';
import { asFile, enrolledPair, fillUnit, readyForAdmission } from '../helpers/sync';

let open: Database[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});
function setup() {
  const t = testContext('2026-11-23');
  open.push(t.database);
  return t.ctx;
}
type Ctx = ReturnType<typeof setup>;

const fullMember = (ctx: Ctx, fullName: string) =>
  createMember(ctx, { fullName, status: 'chinh-thuc', birthDate: '1980-01-01', joinedOn: '2010-01-01', fullMemberSince: '2011-01-01' });

/** A candidate the chi bộ voted on, with two introducers and the 1-KNĐ on file. */
function votedCandidate(ctx: Ctx) {
  const a = fullMember(ctx, 'Trần Văn Bình');
  const b = fullMember(ctx, 'Lê Thị Hoa');
  const id = createCandidate(ctx, { fullName: 'Phạm Văn Dũng', birthDate: '1990-04-02', gender: 'nam' }, { type: 'SOURCE_PROPOSED', date: '2026-03-01', by: 'doan' });
  addIntroducer(ctx, { id, memberId: a.id, workedTogetherSince: '2020-01-01', letterDate: '2026-09-01', replacement: false });
  addIntroducer(ctx, { id, memberId: b.id, workedTogetherSince: '2020-01-01', letterDate: '2026-09-02', replacement: false });
  addDocument(ctx, id, { form: '1-KNĐ', date: '2026-08-01' });
  addEvent(ctx, id, { type: 'CHI_BO_VOTED', date: '2026-10-20', yes: 10, eligible: 12 });
  return { id, a, b };
}

const codes = (ctx: Ctx, id: string) => candidateChecks(ctx.db, id, ctx.clock.today()).evaluation.findings.map((f) => f.code);
const checklistStatus = (ctx: Ctx, id: string, form: string) => candidateChecks(ctx.db, id, ctx.clock.today()).checklist.find((i) => i.form === form)?.status;

describe('corrections of a candidate file', () => {
  it('voids a wrong introducer with a reason: the findings follow and the history keeps it', () => {
    const ctx = setup();
    const { id } = votedCandidate(ctx);
    expect(codes(ctx, id)).not.toContain('INTRODUCERS_INSUFFICIENT');
    const intro = candidateDetail(ctx.db, id).introducers.find((i) => i.name === 'Lê Thị Hoa')!;
    expect(() => voidRecord(ctx, { candidateId: id, kind: 'introducer', recordId: intro.id, reason: ' ' })).toThrow(/lý do/);
    const after = voidRecord(ctx, { candidateId: id, kind: 'introducer', recordId: intro.id, reason: 'Nhầm người giới thiệu' });
    expect(after.introducers.map((i) => i.name)).toEqual(['Trần Văn Bình']);
    expect(after.corrections).toEqual([expect.objectContaining({ kind: 'introducer', id: intro.id, summary: expect.stringContaining('Lê Thị Hoa'), voided: expect.objectContaining({ reason: 'Nhầm người giới thiệu' }) })]);
    expect(codes(ctx, id)).toContain('INTRODUCERS_INSUFFICIENT');
    expect(todoPage(ctx, { offset: 0, limit: 100 }).rows.some((t) => t.candidateId === id && t.code === 'INTRODUCERS_INSUFFICIENT')).toBe(true);
    expect(() => voidRecord(ctx, { candidateId: id, kind: 'introducer', recordId: intro.id, reason: 'Lần nữa' })).toThrow(/đã bị hủy/);
    expect(() => ctx.db.$client.prepare("UPDATE introducers SET name = 'X' WHERE id = ?").run(intro.id)).toThrow(/voided record is history/);

    const binh = after.introducers[0]!;
    const corrected = correctIntroducer(ctx, { id, introducerId: binh.id, reason: 'Ghi sai ngày giấy giới thiệu', memberId: binh.memberId!, workedTogetherSince: '2020-01-01', letterDate: '2026-09-05', replacement: false });
    expect(corrected.introducers.map((i) => [i.name, i.letterDate])).toEqual([['Trần Văn Bình', '2026-09-05']]);
    expect(corrected.corrections.map((c) => c.summary)).toContain('Người giới thiệu Trần Văn Bình, thư ngày 01/09/2026');
  });

  it('voids a wrong document and corrects another: the checklist follows, both old versions stay in the history', () => {
    const ctx = setup();
    const { id } = votedCandidate(ctx);
    expect(checklistStatus(ctx, id, '1-KNĐ')).toBe('present');
    const doc = candidateDetail(ctx.db, id).documents.find((d) => d.form === '1-KNĐ')!;
    voidRecord(ctx, { candidateId: id, kind: 'document', recordId: doc.id, reason: 'Đơn của người khác' });
    expect(checklistStatus(ctx, id, '1-KNĐ')).toBe('missing');
    expect(codes(ctx, id)).toContain('DOCUMENT_MISSING');

    const wrongDay = addDocument(ctx, id, { form: '1-KNĐ', date: '2026-11-01' }).documents.find((d) => d.form === '1-KNĐ')!;
    const corrected = correctDocument(ctx, { candidateId: id, documentId: wrongDay.id, reason: 'Ghi sai ngày', document: { form: '1-KNĐ', date: '2026-08-01' } });
    expect(corrected.documents.filter((d) => d.form === '1-KNĐ').map((d) => d.date)).toEqual(['2026-08-01']);
    expect(corrected.corrections.map((c) => c.voided.reason).sort()).toEqual(['Ghi sai ngày', 'Đơn của người khác']);
    expect(checklistStatus(ctx, id, '1-KNĐ')).toBe('present');
  });

  it('voids a wrong mentor assignment so a new one can be made', () => {
    const ctx = setup();
    const { id, a, b } = votedCandidate(ctx);
    const wrong = assignMentor(ctx, { candidateId: id, memberId: a.id, role: 'pre-admission', from: '2026-03-05' }).mentors[0]!;
    const after = voidRecord(ctx, { candidateId: id, kind: 'mentor', recordId: wrong.id, reason: 'Phân công nhầm người' });
    expect(after.mentors).toEqual([]);
    expect(listCandidates(ctx.db, { offset: 0, limit: 10 }).rows[0]!.mentorName).toBeNull();
    const right = assignMentor(ctx, { candidateId: id, memberId: b.id, role: 'pre-admission', from: '2026-03-05' });
    expect(right.mentors.map((m) => [m.mentorName, m.toDate])).toEqual([['Lê Thị Hoa', null]]);
  });

  it('voids a candidate created by mistake: gone from lists, board and to-do, history kept, nothing more written', () => {
    const ctx = setup();
    const { id } = votedCandidate(ctx);
    const other = createCandidate(ctx, { fullName: 'Phạm Văn Dũng', birthDate: '1990-04-02', gender: 'nam' }, { type: 'CHI_BO_VOTED', date: '2026-10-20', yes: 10, eligible: 12 }, { confirmDuplicate: true });
    expect(listCandidates(ctx.db, { offset: 0, limit: 10 }).total).toBe(2);
    // The to-do list is kept in memory between pages: the void must reach it too.
    expect(todoPage(ctx, { offset: 0, limit: 500 }).rows.some((t) => t.candidateId === other)).toBe(true);
    const voided = voidCandidate(ctx, other, 'Tạo trùng hồ sơ');
    expect(voided.voided).toMatchObject({ reason: 'Tạo trùng hồ sơ' });
    expect(listCandidates(ctx.db, { offset: 0, limit: 10 }).rows.map((r) => r.id)).toEqual([id]);
    expect(listCandidates(ctx.db, { query: 'pham van dung', offset: 0, limit: 10 }).total).toBe(1);
    expect(stageCounts(ctx).reduce((n, s) => n + s.count, 0)).toBe(1);
    expect(reportInput(ctx.db, { year: 2026, asOf: ctx.clock.today() }).units[0]!.candidates.map((c) => c.id)).toEqual([id]);
    expect(todoPage(ctx, { offset: 0, limit: 500 }).rows.every((t) => t.candidateId !== other)).toBe(true);
    expect(() => addEvent(ctx, other, { type: 'LISTED', date: '2026-11-01' })).toThrow(/đã bị hủy/);
    expect(() => voidCandidate(ctx, other, 'Lần nữa')).toThrow(/đã bị hủy/);
    expect(() => candidateChecks(ctx.db, other, ctx.clock.today())).toThrow(/đã bị hủy/);
  });

  it('voids a member entered by mistake: off the roster and the introducer choice, kept in the roster history', () => {
    const ctx = setup();
    const wrong = fullMember(ctx, 'Nguyễn Văn Nhầm');
    fullMember(ctx, 'Trần Văn Bình');
    expect(() => voidMember(ctx, wrong.id, '')).toThrow(/lý do/);
    const voided = voidMember(ctx, wrong.id, 'Không phải đảng viên của chi bộ');
    expect(voided.voided?.reason).toBe('Không phải đảng viên của chi bộ');
    expect(voided.canMentor).toBe(false);
    expect(listMembers(ctx.db, { includeLeft: true }).map((m) => m.fullName)).toEqual(['Trần Văn Bình']);
    expect(listMembers(ctx.db, { voidedOnly: true }).map((m) => m.fullName)).toEqual(['Nguyễn Văn Nhầm']);
    expect(() => updateMember(ctx, wrong.id, { fullName: 'Nguyễn Văn Nhầm', status: 'chinh-thuc' })).toThrow(/đã bị hủy/);
    const binh = listMembers(ctx.db, {})[0]!;
    updateMember(ctx, binh.id, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', birthDate: '1980-01-02', joinedOn: '2010-01-01', fullMemberSince: '2011-01-01' });
    const edit = ctx.db.$client.prepare("SELECT detail FROM audit_log WHERE action = 'update' AND entity = 'member' AND entity_id = ?").pluck().get(binh.id) as string;
    expect(JSON.parse(edit)).toMatchObject({ before: { birthDate: '1980-01-01' }, after: { birthDate: '1980-01-02' } });
    expect(memberEdits(ctx.db)).toEqual([expect.objectContaining({ memberId: binh.id, fullName: 'Trần Văn Bình', changes: [{ field: 'birthDate', before: '1980-01-01', after: '1980-01-02' }] })]);
    // The same person entered again is not a duplicate of a voided record.
    expect(fullMember(ctx, 'Nguyễn Văn Nhầm').voided).toBeNull();
  });
});

describe('corrections travel to the superior', () => {
  it('a document and a candidate voided at the unit are voided in the mirror after the next bundle, and count nowhere', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 6);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const own = listCandidates(unit.ctx.db, { offset: 0, limit: 50 }).rows;
    const withDocs = own.find((r) => candidateDetail(unit.ctx.db, r.id).documents.length > 0)!;
    const doc = candidateDetail(unit.ctx.db, withDocs.id).documents[0]!;
    const mistaken = own.find((r) => r.id !== withDocs.id)!;
    expect(listUnits(superior.ctx.db)[0]!.candidates).toBe(6);
    const mirroredDocs = candidateDetail(superior.ctx.db, mirrorId('CB014', 'candidate', withDocs.id)).documents.length;

    voidRecord(unit.ctx, { candidateId: withDocs.id, kind: 'document', recordId: doc.id, reason: 'Văn bản nhập nhầm' });
    voidCandidate(unit.ctx, mistaken.id, 'Tạo nhầm hồ sơ');
    const outcome = await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(outcome).toMatchObject({ status: 'applied' });

    expect(listUnits(superior.ctx.db)[0]!.candidates).toBe(5);
    const mirrored = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 50 });
    expect(mirrored.total).toBe(5);
    expect(mirrored.rows.some((r) => r.id === mirrorId('CB014', 'candidate', mistaken.id))).toBe(false);
    expect(stageCounts(superior.ctx, 'CB014').reduce((n, s) => n + s.count, 0)).toBe(5);
    const copy = candidateDetail(superior.ctx.db, mirrorId('CB014', 'candidate', withDocs.id));
    expect(copy.documents).toHaveLength(mirroredDocs - 1);
    expect(copy.corrections).toEqual([expect.objectContaining({ kind: 'document', voided: expect.objectContaining({ reason: 'Văn bản nhập nhầm' }) })]);
    expect(candidateDetail(superior.ctx.db, mirrorId('CB014', 'candidate', mistaken.id)).voided).toMatchObject({ reason: 'Tạo nhầm hồ sơ' });
  });

  it('refuses a decision for a voided file, at the superior and again at the unit', async () => {
    const { superior, unit } = await enrolledPair();
    const ready = readyForAdmission(unit);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const copy = mirrorId('CB014', 'candidate', ready);
    // The superior queues the decision from the report it has, then the unit voids the file before applying it.
    addDecision(superior.ctx, { candidateId: copy, kind: 'admission', number: '10-QĐ/ĐUK', date: '2026-12-15' });
    voidCandidate(unit.ctx, ready, 'Tạo nhầm người');
    const outcome = await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    expect(outcome).toMatchObject({ status: 'applied', summary: { quarantined: 1 } });
    expect(listQuarantine(unit.ctx.db)[0]?.reason).toContain('đã bị hủy vì tạo nhầm');
    expect(candidateDetail(unit.ctx.db, ready).events.map((e) => e.event.type)).not.toContain('ADMISSION_DECIDED');

    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(() => addDecision(superior.ctx, { candidateId: copy, kind: 'admission', number: '11-QĐ/ĐUK', date: '2026-12-16' })).toThrow(/đã hủy hồ sơ này vì tạo nhầm/);
  });

  it('leaves records in force as they were written before corrections existed', async () => {
    const { unit } = await enrolledPair();
    fillUnit(unit, 3);
    const data = buildUnitSnapshot(unit.ctx, '2026Q4').data;
    expect(JSON.stringify(data)).not.toContain('voided');
  });
});
