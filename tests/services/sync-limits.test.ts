import { and, eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { directiveItems, inbox, quarantine } from '../../db/schema/index';
import { SYNC_LIMITS } from '../../electron/core/domain/bundles/index';
import { receiptSchema, type Receipt } from '../../electron/core/model/bundle-data';
import { candidateDetail } from '../../electron/core/store/candidates';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { continueNumberingAfter, exportUnitReport, nextReportFileName, packAndRecord } from '../../electron/core/services/bundle-export';
import { acceptNewNumbering, importBundle } from '../../electron/core/services/bundle-import';
import { addDecision, addNote, exportDirective, pendingItems, receivedItems, sentItems } from '../../electron/core/services/directive-service';
import { keysInfo } from '../../electron/core/services/key-service';
import { listQuarantine, quarantinePage } from '../../electron/core/services/quarantine-service';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { listUnits, unitDetail } from '../../electron/core/services/units-overview';
import { logicalDump } from '../helpers/dump';
import { asFile, cloneDb, enrol, fileScopedDatabases, fillUnit, readyForAdmission, SUPERIOR, unitSetup, type TestDb } from '../helpers/sync';

/**
 * Bounded sync and sequence recovery (docs/sync-limits.md): a unit's broken export cannot make the directives back
 * to it unreadable or unsendable, nor flood the superior; a decision is delivered only when the unit says so; and
 * a unit that restored an old backup gets out of "stale / conflict" by the next directive, by hand, or by the
 * superior accepting its new numbering after the code is read aloud.
 */

const databases = fileScopedDatabases('ptdv-sync-limits-');
afterAll(() => databases.closeAll());

async function pair(): Promise<{ superior: TestDb; unit: TestDb }> {
  const superior = databases.open(SUPERIOR);
  const unit = databases.open(unitSetup('CB014'));
  await enrol(superior, unit);
  return { superior, unit };
}

const report = async (unit: TestDb) => asFile(await exportUnitReport(unit.ctx, '2026Q4'));

/**
 * The unit's real snapshot plus `bad` member records that fail the superior's checks (half with an impossible
 * birth date, half without a name), packed and signed by the unit as its next report: a buggy export.
 */
async function reportWithBadRecords(unit: TestDb, bad: number) {
  const { data } = buildUnitSnapshot(unit.ctx, '2026Q4');
  const good = data.members[0] as Record<string, unknown>;
  const broken = Array.from({ length: bad }, (_, i) => (i % 2 === 0 ? { ...good, id: `bad-${i}`, birthDate: '2001-02-31' } : { ...good, id: `bad-${i}`, fullName: '' }));
  return asFile(await packAndRecord(unit.ctx, { kind: 'unit-report', to: SUPERIOR.code, label: '2026Q4', data: { ...data, members: [...data.members, ...broken] }, counts: {} }));
}

/** The receipts a unit received, as the directive carried them. */
const receiptsAt = (unit: TestDb): Receipt[] =>
  unit.ctx.db
    .select()
    .from(directiveItems)
    .where(eq(directiveItems.kind, 'receipt'))
    .all()
    .map((r) => receiptSchema.parse(r.body));

const mirroredCount = (superior: TestDb) => listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 500 }).total;

describe('bounded sync', () => {
  it('12,000 bad records: the bundle is refused whole, the next directive still opens at the unit with a receipt that fits, and the decision waits for the unit\'s acknowledgement', async () => {
    const { superior, unit } = await pair();
    fillUnit(unit, 3);
    readyForAdmission(unit, 'Vi Văn Khánh');
    expect((await importBundle(superior.ctx, await report(unit))).status).toBe('applied');
    const mirrored = mirroredCount(superior);
    const chosen = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 500 }).rows.find((r) => r.fullName === 'Vi Văn Khánh')!;
    addDecision(superior.ctx, { candidateId: chosen.id, kind: 'admission', number: '45-QĐ/ĐUK', date: '2026-12-15' });

    const refused = await importBundle(superior.ctx, await reportWithBadRecords(unit, 12_000));
    expect(refused).toMatchObject({ status: 'rejected', code: 'QUARANTINE_LIMIT', from: 'CB014', seq: 3, message: expect.stringContaining('12.000 trong') });
    expect(refused.message).toContain('hơn 1.000');
    expect(quarantinePage(superior.ctx.db, 'CB014', {}).total).toBe(0);
    expect(mirroredCount(superior)).toBe(mirrored);

    const directive = await exportDirective(superior.ctx, 'CB014');
    expect(sentItems(superior.ctx.db, 'CB014')).toEqual([expect.objectContaining({ kind: 'decision', acknowledgedAt: null })]);
    const arrived = await importBundle(unit.ctx, asFile(directive));
    expect(arrived).toMatchObject({ status: 'applied', kind: 'directive' });
    expect(candidateDetail(unit.ctx.db, listCandidates(unit.ctx.db, { offset: 0, limit: 500 }).rows.find((r) => r.fullName === chosen.fullName)!.id).events.some((e) => e.event.type === 'ADMISSION_DECIDED')).toBe(true);
    const refusal = receiptsAt(unit).find((r) => r.seq === 3)!;
    expect(refusal).toMatchObject({ status: 'rejected', errorCode: 'QUARANTINE_LIMIT' });
    expect(refusal.quarantined).toHaveLength(SYNC_LIMITS.receiptSampleRecords);
    expect(refusal.quarantinedCounts.map((c) => c.count)).toEqual([6_000, 6_000]);
    expect(Buffer.byteLength(JSON.stringify(refusal))).toBeLessThan(200_000);
    expect(receivedItems(unit.ctx.db).find((i) => i.kind === 'receipt' && i.text.includes('số 3'))?.text).toMatch(/bị từ chối.*12\.000 bản ghi lỗi: 6\.000 × /);

    // Only the unit's next report, which says it applied that directive, makes the decision delivered.
    expect(sentItems(superior.ctx.db, 'CB014')[0]!.acknowledgedAt).toBeNull();
    expect((await importBundle(superior.ctx, await report(unit))).summary?.warnings).toContain('Đơn vị xác nhận đã nhận 1 mục chỉ đạo (quyết định, ý kiến) đã gửi.');
    expect(sentItems(superior.ctx.db, 'CB014')[0]!.acknowledgedAt).not.toBeNull();
  }, 60_000);

  it('60,000 bad records: refused whole with its code, nothing stored, one receipt however often it is imported, and later directives export and open', async () => {
    const { superior, unit } = await pair();
    fillUnit(unit, 2);
    await importBundle(superior.ctx, await report(unit));
    const flood = await reportWithBadRecords(unit, 60_000);
    expect(await importBundle(superior.ctx, flood, { verifyOnly: true })).toMatchObject({ status: 'rejected', code: 'QUARANTINE_LIMIT' });
    const before = logicalDump(superior.database.sqlite, { only: ['quarantine', 'inbox', 'sync_state', 'mirror_records', 'candidates', 'members'] });
    for (let i = 0; i < 2; i++) {
      expect(await importBundle(superior.ctx, flood)).toMatchObject({ status: 'rejected', code: 'QUARANTINE_LIMIT', message: expect.stringContaining('60.000') });
    }
    expect(logicalDump(superior.database.sqlite, { only: ['quarantine', 'inbox', 'sync_state', 'mirror_records', 'candidates', 'members'] })).toEqual(before);
    expect(pendingItems(superior.ctx.db, 'CB014').filter((i) => i.kind === 'receipt' && i.text.includes('bị từ chối'))).toHaveLength(1);

    for (let round = 0; round < 2; round++) {
      const directive = await exportDirective(superior.ctx, 'CB014');
      expect((await importBundle(unit.ctx, asFile(directive))).status).toBe('applied');
    }
    expect(receiptsAt(unit).filter((r) => r.status === 'rejected')).toHaveLength(1);
  }, 60_000);

  it('quarantines up to the limit, summarises it in the receipt, and lists it a page at a time with the total', async () => {
    const { superior, unit } = await pair();
    fillUnit(unit, 2);
    const outcome = await importBundle(superior.ctx, await reportWithBadRecords(unit, 900));
    expect(outcome).toMatchObject({ status: 'applied', summary: { quarantined: 900 } });
    const first = quarantinePage(superior.ctx.db, 'CB014', { offset: 0, limit: 50 });
    const last = quarantinePage(superior.ctx.db, 'CB014', { offset: 850, limit: 50 });
    expect(first.total).toBe(900);
    expect(first.rows).toHaveLength(50);
    expect(last.rows).toHaveLength(50);
    expect(new Set([...first.rows, ...last.rows].map((r) => r.id)).size).toBe(100);
    expect(quarantinePage(superior.ctx.db, 'CB014', { offset: 900 }).rows).toEqual([]);
    expect(listQuarantine(superior.ctx.db, 'CB014', { limit: 100_000 })).toHaveLength(500);

    await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    const [receipt] = receiptsAt(unit).filter((r) => r.status === 'applied' && r.seq === 2);
    expect(receipt!.quarantined).toHaveLength(SYNC_LIMITS.receiptSampleRecords);
    expect(receipt!.quarantinedCounts).toEqual([
      expect.objectContaining({ recordKind: 'member', count: 450 }),
      expect.objectContaining({ recordKind: 'member', count: 450 }),
    ]);
  }, 60_000);

  it("the unit page carries one page of a unit's candidates and their findings, never the whole unit", async () => {
    const { superior, unit } = await pair();
    fillUnit(unit, 30);
    await importBundle(superior.ctx, await report(unit));
    const whole = unitDetail(superior.ctx, 'CB014', { limit: 100 });
    const page = unitDetail(superior.ctx, 'CB014', { limit: 3 });
    expect(whole.findings.length).toBeGreaterThan(3);
    expect(page.candidates).toHaveLength(3);
    expect(page.findings.length).toBeLessThanOrEqual(3);
    expect(page.findings.every((f) => page.candidates.some((c) => c.id === f.candidateId))).toBe(true);
  }, 60_000);

  it('a directive never fails on what waits for one unit: it carries what fits and the next one the rest', async () => {
    const { superior, unit } = await pair();
    fillUnit(unit, 1);
    await importBundle(superior.ctx, await report(unit));
    const text = 'Đề nghị chi bộ bổ sung hồ sơ. '.repeat(130).slice(0, 3_900);
    superior.ctx.db.transaction(() => {
      for (let i = 0; i < 2_500; i++) {
        addNote(superior.ctx, { unitCode: 'CB014', kind: 'comment', text: `${i}: ${text}` });
      }
    });
    const first = await exportDirective(superior.ctx, 'CB014');
    const left = pendingItems(superior.ctx.db, 'CB014').length;
    expect(left).toBeGreaterThan(0);
    expect(first.bundle.counts.notes).toBe(2_500 - left);
    expect((await importBundle(unit.ctx, asFile(first))).status).toBe('applied');
    const second = await exportDirective(superior.ctx, 'CB014');
    expect(pendingItems(superior.ctx.db, 'CB014')).toEqual([]);
    expect((await importBundle(unit.ctx, asFile(second))).status).toBe('applied');
    expect(receivedItems(unit.ctx.db).filter((i) => i.kind === 'comment')).toHaveLength(2_500);
  }, 120_000);
});

describe('sequence recovery', () => {
  /** A unit that sent reports 2 and 3, then restored the backup it made right after enrolment (seq 1). */
  async function restoredUnit() {
    const { superior, unit } = await pair();
    fillUnit(unit, 2);
    const backup = cloneDb(unit);
    for (let i = 0; i < 2; i++) {
      expect((await importBundle(superior.ctx, await report(unit))).status).toBe('applied');
    }
    return { superior, unit, restored: backup };
  }

  it('a unit that restored an old backup can send again after the next directive, or after continuing its numbering by hand', async () => {
    const { superior, restored } = await restoredUnit();
    const byHand = cloneDb(restored);
    expect((await importBundle(superior.ctx, await report(restored))).status).toBe('conflict');

    const directive = await importBundle(restored.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    expect(directive.summary?.warnings.join(' ')).toContain('gói gửi tiếp sẽ mang số 4');
    const resumed = await importBundle(superior.ctx, await report(restored));
    expect(resumed).toMatchObject({ status: 'applied', seq: 4 });
    expect(resumed.summary?.warnings.join(' ')).toContain('khôi phục dữ liệu cũ');

    expect(() => continueNumberingAfter(byHand.ctx, 1)).toThrow('chỉ có thể đánh số tiếp sau một số lớn hơn');
    expect(continueNumberingAfter(byHand.ctx, 4)).toEqual({ nextSeq: 5 });
    expect(nextReportFileName(byHand.ctx, '2026Q4')).toBe('CB014_DUK01_2026Q4_s000005.ptdv');
    expect((await importBundle(superior.ctx, await report(byHand))).status).toBe('applied');
  }, 60_000);

  it('the superior accepts the unit\'s new numbering once the code read aloud matches, and its later bundles apply', async () => {
    const { superior, unit, restored } = await restoredUnit();
    expect((await importBundle(superior.ctx, await report(restored))).status).toBe('conflict');
    expect((await importBundle(superior.ctx, await report(restored))).status).toBe('conflict');
    expect(listUnits(superior.ctx.db)[0]).toMatchObject({ heldAside: 2, conflicts: 2, lastBundle: { seq: 3 } });

    const before = logicalDump(superior.database.sqlite);
    await expect(acceptNewNumbering(superior.ctx, 'CB014', '0000 0000 0000 0000 0000')).rejects.toThrow('Mã vân tay không khớp');
    expect(logicalDump(superior.database.sqlite)).toEqual(before);

    const code = keysInfo(unit.ctx).own.readAloudCode;
    const accepted = await acceptNewNumbering(superior.ctx, 'CB014', code);
    expect(accepted).toMatchObject({ status: 'applied', seq: 3 });
    expect(listUnits(superior.ctx.db)[0]).toMatchObject({ heldAside: 0, conflicts: 0, missing: [], lastBundle: { seq: 3 } });
    expect(superior.ctx.db.select().from(quarantine).where(and(eq(quarantine.fromCode, 'CB014'), eq(quarantine.recordKind, 'bundle'))).all().every((q) => q.resolvedAt !== null)).toBe(true);

    for (const seq of [4, 5]) {
      expect(await importBundle(superior.ctx, await report(restored))).toMatchObject({ status: 'applied', seq });
    }
    expect(listUnits(superior.ctx.db)[0]).toMatchObject({ heldAside: 0, missing: [], lastBundle: { seq: 5 } });
    expect(superior.ctx.db.select().from(inbox).where(eq(inbox.fromCode, 'CB014')).all().length).toBe(7);
    await expect(acceptNewNumbering(superior.ctx, 'CB014', code)).rejects.toThrow('Không có gói nào');
  }, 60_000);
});
