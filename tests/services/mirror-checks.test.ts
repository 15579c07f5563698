import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { candidateFindings } from '../../db/schema/index';
import { candidateCheckSchema } from '../../electron/core/model/checks';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { candidateDetail } from '../../electron/core/services/candidate-repo';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { candidateChecks } from '../../electron/core/services/check-views';
import { mirrorId } from '../../electron/core/services/mirror-apply';
import { unitDetail } from '../../electron/core/services/units-overview';
import { asFile, enrolledPair, fillUnit, TODAY } from '../helpers/sync';

// The unit computed its findings on 28/12/2026 and sent them; the committee opens the record seven weeks later.
const LATER = '2027-02-15';

describe("a unit's candidate as its superior sees it", () => {
  it('shows the findings the unit computed and sent, as of its day, not a fresh evaluation here', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 25);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const sent = unitDetail(superior.ctx.db, 'CB014').findings;
    expect(sent.length).toBeGreaterThan(0);

    const ownIds = listCandidates(unit.ctx.db, { offset: 0, limit: 100 }).rows.map((r) => r.id);
    for (const { candidateId, findings } of sent) {
      const seen = candidateChecks(superior.ctx.db, candidateId, LATER);
      expect(seen.source).toBe('unit');
      expect(seen.evaluation.asOf).toBe(TODAY);
      expect(seen.evaluation.findings.map((f) => [f.code, f.message])).toEqual(findings.map((f) => [f.code, f.message]));
      const own = ownIds.find((id) => mirrorId('CB014', 'candidate', id) === candidateId)!;
      expect(seen.evaluation.findings).toEqual(candidateChecks(unit.ctx.db, own, TODAY).evaluation.findings);
    }
    const detail = candidateDetail(superior.ctx.db, sent[0]!.candidateId);
    expect(detail).toMatchObject({ readOnly: true, unitCode: 'CB014', unitName: 'Chi bộ CB014' });
  });

  it('keeps the page readable when a stored finding has fields of the wrong shape', async () => {
    const { superior, unit } = await enrolledPair();
    fillUnit(unit, 10);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const { candidateId } = unitDetail(superior.ctx.db, 'CB014').findings[0]!;
    const odd = [{ code: 'NEW_CODE_FROM_NEWER_RULEBOOK', severity: 'warning', message: 'Việc mới cần làm', due: 20270101, refs: 'x', rule: 7 }];
    superior.ctx.db.update(candidateFindings).set({ findings: odd }).where(eq(candidateFindings.candidateId, candidateId)).run();
    const seen = candidateCheckSchema.parse(candidateChecks(superior.ctx.db, candidateId, LATER));
    expect(seen.evaluation.findings).toEqual([{ code: 'NEW_CODE_FROM_NEWER_RULEBOOK', severity: 'warning', message: 'Việc mới cần làm', rule: '', rulebookVersion: seen.evaluation.rulebookVersion }]);
  });

  it("evaluates the unit's own candidates here, as of today", async () => {
    const { unit } = await enrolledPair();
    fillUnit(unit, 3);
    const id = listCandidates(unit.ctx.db, { offset: 0, limit: 1 }).rows[0]!.id;
    expect(candidateChecks(unit.ctx.db, id, TODAY)).toMatchObject({ source: 'here', evaluation: { asOf: TODAY } });
    expect(candidateDetail(unit.ctx.db, id)).toMatchObject({ readOnly: false, unitName: 'Chi bộ CB014' });
  });
});
