import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frozenReports } from '../../db/schema/index';
import { readReport, REPORT_FORMAT, ReportNeedsUpdate } from '../../electron/core/model/report';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { listQuarantine } from '../../electron/core/services/quarantine-service';
import { exportReport, getFrozenReport, listFrozenReports } from '../../electron/core/services/report-service';
import { docxText } from '../helpers/docx-text';
import { testContext } from '../helpers/db';
import { asFile, enrolledPair, fillUnit } from '../helpers/sync';

/** A 2026-Q3 report of a superior over three cells exactly as ptdv wrote it with report format 1, kept as sent. */
const V1 = JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/reports/frozen-report-v1.json'), 'utf8')) as Record<string, unknown>;

describe('reports keep the version they were written with', () => {
  it('reads a report frozen by the previous version after the document gained new lists', () => {
    expect(V1.format).toBe('ptdv.report/1');
    const read = readReport(V1);
    expect(read.success).toBe(true);
    expect(read.data).toMatchObject({ format: REPORT_FORMAT, unitsNotReported: [], unitsUnconfirmed: [], countedTo: V1.countedTo, total: V1.total });
  });

  it('opens and exports a version-1 frozen report stored in the database, with its number and numbers', async () => {
    const { ctx } = testContext('2026-11-23', { code: 'DUK01', name: 'Đảng ủy Khối Doanh nghiệp', level: 'cap-tren' });
    ctx.db.insert(frozenReports).values({ id: 'v1', unitCode: 'DUK01', period: '2026-Q3', version: 1, number: '31-BC/ĐUK', issuedOn: '2026-10-05', frozenAt: '2026-10-05T09:00:00+07:00', reason: null, content: V1 }).run();
    const { info, report } = getFrozenReport(ctx.db, 'v1');
    expect(info.number).toBe('31-BC/ĐUK');
    expect(report.total).toEqual(V1.total);
    const text = await docxText(await exportReport(ctx.db, { all: true, period: '2026-Q3', format: 'docx', frozenId: 'v1' }, '2026-11-23'));
    expect(text).toContain('31-BC/ĐUK');
  });

  it('says a report from a newer ptdv needs an update instead of refusing it', () => {
    const newer = { ...V1, format: 'ptdv.report/4', aNewColumn: [1, 2, 3] };
    expect(() => readReport(newer)).toThrow(ReportNeedsUpdate);
    expect(() => readReport(newer)).toThrow('cần cập nhật ứng dụng');
  });

  it('takes a frozen report from a unit one version ahead without quarantining it, and shows it as needing an update', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 3);
    const ahead = { ...V1, format: 'ptdv.report/4', scope: null, aNewColumn: 'x' };
    unit.ctx.db.insert(frozenReports).values({ id: 'ahead', unitCode: 'CB014', period: '2026-Q4', version: 1, number: '09-BC/CB', issuedOn: '2026-12-28', frozenAt: '2026-12-28T09:00:00+07:00', reason: null, content: ahead }).run();
    const outcome = await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    expect(outcome.status).toBe('applied');
    expect(listQuarantine(superior.ctx.db, 'CB014')).toEqual([]);
    const [frozen] = listFrozenReports(superior.ctx.db, { unitCode: 'CB014' });
    expect(frozen).toMatchObject({ number: '09-BC/CB', period: '2026-Q4' });
    expect(() => getFrozenReport(superior.ctx.db, frozen!.id)).toThrow('cần cập nhật ứng dụng');
  });
});
