import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { auditLog, unitKeys, units } from '../../db/schema/index';
import { exportTargetTable, importTargetTable, saveTargetTable, targetTable } from '../../electron/core/services/target-table';
import { listTargets, setTarget } from '../../electron/core/services/target-service';
import { recordSuperior, superiorContext } from './report-fixtures';

const TODAY = '2026-11-23';

/**
 * recordSuperior's Khối with CB02 moved under a mirrored ĐUCS DU09: directly below the Khối are CB01 (10 members,
 * decided 31/03 and 30/06, assigned 3, own plan 2), CB03 (5 members, no admission) and DU09 (whose subtree is CB02:
 * 20 members, decided 30/09).
 */
function khoi() {
  const { ctx } = superiorContext(TODAY);
  recordSuperior(ctx);
  ctx.db.insert(units).values({ code: 'DU09', name: 'Đảng ủy Cảng', level: 'dang-bo-co-so', parentCode: 'DUK01', origin: 'mirror' }).run();
  ctx.db.update(units).set({ parentCode: 'DU09' }).where(eq(units.code, 'CB02')).run();
  return ctx;
}

const YEAR = { year: 2026, period: 'year' } as const;
const summary = (t: ReturnType<typeof targetTable>) => t.rows.map((r) => [r.code, r.unitsBelow, r.fullMembersAtYearStart, r.assigned?.targetCount ?? null, r.ownPlan?.targetCount ?? null, r.achieved]);

describe('the targets table of a committee', () => {
  it('has one row per unit directly below, counting each unit’s whole subtree, and totals only units with a target', () => {
    const ctx = khoi();
    const table = targetTable(ctx.db, YEAR, TODAY);
    expect(summary(table)).toEqual([
      ['CB01', 0, 10, 3, 2, 2],
      ['CB03', 0, 5, null, null, 0],
      ['DU09', 1, 20, null, null, 1],
    ]);
    expect(table.total).toEqual({ units: 3, unitsWithTarget: 1, targetCount: 3, achieved: 2, percentAchieved: 66.7, achievedAllUnits: 3 });
    expect([table.own, table.remainder]).toEqual([null, null]);
    expect(targetTable(ctx.db, { year: 2026, period: 'Q1' }, TODAY).rows.map((r) => r.achieved)).toEqual([1, 0, 0]);
  });

  it('leaves out a unit whose key nobody confirmed, as Tổng quan does, and refuses a target for it by name', () => {
    const ctx = khoi();
    ctx.db.insert(unitKeys).values({ id: 'k-cb03', unitCode: 'CB03', kind: 'ed25519', publicKey: 'ssh-ed25519 AAAA', fingerprint: 'SHA256:x', status: 'active', verifiedAt: null, createdAt: TODAY }).run();
    expect(targetTable(ctx.db, YEAR, TODAY).rows.map((r) => r.code)).toEqual(['CB01', 'DU09']);
    expect(() => saveTargetTable(ctx, { ...YEAR, entries: [{ unitCode: 'CB03', kind: 'count', value: 1 }] })).toThrow('CB03 (Chi bộ Vận tải): chưa xác nhận khóa của đơn vị');
    expect(listTargets(ctx.db, { unitCode: 'CB03', year: 2026 }, TODAY)).toEqual([]);
  });

  it('shows what is left of the committee’s own target once the units’ targets are taken out', () => {
    const ctx = khoi();
    setTarget(ctx, { ...YEAR, kind: 'count', value: 8, source: 'superior' });
    saveTargetTable(ctx, { ...YEAR, entries: [{ unitCode: 'DU09', kind: 'percent-of-full-members', value: 10 }] });
    const table = targetTable(ctx.db, YEAR, TODAY);
    expect(table.own).toMatchObject({ source: 'superior', targetCount: 8, achieved: 3, fullMembersAtYearStart: 35 });
    expect(table.rows.find((r) => r.code === 'DU09')?.assigned).toEqual({ kind: 'percent-of-full-members', value: 10, targetCount: 2 });
    expect([table.total.targetCount, table.remainder]).toEqual([5, 3]);
    // The committee's own line in the targets list counts the same tree.
    expect(listTargets(ctx.db, { unitCode: 'DUK01', year: 2026 }, TODAY).map((t) => [t.source, t.fullMembersAtYearStart, t.targetCount, t.achieved])).toEqual([['superior', 35, 8, 3]]);
  });

  it('saves every row at once, a blank withdrawing the assignment, and leaves unchanged rows alone', () => {
    const ctx = khoi();
    const audits = () => ctx.db.select().from(auditLog).all().length;
    const entries = [
      { unitCode: 'CB01', kind: 'count' as const, value: null },
      { unitCode: 'cb03', kind: 'count' as const, value: 1 },
      { unitCode: 'DU09', kind: 'count' as const, value: 4 },
    ];
    expect(saveTargetTable(ctx, { ...YEAR, entries })).toEqual({ changed: 3 });
    expect(summary(targetTable(ctx.db, YEAR, TODAY)).map((r) => [r[0], r[3], r[4]])).toEqual([
      ['CB01', null, 2],
      ['CB03', 1, null],
      ['DU09', 4, null],
    ]);
    const before = audits();
    expect(saveTargetTable(ctx, { ...YEAR, entries })).toEqual({ changed: 0 });
    expect(audits()).toBe(before);
  });

  it('refuses a table with any bad row, naming each, and changes nothing', () => {
    const ctx = khoi();
    const before = targetTable(ctx.db, YEAR, TODAY);
    const bad = [
      { unitCode: 'CB01', kind: 'count' as const, value: 1.5 },
      { unitCode: 'CB02', kind: 'count' as const, value: 1 },
      { unitCode: 'DU09', kind: 'percent-of-full-members' as const, value: 120 },
      { unitCode: 'CB03', kind: 'count' as const, value: 2 },
    ];
    expect(() => saveTargetTable(ctx, { ...YEAR, entries: bad })).toThrow(
      'Chưa lưu bảng chỉ tiêu Năm 2026: CB01 (Chi bộ Cơ khí): chỉ tiêu theo số lượng phải là số nguyên. CB02: không phải đơn vị trực thuộc (chỉ giao chỉ tiêu cho đơn vị ngay dưới mình). DU09 (Đảng ủy Cảng): chỉ tiêu theo tỷ lệ phải từ 0 đến 100 (%).',
    );
    expect(targetTable(ctx.db, YEAR, TODAY)).toEqual(before);
  });

  it('goes out to XLSX and back: a filled-in copy sets the targets, a foreign code or a bad cell refuses the file', async () => {
    const ctx = khoi();
    const fill = async (edit: (ws: ExcelJS.Worksheet) => void) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await exportTargetTable(ctx.db, { year: 2026, period: 'Q3' }, TODAY)) as unknown as ArrayBuffer);
      edit(wb.worksheets[0]!);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    };
    // Rows 9, 10, 11 are CB01, CB03, DU09 under the header on row 8.
    await fill((ws) => {
      expect([8, 9, 10, 11].map((r) => ws.getCell(r, 1).value)).toEqual(['Mã đơn vị', 'CB01', 'CB03', 'DU09']);
    });
    const bad = await fill((ws) => {
      ws.getCell(9, 5).value = 2;
      ws.getCell(10, 4).value = 'hộ';
      ws.getCell(11, 1).value = 'CB02';
      ws.getCell(11, 5).value = '-1';
    });
    await expect(importTargetTable(ctx, bad)).rejects.toThrow('dòng 10, cột D (Tính theo): "hộ" cần là "người" hoặc "%"; dòng 11, cột E (Chỉ tiêu): "-1" không phải là số không âm');
    const foreign = await fill((ws) => {
      ws.getCell(9, 5).value = 2;
      ws.getCell(11, 1).value = 'CB02';
    });
    await expect(importTargetTable(ctx, foreign)).rejects.toThrow('dòng 11, cột A (Mã đơn vị): "CB02"');
    expect(targetTable(ctx.db, { year: 2026, period: 'Q3' }, TODAY).total.unitsWithTarget).toBe(0);
    await expect(importTargetTable(ctx, new TextEncoder().encode('not a workbook'))).rejects.toThrow('cần tệp Excel (.xlsx)');

    const good = await fill((ws) => {
      ws.getCell(9, 5).value = 2;
      ws.getCell(11, 4).value = '%';
      ws.getCell(11, 5).value = '7,5';
    });
    expect(await importTargetTable(ctx, good)).toEqual({ year: 2026, period: 'Q3', entries: 3, changed: 2 });
    const q3 = targetTable(ctx.db, { year: 2026, period: 'Q3' }, TODAY);
    expect(summary(q3).map((r) => [r[0], r[3], r[5]])).toEqual([
      ['CB01', 2, 0],
      ['CB03', null, 0],
      ['DU09', 2, 1],
    ]);
    expect(q3.rows[2]!.assigned).toEqual({ kind: 'percent-of-full-members', value: 7.5, targetCount: 2 });

    // The copy that goes out again: its header stays in sight, its day is a date, and its totals add up.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportTargetTable(ctx.db, { year: 2026, period: 'Q3' }, TODAY)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 8 });
    expect(ws.getCell(5, 2).value).toEqual(new Date(`${q3.countedTo}T00:00:00Z`));
    expect(ws.getCell(5, 2).numFmt).toBe('dd/mm/yyyy');
    const members = (codes: string[]) => q3.rows.filter((r) => codes.includes(r.code)).reduce((n, r) => n + r.fullMembersAtYearStart, 0);
    expect([12, 13].map((r) => [ws.getCell(r, 2).value, ws.getCell(r, 3).value, ws.getCell(r, 6).value, ws.getCell(r, 7).value])).toEqual([
      ['Tổng cộng (2/3 đơn vị có chỉ tiêu)', members(['CB01', 'DU09']), 4, q3.total.achieved],
      ['Tất cả 3 đơn vị', members(['CB01', 'CB03', 'DU09']), null, q3.total.achievedAllUnits],
    ]);
  });
});
