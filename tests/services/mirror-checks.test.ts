import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { reportedFindings } from '../../db/schema/index';
import { candidateCheckSchema } from '../../electron/core/model/checks';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { candidateDetail } from '../../electron/core/store/candidates';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { candidateChecks } from '../../electron/core/services/check-views';
import { mirrorId } from '../../electron/core/services/mirror-apply';
import { unitDetail } from '../../electron/core/services/units-overview';
import { asFile, enrolledPair, fillUnit, TODAY } from '../helpers/sync';

// The unit computed its findings on 28/12/2026 and sent them; the committee opens the record seven weeks later.
const LATER = '2027-02-15';

describe("a unit's candidate as its superior sees it", () => {
  it('re-checks the dossier itself as of its own day and shows what the unit reported beside it', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 25);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const checked = unitDetail(superior.ctx, 'CB014').findings;
    expect(checked.length).toBeGreaterThan(0);

    const ownIds = listCandidates(unit.ctx.db, { offset: 0, limit: 100 }).rows.map((r) => r.id);
    for (const { candidateId, findings, reportedErrors } of checked) {
      const own = ownIds.find((id) => mirrorId('CB014', 'candidate', id) === candidateId)!;
      const atUnit = candidateChecks(unit.ctx.db, own, TODAY).evaluation.findings;
      // Same day, same rules and calendar: the superior finds what the unit found, and the unit's report says so.
      expect(findings.map((f) => [f.code, f.message])).toEqual(atUnit.map((f) => [f.code, f.message]));
      expect(reportedErrors).toBe(atUnit.filter((f) => f.severity === 'error').length);
      const seen = candidateChecks(superior.ctx.db, candidateId, LATER);
      expect(seen.evaluation.asOf).toBe(LATER);
      expect(seen.reported?.asOf).toBe(TODAY);
      expect(seen.reported?.findings.map((f) => [f.code, f.message])).toEqual(atUnit.map((f) => [f.code, f.message]));
      expect(seen.evaluation.findings).toEqual(candidateChecks(unit.ctx.db, own, LATER).evaluation.findings);
    }
    const detail = candidateDetail(superior.ctx.db, checked[0]!.candidateId);
    expect(detail).toMatchObject({ readOnly: true, unitCode: 'CB014', unitName: 'Chi bộ CB014' });
  });

  it('still counts the errors a unit left out of its bundle', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 25);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const before = unitDetail(superior.ctx, 'CB014').findings;
    const errors = before.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0);
    expect(errors).toBeGreaterThan(0);
    // A unit that empties the findings of its snapshot: the superior's count does not move.
    superior.ctx.db.update(reportedFindings).set({ findings: [] }).run();
    const after = unitDetail(superior.ctx, 'CB014').findings;
    expect(after.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0)).toBe(errors);
    expect(after.every((f) => f.reportedErrors === 0)).toBe(true);
    expect(unitDetail(superior.ctx, 'CB014').errors).toEqual({ checked: errors, reported: 0 });
  });

  it('keeps the page readable when a stored finding has fields of the wrong shape', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 10);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const { candidateId } = unitDetail(superior.ctx, 'CB014').findings[0]!;
    const odd = [{ code: 'NEW_CODE_FROM_NEWER_RULEBOOK', severity: 'warning', message: 'Việc mới cần làm', due: 20270101, refs: 'x', rule: 7 }];
    superior.ctx.db.update(reportedFindings).set({ findings: odd }).where(eq(reportedFindings.candidateId, candidateId)).run();
    const seen = candidateCheckSchema.parse(candidateChecks(superior.ctx.db, candidateId, LATER));
    expect(seen.reported?.findings).toEqual([{ code: 'NEW_CODE_FROM_NEWER_RULEBOOK', severity: 'warning', message: 'Việc mới cần làm', rule: '', rulebookVersion: seen.reported?.rulebookVersion }]);
  });

  it("evaluates the unit's own candidates here, as of today", async () => {
    const { unit } = await enrolledPair();
    fillUnit(unit, 3);
    const id = listCandidates(unit.ctx.db, { offset: 0, limit: 1 }).rows[0]!.id;
    expect(candidateChecks(unit.ctx.db, id, TODAY)).toMatchObject({ reported: null, evaluation: { asOf: TODAY } });
    expect(candidateDetail(unit.ctx.db, id)).toMatchObject({ readOnly: false, unitName: 'Chi bộ CB014' });
  });
});
