import { describe, expect, it } from 'vitest';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { candidateDetail } from '../../electron/core/store/candidates';
import { createCandidate, listCandidates } from '../../electron/core/services/candidate-service';
import { directiveItems, mirrorRecords } from '../../db/schema/index';
import { and, eq } from 'drizzle-orm';
import { addDecision, exportDirective, pendingItems } from '../../electron/core/services/directive-service';
import { listQuarantine } from '../../electron/core/services/quarantine-service';
import { decisionChoices } from '../../electron/core/services/decision-choices';
import { asFile, enrolledPair, readyForAdmission, type TestDb } from '../helpers/sync';

const report = async (unit: TestDb) => asFile(await exportUnitReport(unit.ctx, '2026Q4'));

describe('a decision that does not fit the person', () => {
  it('is refused at the unit with a Vietnamese reason: a recognition for a person at stage Nguồn does not make a full member', async () => {
    const { superior, unit } = await enrolledPair();
    const id = createCandidate(unit.ctx, { fullName: 'Lò Thị Mai', birthDate: '2001-04-02', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-12-01', by: 'doan' });
    await importBundle(superior.ctx, await report(unit));
    const copy = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 10 }).rows.find((r) => r.fullName === 'Lò Thị Mai')!;
    // An older superior (or a hostile bundle) can still send it; the unit must not trust the sender's check.
    const source = superior.ctx.db.select().from(mirrorRecords).where(and(eq(mirrorRecords.localId, copy.id), eq(mirrorRecords.recordKind, 'candidate'))).get()!;
    const body = { candidateId: source.sourceId, kind: 'recognition', number: '7-QĐ/ĐUK', date: '2026-12-15' };
    superior.ctx.db.insert(directiveItems).values({ id: 'old-sender', bundleSha256: null, fromCode: 'DUK01', toCode: 'CB014', kind: 'decision', candidateRef: copy.id, body, createdAt: superior.ctx.clock.now(), acknowledgedAt: null }).run();
    const outcome = await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));

    expect(outcome).toMatchObject({ status: 'applied', summary: { quarantined: 1 } });
    expect(candidateDetail(unit.ctx.db, id).stage).toBe('nguon');
    expect(candidateDetail(unit.ctx.db, id).events.map((e) => e.event.type)).toEqual(['SOURCE_PROPOSED']);
    expect(listQuarantine(unit.ctx.db)[0]?.reason).toContain('Chưa đủ điều kiện công nhận đảng viên chính thức');

    // The unit's next report says so, and the superior reads why.
    const back = await importBundle(superior.ctx, await report(unit));
    expect(back.summary?.warnings).toContainEqual(expect.stringMatching(/^Đơn vị không áp dụng Quyết định công nhận đảng viên chính thức số 7-QĐ\/ĐUK: .*Chưa đủ điều kiện công nhận đảng viên chính thức: người này đang ở giai đoạn «Nguồn/));
  });
});

describe('the superior queues only a decision that fits', () => {
  it('refuses a recognition or an admission for a person at stage Nguồn, with the reason, and queues nothing', async () => {
    const { superior, unit } = await enrolledPair();
    createCandidate(unit.ctx, { fullName: 'Lò Thị Mai', birthDate: '2001-04-02', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-12-01', by: 'doan' });
    const ready = readyForAdmission(unit);
    await importBundle(superior.ctx, await report(unit));
    const rows = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 10 }).rows;
    const mai = rows.find((r) => r.fullName === 'Lò Thị Mai')!;
    const khanh = rows.find((r) => r.fullName === 'Vi Văn Khánh')!;

    expect(() => addDecision(superior.ctx, { candidateId: mai.id, kind: 'recognition', number: '7-QĐ/ĐUK', date: '2026-12-15' })).toThrow(/Chưa đủ điều kiện công nhận đảng viên chính thức: người này đang ở giai đoạn «Nguồn/);
    expect(() => addDecision(superior.ctx, { candidateId: mai.id, kind: 'admission', number: '8-QĐ/ĐUK', date: '2026-12-15' })).toThrow(/Chưa đủ điều kiện ra quyết định kết nạp/);
    expect(() => addDecision(superior.ctx, { candidateId: khanh.id, kind: 'recognition', number: '9-QĐ/ĐUK', date: '2026-12-15' })).toThrow(/Chưa đủ điều kiện công nhận/);
    expect(pendingItems(superior.ctx.db, 'CB014').filter((i) => i.kind === 'decision')).toEqual([]);

    addDecision(superior.ctx, { candidateId: khanh.id, kind: 'admission', number: '10-QĐ/ĐUK', date: '2026-12-15' });
    await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    expect(candidateDetail(unit.ctx.db, ready).stage).toBe('co-quyet-dinh');
  });
});

describe("the decision form's search", () => {
  it('offers by a name typed without diacritics only people the decision fits, and says why a person found is not offered', async () => {
    const { superior, unit } = await enrolledPair();
    createCandidate(unit.ctx, { fullName: 'Lò Thị Mai', birthDate: '2001-04-02', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-12-01', by: 'doan' });
    readyForAdmission(unit);
    await importBundle(superior.ctx, await report(unit));
    const db = superior.ctx.db;

    const all = decisionChoices(db, { unitCode: 'CB014', kind: 'admission' });
    expect(all.offered.map((c) => c.fullName)).toEqual(['Vi Văn Khánh']);
    expect(all.leftOut).toBe(1);
    expect(decisionChoices(db, { unitCode: 'CB014', kind: 'admission', query: 'vi van khanh' }).offered.map((c) => c.fullName)).toEqual(['Vi Văn Khánh']);

    const mai = decisionChoices(db, { unitCode: 'CB014', kind: 'admission', query: 'lo thi mai' });
    expect(mai.offered).toEqual([]);
    expect(mai.notFitting.map((c) => [c.fullName, c.reason])).toEqual([['Lò Thị Mai', expect.stringMatching(/^Chưa đủ điều kiện ra quyết định kết nạp: người này đang ở giai đoạn «Nguồn/)]]);
    // The admission the form offers is one the service queues; a recognition fits no one here.
    expect(decisionChoices(db, { unitCode: 'CB014', kind: 'recognition', query: 'khanh' }).notFitting.map((c) => c.fullName)).toEqual(['Vi Văn Khánh']);
    addDecision(superior.ctx, { candidateId: all.offered[0]!.id, kind: 'admission', number: '10-QĐ/ĐUK', date: '2026-12-15' });
    // Once queued, the person is no longer offered a second admission: two numbers for one person would reach the unit.
    const queued = decisionChoices(db, { unitCode: 'CB014', kind: 'admission', query: 'khanh' });
    expect(queued.offered).toEqual([]);
    expect(queued.notFitting.map((c) => c.reason)).toEqual(['Đã có quyết định kết nạp số 10-QĐ/ĐUK ngày 15/12/2026 cho người này, đang chờ gửi.']);
    expect(() => addDecision(superior.ctx, { candidateId: all.offered[0]!.id, kind: 'admission', number: '11-QĐ/ĐUK', date: '2026-12-16' })).toThrow(/Đã có quyết định kết nạp số 10-QĐ\/ĐUK .*xóa quyết định đó ở mục "Đang chờ gửi"/);
    expect(pendingItems(db, 'CB014').filter((i) => i.kind === 'decision')).toHaveLength(1);
    expect(() => decisionChoices(db, { unitCode: 'CB999', kind: 'admission' })).toThrow('Không có đơn vị cấp dưới mã CB999.');
  });
});
