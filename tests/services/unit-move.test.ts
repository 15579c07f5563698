import { describe, expect, it } from 'vitest';
import { exportMoveNotice, exportUnitReport, requestEnrolment } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { exportDirective } from '../../electron/core/services/directive-service';
import { confirmUnit, exportTrustFile } from '../../electron/core/services/key-service';
import { unitProfile } from '../../electron/core/services/unit-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { recordMoveOut } from '../../electron/core/services/unit-move-service';
import { listUnits } from '../../electron/core/services/units-overview';
import { targetTable } from '../../electron/core/services/target-table';
import { overseenUnits } from '../../electron/core/store/units';
import { logicalDump } from '../helpers/dump';
import { fixedClock } from '../../electron/core/ports';
import { testContext } from '../helpers/db';
import { asFile, enrol, fillUnit, TODAY, type TestDb } from '../helpers/sync';

const ducs = (code: string) => testContext(TODAY, { code, name: `Đảng ủy ${code}`, level: 'dang-bo-co-so', parentCode: 'DUK01' });

describe('a chi bộ moving to another đảng ủy cơ sở', () => {
  it('is an explicit re-enrolment: refused without --move, then numbered from 1 towards the new superior, and the old one is no longer obeyed', async () => {
    const [du1, du2] = [ducs('DU001'), ducs('DU002')];
    const cell = testContext(TODAY, { code: 'CB011', name: 'Chi bộ 11', level: 'chi-bo', parentCode: 'DU001' });
    const first = await importBundle(du1.ctx, asFile(await requestEnrolment(cell.ctx, exportTrustFile(du1.ctx))));
    confirmUnit(du1.ctx, 'CB011', first.enrolment!.readAloudCode);
    expect((await importBundle(du1.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q4')))).status).toBe('applied');

    await expect(requestEnrolment(cell.ctx, exportTrustFile(du2.ctx))).rejects.toMatchObject({ code: 'TRUST_OTHER_SUPERIOR' });
    expect(unitProfile(cell.ctx).parentCode).toBe('DU001');

    const moved = await requestEnrolment(cell.ctx, exportTrustFile(du2.ctx), { move: true });
    expect(moved.bundle.fileName).toBe('CB011_DU002_DANGKY_s000001.ptdv');
    expect(unitProfile(cell.ctx)).toMatchObject({ parentCode: 'DU002', enrolled: true });
    const accepted = await importBundle(du2.ctx, asFile(moved));
    confirmUnit(du2.ctx, 'CB011', accepted.enrolment!.readAloudCode);
    const report = await importBundle(du2.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q4')));
    expect(report).toMatchObject({ status: 'applied', seq: 2 });

    // A directive the old superior makes afterwards is not taken: the cell answers to DU002 now.
    const old = await importBundle(cell.ctx, asFile(await exportDirective(du1.ctx, 'CB011')));
    expect(old).toMatchObject({ status: 'rejected', code: 'KIND_NOT_ACCEPTED' });
    const current = await importBundle(cell.ctx, asFile(await exportDirective(du2.ctx, 'CB011')));
    expect(current.status).toBe('applied');
  });
});

describe('the superiors of a chi bộ that moved', () => {
  const MOVED_ON = '2026-10-01';
  /** The cell's clock on the day it confirms the move: the move is recorded from that day. */
  const onDay = (unit: TestDb, day: string): TestDb['ctx'] => ({ ...unit.ctx, clock: fixedClock(day) });
  const counted = (superior: TestDb, period: string) => {
    const report = buildUnitReport(superior.ctx.db, { period, all: true, asOf: TODAY });
    return Object.fromEntries(report.units.map((u) => [u.code, u.candidates]));
  };

  async function moved() {
    const [du1, du2] = [ducs('DU001'), ducs('DU002')];
    const cell = testContext(TODAY, { code: 'CB012', name: 'Chi bộ 12', level: 'chi-bo', parentCode: 'DU001' });
    const other = testContext(TODAY, { code: 'CB011', name: 'Chi bộ 11', level: 'chi-bo', parentCode: 'DU001' });
    fillUnit(cell, 6, 12);
    fillUnit(other, 4, 11);
    await enrol(du1, cell);
    await enrol(du1, other);
    await importBundle(du1.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q3')));
    await importBundle(du1.ctx, asFile(await exportUnitReport(other.ctx, '2026Q3')));
    const accepted = await importBundle(du2.ctx, asFile(await requestEnrolment(onDay(cell, MOVED_ON), exportTrustFile(du2.ctx), { move: true })));
    confirmUnit(du2.ctx, 'CB012', accepted.enrolment!.readAloudCode);
    return { du1, du2, cell, other };
  }

  it('the old superior learns of the move from the unit’s last file, keeps its history and counts it only in periods that end before the day', async () => {
    const { du1, du2, cell } = await moved();
    expect(counted(du1, '2026-Q4')).toEqual({ CB011: 4, CB012: 6 });

    const notice = await exportMoveNotice(cell.ctx);
    expect(notice.bundle.fileName).toBe('CB012_DU001_CHUYENDI_s000003.ptdv');
    expect(notice.move).toMatchObject({ from: { code: 'DU001' }, to: { code: 'DU002' }, on: MOVED_ON });
    const told = await importBundle(du1.ctx, asFile(notice));
    expect(told.status).toBe('applied');
    expect(told.summary?.warnings).toContain('Đơn vị CB012 đã chuyển sang DU002 (Đảng ủy DU002) từ ngày 01/10/2026: giữ lại lịch sử, chỉ tính trong các kỳ kết thúc trước ngày đó.');

    // The quarter that ends before the move is still the old superior's; the one the unit ends under the new one is not.
    expect(counted(du1, '2026-Q3')).toEqual({ CB011: 4, CB012: 6 });
    expect(counted(du1, '2026-Q4')).toEqual({ CB011: 4 });
    expect(counted(du1, '2026')).toEqual({ CB011: 4 });
    expect(listUnits(du1.ctx.db).find((u) => u.code === 'CB012')).toMatchObject({ candidates: 6, movedOut: { to: { code: 'DU002', name: 'Đảng ủy DU002' }, on: MOVED_ON, source: 'unit' } });
    expect(listUnits(du1.ctx.db).find((u) => u.code === 'CB011')?.movedOut).toBeNull();
    // Nor is it among the units the to-do list, people search and duplicate checks span, nor in the year's targets table.
    expect(overseenUnits(du1.ctx.db).map((u) => u.code)).toEqual(['DU001', 'CB011']);
    await expect(exportDirective(du1.ctx, 'CB012')).rejects.toMatchObject({ code: 'UNIT_MOVED_OUT', message: 'Đơn vị CB012 đã chuyển sang DU002 từ ngày 01/10/2026: không gửi chỉ đạo cho đơn vị nữa.' });
    expect(targetTable(du1.ctx.db, { year: 2026, period: 'year' }, TODAY).rows.map((r) => r.code)).toEqual(['CB011']);

    // The new superior takes the whole history, the events before the move included, and counts from the move on.
    const first = await importBundle(du2.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q4')));
    expect(first.summary?.warnings).toContain('Đơn vị CB012 chuyển đến từ DU001 (Đảng ủy DU001) từ ngày 01/10/2026: tính từ kỳ có ngày đó trở đi.');
    const events = (db: TestDb) => db.ctx.db.$client.prepare("SELECT count(*), min(e.date) FROM candidate_events e JOIN candidates c ON c.id = e.candidate_id WHERE c.unit_code = 'CB012'").raw().get() as [number, string];
    expect(events(du2)).toEqual(events(cell));
    expect(events(du2)[1] < MOVED_ON).toBe(true);
    expect(counted(du2, '2026-Q4')).toEqual({ CB012: 6 });
    expect(() => counted(du2, '2026-Q3')).not.toThrow();
    expect(counted(du2, '2026-Q3')).toEqual({});
    expect(listUnits(du2.ctx.db).find((u) => u.code === 'CB012')?.movedOut).toBeNull();
  });

  it('a unit that cannot send is recorded as moved by hand; bad input changes nothing', async () => {
    const { du1 } = await moved();
    const before = logicalDump(du1.database.sqlite);
    const refused = [
      { unitCode: 'CB099', date: MOVED_ON, toCode: 'DU002' },
      { unitCode: 'CB012', date: '2026-13-01', toCode: 'DU002' },
      { unitCode: 'CB012', date: '2027-01-05', toCode: 'DU002' },
      { unitCode: 'CB012', date: MOVED_ON, toCode: 'DU001' },
      { unitCode: 'CB012', date: MOVED_ON, toCode: 'đảng ủy 2' },
    ];
    for (const input of refused) {
      expect(() => recordMoveOut(du1.ctx, input)).toThrow(expect.objectContaining({ code: 'MOVE_INVALID' }));
    }
    expect(logicalDump(du1.database.sqlite)).toEqual(before);
    expect(counted(du1, '2026-Q4')).toEqual({ CB011: 4, CB012: 6 });

    recordMoveOut(du1.ctx, { unitCode: 'cb012', date: MOVED_ON, toCode: 'du002', toName: 'Đảng ủy Công ty 2' });
    expect(counted(du1, '2026-Q4')).toEqual({ CB011: 4 });
    expect(counted(du1, '2026-Q3')).toEqual({ CB011: 4, CB012: 6 });
    expect(listUnits(du1.ctx.db).find((u) => u.code === 'CB012')?.movedOut).toEqual({ to: { code: 'DU002', name: 'Đảng ủy Công ty 2' }, on: MOVED_ON, source: 'hand' });
    expect(() => recordMoveOut(du1.ctx, { unitCode: 'CB012', date: MOVED_ON, toCode: 'DU002' })).toThrow(/Đã ghi nhận CB012 chuyển sang DU002 từ ngày 01\/10\/2026/);
  });

  it('the unit’s own file replaces a move the officer recorded by hand with another day', async () => {
    const { du1, cell } = await moved();
    recordMoveOut(du1.ctx, { unitCode: 'CB012', date: '2026-12-01', toCode: 'DU002' });
    expect(counted(du1, '2026-11')).toEqual({ CB011: 4, CB012: 6 });
    await importBundle(du1.ctx, asFile(await exportMoveNotice(cell.ctx)));
    expect(listUnits(du1.ctx.db).find((u) => u.code === 'CB012')?.movedOut).toEqual({ to: { code: 'DU002', name: 'Đảng ủy DU002' }, on: MOVED_ON, source: 'unit' });
    expect(counted(du1, '2026-11')).toEqual({ CB011: 4 });
    expect(counted(du1, '2026-09')).toEqual({ CB011: 4, CB012: 6 });
  });
});

describe('a chi bộ moving from its đảng ủy cơ sở to stand directly under the Khối', () => {
  it('enrols directly, reports straight to the Khối, and the old ĐUCS forwarding it no longer replaces it or counts twice', async () => {
    const khoi = testContext(TODAY, { code: 'DUK01', name: 'Đảng ủy Khối', level: 'cap-tren' });
    const du1 = ducs('DU001');
    const cell = testContext(TODAY, { code: 'CB012', name: 'Chi bộ 12', level: 'chi-bo', parentCode: 'DU001' });
    fillUnit(cell, 5, 12);
    await enrol(khoi, du1);
    await enrol(du1, cell);
    await importBundle(du1.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q3')));
    await importBundle(khoi.ctx, asFile(await exportUnitReport(du1.ctx, '2026Q3')));
    const counted = (period: string) => Object.fromEntries(buildUnitReport(khoi.ctx.db, { period, all: true, asOf: TODAY }).units.map((u) => [u.code, u.candidates]));
    expect(counted('2026-Q4')).toEqual({ CB012: 5, DU001: 0 });

    const moved = await importBundle(khoi.ctx, asFile(await requestEnrolment({ ...cell.ctx, clock: fixedClock('2026-10-01') }, exportTrustFile(khoi.ctx), { move: true })));
    expect(moved.status).toBe('applied');
    expect(moved.summary?.warnings).toContain('Đơn vị CB012 đang thuộc DU001 đăng ký trực thuộc trực tiếp: từ nay nhận báo cáo thẳng từ đơn vị, không qua DU001.');
    confirmUnit(khoi.ctx, 'CB012', moved.enrolment!.readAloudCode);
    const direct = await importBundle(khoi.ctx, asFile(await exportUnitReport(cell.ctx, '2026Q4')));
    expect(direct.summary?.warnings).toContain('Đơn vị CB012 chuyển đến từ DU001 (Đảng ủy DU001) từ ngày 01/10/2026: tính từ kỳ có ngày đó trở đi.');
    await importBundle(du1.ctx, asFile(await exportMoveNotice(cell.ctx)));

    // DU001 still forwards CB012's last report to it: neither refused nor applied over the newer direct one.
    const again = await importBundle(khoi.ctx, asFile(await exportUnitReport(du1.ctx, '2026Q4')));
    expect(again.status).toBe('applied');
    expect(again.summary?.warnings.some((w) => w.startsWith('Từ chối'))).toBe(false);
    expect(again.summary?.warnings).toContain('Không thay hồ sơ của CB012 gửi DU001 có trước khi đơn vị chuyển sang DUK01 từ ngày 01/10/2026; giữ bản mới hơn.');
    for (const period of ['2026-Q3', '2026-Q4', '2026']) {
      expect(counted(period)).toEqual({ CB012: 5, DU001: 0 });
    }
    expect(buildUnitReport(du1.ctx.db, { period: '2026-Q4', all: true, asOf: TODAY }).units.map((u) => u.code)).toEqual([]);
  });
});
