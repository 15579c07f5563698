import { describe, expect, it } from 'vitest';
import { ensureFindingsFresh } from '../../electron/core/services/check-service';
import { todoPage } from '../../electron/core/services/check-views';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { createMember, updateMember } from '../../electron/core/services/member-service';
import { testContext } from '../helpers/db';
import { fillUnit } from '../helpers/sync';

const cached = (t: ReturnType<typeof testContext>) => t.database.sqlite.prepare('SELECT count(*) FROM candidate_findings').pluck().get() as number;

describe('the findings cache follows the roster', () => {
  it('drops the unit’s cached findings when a member is added or changed, so no screen counts a stale 2/3 or introducer', () => {
    const t = testContext('2026-12-28');
    fillUnit(t, 30);
    // Filling a new database leaves the cache empty: nothing was evaluated yet.
    expect(cached(t)).toBe(0);
    ensureFindingsFresh(t.ctx);
    expect(cached(t)).toBe(30);

    const member = createMember(t.ctx, { fullName: 'Hà Thị Mới', status: 'chinh-thuc', joinedOn: '2015-05-19', fullMemberSince: '2016-05-19' });
    expect(cached(t)).toBe(0);

    ensureFindingsFresh(t.ctx);
    expect(cached(t)).toBe(30);
    updateMember(t.ctx, member.id, { fullName: 'Hà Thị Mới', status: 'chinh-thuc', joinedOn: '2015-05-19', fullMemberSince: '2016-06-19' });
    expect(cached(t)).toBe(0);
  });
});

describe('dropping every stored finding, as a migration does when the rules change (stored-findings-reset.test.ts)', () => {
  it('leaves no summary, period findings or kept counts behind, and every screen counts the same again', () => {
    const t = testContext('2026-12-28');
    fillUnit(t, 30);
    const counts = () => {
      const report = buildUnitReport(t.ctx.db, { period: '2026', asOf: '2026-12-28' }).units[0]!;
      const q3 = buildUnitReport(t.ctx.db, { period: '2026-Q3', asOf: '2026-12-28' }).units[0]!;
      return { todo: todoPage(t.ctx, { offset: 0, limit: 0 }).summary, year: report.quality.findings, q3: q3.quality.findings };
    };
    const before = counts();
    expect(before.todo.error + before.todo.warning + before.todo.info).toBeGreaterThan(0);
    const sqlite = t.database.sqlite;
    const left = () => sqlite.prepare(`SELECT (SELECT count(*) FROM candidate_findings), (SELECT count(*) FROM period_findings), (SELECT count(*) FROM report_unit_counts),
      (SELECT count(*) FROM candidates WHERE report_findings IS NOT NULL OR todo_findings IS NOT NULL)`).raw().get();
    expect((left() as number[]).every((n) => n > 0)).toBe(true);
    sqlite.exec('DELETE FROM `candidate_findings`;');
    expect(left()).toEqual([0, 0, 0, 0]);
    expect(counts()).toEqual(before);
  });
});
