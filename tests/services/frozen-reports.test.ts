import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../electron/core/ports';
import { addEvent } from '../../electron/core/services/candidate-service';
import { buildUnitReport, exportReport, freezeReport, getFrozenReport, listFrozenReports, previewReport } from '../../electron/core/services/report-service';
import { updateUnitProfile } from '../../electron/core/services/unit-service';
import { testContext } from '../helpers/db';
import { recordCell, recordRoster } from './report-fixtures';

function cell() {
  const { ctx } = testContext('2027-01-08');
  recordRoster(ctx, 10);
  const ids = recordCell(ctx);
  return { ctx, ids };
}

describe('reports sent upward', () => {
  it('are frozen with their number and date, exactly as they were when sent', () => {
    const { ctx, ids } = cell();
    const sent = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB', issuedOn: '2027-01-05' });
    expect(sent).toMatchObject({ unitCode: 'CB014', period: '2026-Q4', version: 1, number: '05-BC/CB', issuedOn: '2027-01-05', frozenAt: '2027-01-08T09:00:00+07:00', reason: null });
    const atSending = getFrozenReport(ctx.db, sent.id).report;
    expect(atSending.units[0]!.flows.ceremonies).toBe(0);
    // A ceremony typed in afterwards, dated inside the quarter, changes the live report but not what was sent.
    addEvent(ctx, ids.binh, { type: 'CEREMONY_HELD', date: '2026-12-20' });
    expect(buildUnitReport(ctx.db, { period: '2026-Q4', asOf: '2027-01-08' }).units[0]!.flows.ceremonies).toBe(1);
    expect(getFrozenReport(ctx.db, sent.id).report).toEqual(atSending);
  });

  it('keep a correction as a new version beside the first, and a correction must say why', () => {
    const { ctx, ids } = cell();
    const first = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB' });
    addEvent(ctx, ids.binh, { type: 'CEREMONY_HELD', date: '2026-12-20' });
    expect(() => freezeReport(ctx, { period: '2026-Q4', number: '06-BC/CB' })).toThrow(/bản sửa cần ghi rõ lý do/);
    const second = freezeReport({ ...ctx, clock: fixedClock('2027-01-12') }, { period: '2026-q4', number: '06-BC/CB', reason: 'Bổ sung lễ kết nạp ngày 20/12/2026' });
    expect(second).toMatchObject({ version: 2, number: '06-BC/CB', issuedOn: '2027-01-12', reason: 'Bổ sung lễ kết nạp ngày 20/12/2026' });
    expect(listFrozenReports(ctx.db, { period: '2026-Q4' }).map((r) => [r.version, r.number])).toEqual([
      [1, '05-BC/CB'],
      [2, '06-BC/CB'],
    ]);
    expect(getFrozenReport(ctx.db, first.id).report.units[0]!.flows.ceremonies).toBe(0);
    expect(getFrozenReport(ctx.db, second.id).report.units[0]!.flows.ceremonies).toBe(1);
    // Another period starts its own versions.
    expect(freezeReport(ctx, { period: '2026', number: '01-BC/CB' }).version).toBe(1);
  });

  it('cannot be changed or deleted in the database, even by hand', () => {
    const { ctx } = cell();
    const sent = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB' });
    expect(() => ctx.db.$client.prepare("UPDATE frozen_reports SET number = 'x' WHERE id = ?").run(sent.id)).toThrow(/append-only/);
    expect(() => ctx.db.$client.prepare('DELETE FROM frozen_reports WHERE id = ?').run(sent.id)).toThrow(/append-only/);
  });

  it('export as sent: the JSON of a frozen version is the frozen content, not today’s numbers', async () => {
    const { ctx, ids } = cell();
    const sent = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB' });
    addEvent(ctx, ids.binh, { type: 'CEREMONY_HELD', date: '2026-12-20' });
    const json = JSON.parse((await exportReport(ctx.db, { period: '2026-Q4', format: 'json', frozenId: sent.id }, '2027-01-08')).toString('utf8'));
    expect(json).toEqual(getFrozenReport(ctx.db, sent.id).report);
    expect(json.units[0].flows.ceremonies).toBe(0);
  });

  it('keep the signer and place they were sent with when Cài đặt changes later', () => {
    const { ctx } = cell();
    updateUnitProfile(ctx, { secretaryName: 'Nguyễn Văn Hùng', documentPlace: 'Hà Nội' });
    const sent = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB', issuedOn: '2027-01-05' });
    updateUnitProfile(ctx, { secretaryName: 'Trần Thị Lan', documentPlace: 'Huế' });
    const copy = previewReport(ctx.db, { period: '2026-Q4', frozenId: sent.id, place: 'Đà Nẵng' }, '2027-02-01').html;
    expect(copy).toContain('Nguyễn Văn Hùng');
    expect(copy).toContain('Hà Nội, ngày 05 tháng 01 năm 2027');
    expect(copy).not.toContain('Trần Thị Lan');
    // The report not yet sent is signed by the secretary in office.
    expect(previewReport(ctx.db, { period: '2026-Q4' }, '2027-02-01').html).toContain('Trần Thị Lan');
  });

  it('need a number', () => {
    const { ctx } = cell();
    expect(() => freezeReport(ctx, { period: '2026-Q4', number: '  ' })).toThrow(/Nhập số và ký hiệu/);
  });

  it('need a number with its sequence and a date not yet to come, or nothing is kept', () => {
    const { ctx } = cell();
    expect(() => freezeReport(ctx, { period: '2026-Q4', number: 'x' })).toThrow('Số và ký hiệu "x" thiếu số thứ tự của văn bản: ghi như 05-BC/CB.');
    expect(() => freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB', issuedOn: '2027-01-09' })).toThrow('Ngày báo cáo 09/01/2027 chưa đến (hôm nay 08/01/2027).');
    expect(listFrozenReports(ctx.db, {})).toEqual([]);
  });

  it('count to the date they are signed on, never past it', () => {
    // Today 08/01/2027. Signed on 20/12/2026, a Q4 report counts to that day, not to the quarter's end.
    const { ctx } = cell();
    const early = freezeReport(ctx, { period: '2026-Q4', number: '05-BC/CB', issuedOn: '2026-12-20' });
    expect(getFrozenReport(ctx.db, early.id).report.countedTo).toBe('2026-12-20');
    const late = freezeReport(ctx, { period: '2026-Q4', number: '06-BC/CB', issuedOn: '2027-01-05', reason: 'Số liệu đến hết quý' });
    expect(getFrozenReport(ctx.db, late.id).report.countedTo).toBe('2026-12-31');
  });
});
