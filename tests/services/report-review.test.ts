import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { candidateDetail } from '../../electron/core/store/candidates';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { addNote, exportDirective, receivedItems, sentItems } from '../../electron/core/services/directive-service';
import { freezeReport, listFrozenReports } from '../../electron/core/services/report-service';
import { openRequests, resolveRequest, returnedReports, reviewReport } from '../../electron/core/services/review-service';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { parseBundleData, unitReportDataSchema } from '../../electron/core/model/bundle-data';
import { openBundle } from '../../electron/core/domain/bundles/index';
import { ownKeys } from '../../electron/core/services/key-service';
import { asFile, enrolledPair, readyForAdmission, type TestDb } from '../helpers/sync';

const report = async (unit: TestDb) => asFile(await exportUnitReport(unit.ctx, '2026Q4'));
const directive = async (superior: TestDb) => asFile(await exportDirective(superior.ctx, 'CB014'));
/** A directive note as an app that predates reviews checks it. */
const OLDER_NOTE = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/), kind: z.enum(['comment', 'request-dossier']), candidateId: z.string().nullable(), text: z.string().min(1).max(4000) });
const latest = (db: TestDb, unitCode = 'CB014') => listFrozenReports(db.ctx.db, { unitCode }).at(-1)!;

describe('approval of a frozen report over files', () => {
  it('returns a report with a comment, the unit sees it and corrects it as version 2, which the superior approves', async () => {
    const { superior, unit } = await enrolledPair();
    freezeReport(unit.ctx, { period: '2026-Q4', number: '07-BC/CB' });
    await importBundle(superior.ctx, await report(unit));
    expect(latest(superior)).toMatchObject({ version: 1, review: null });

    expect(() => reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'returned', comment: '  ' })).toThrow(/cần ghi ý kiến/);
    expect(() => reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q3', verdict: 'approved' })).toThrow(/chưa gửi báo cáo Quý III năm 2026/);
    expect(() => reviewReport(superior.ctx, { unitCode: 'CB999', period: '2026-Q4', verdict: 'approved' })).toThrow(/Không có đơn vị cấp dưới mã CB999/);
    expect(latest(superior).review).toBeNull();

    // A verdict not yet sent can be changed: only the last one travels.
    reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'approved' });
    reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'returned', comment: 'Thiếu số liệu quần chúng ưu tú.' });
    expect(latest(superior).review).toMatchObject({ verdict: 'returned', comment: 'Thiếu số liệu quần chúng ưu tú.', sent: false });

    const file = await directive(superior);
    expect(latest(superior).review).toMatchObject({ verdict: 'returned', sent: true });
    expect(() => reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'approved' })).toThrow(/đã gửi cho đơn vị/);

    expect(await importBundle(unit.ctx, file)).toMatchObject({ status: 'applied', summary: { quarantined: 0 } });
    expect(latest(unit)).toMatchObject({ version: 1, review: { verdict: 'returned', comment: 'Thiếu số liệu quần chúng ưu tú.' } });
    expect(returnedReports(unit.ctx.db).map((r) => [r.period, r.version])).toEqual([['2026-Q4', 1]]);
    expect(receivedItems(unit.ctx.db).find((i) => i.kind === 'report-review')?.text).toBe('Báo cáo Quý IV năm 2026 (phiên bản 1): cấp trên trả lại — Thiếu số liệu quần chúng ưu tú.');

    freezeReport(unit.ctx, { period: '2026-Q4', number: '08-BC/CB', reason: 'Bổ sung số liệu quần chúng ưu tú' });
    expect(latest(unit)).toMatchObject({ version: 2, review: null });
    expect(returnedReports(unit.ctx.db)).toEqual([]);

    await importBundle(superior.ctx, await report(unit));
    expect(latest(superior)).toMatchObject({ version: 2, number: '08-BC/CB', review: null });
    reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'approved' });
    await importBundle(unit.ctx, await directive(superior));
    expect(latest(unit).review).toMatchObject({ version: 2, verdict: 'approved', comment: null });
    // The first version keeps its own verdict.
    expect(listFrozenReports(unit.ctx.db, { unitCode: 'CB014' })[0]!.review).toMatchObject({ version: 1, verdict: 'returned' });
  });

  it('reviews only the reports of a unit directly below, whose directive can carry the verdict', async () => {
    const { superior, unit } = await enrolledPair();
    freezeReport(unit.ctx, { period: '2026-Q4', number: '07-BC/CB' });
    await importBundle(superior.ctx, await report(unit));
    // As a cell's snapshot forwarded by its đảng ủy cơ sở is held: mirrored, under that committee.
    superior.database.sqlite.prepare("UPDATE units SET parent_code = 'DU05' WHERE code = 'CB014'").run();
    expect(() => reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'approved' })).toThrow(/không trực thuộc trực tiếp \(cấp trên của đơn vị là DU05\)/);
    expect(latest(superior).review).toBeNull();
  });

  it('sends the verdict in a shape an older unit accepts, shown there as a comment', async () => {
    const { superior, unit } = await enrolledPair();
    freezeReport(unit.ctx, { period: '2026-Q4', number: '07-BC/CB' });
    await importBundle(superior.ctx, await report(unit));
    reviewReport(superior.ctx, { unitCode: 'CB014', period: '2026-Q4', verdict: 'returned', comment: 'Sai số đảng viên.' });
    const made = await exportDirective(superior.ctx, 'CB014');
    const keys = ownKeys(unit.ctx);
    const superiorKey = ownKeys(superior.ctx).signing.publicKey;
    const opened = await openBundle(made.bytes, { identities: keys.identities, lookupSignerKey: () => ({ publicKey: superiorKey, revoked: false }), myCode: 'CB014', acceptedKinds: () => ['directive'] });
    const data = parseBundleData('directive', opened.manifest.app.schemaVersion, opened.data);
    // What an app before reviews checks (data version 2, these fields only, notes of these shapes) still holds.
    expect(opened.manifest.app.schemaVersion).toBe(2);
    expect(Object.keys(opened.data as object).sort()).toEqual(['decisions', 'holidays', 'keys', 'lastAppliedSeq', 'notes', 'receipts', 'rulebooks', 'targets']);
    expect(z.array(OLDER_NOTE).safeParse((opened.data as { notes: unknown }).notes).success).toBe(true);
    expect(data.notes).toEqual([{ id: 'review:returned:2026-Q4:1', kind: 'comment', candidateId: null, text: 'Báo cáo Quý IV năm 2026 (phiên bản 1): cấp trên trả lại — Sai số đảng viên.' }]);
  });
});

describe('requests about a candidate where the work is', () => {
  it('shows the request on the candidate until the unit marks it handled; the answer goes back in the next report', async () => {
    const { superior, unit } = await enrolledPair();
    const id = readyForAdmission(unit);
    await importBundle(superior.ctx, await report(unit));
    const copy = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 10 }).rows[0]!;
    // A request to complete a dossier names its person: one for "the whole unit" could never be marked handled.
    expect(() => addNote(superior.ctx, { unitCode: 'CB014', kind: 'request-dossier', text: 'Bổ sung hồ sơ.' })).toThrow('Chọn người cần bổ sung hồ sơ');
    addNote(superior.ctx, { unitCode: 'CB014', kind: 'request-dossier', text: 'Bổ sung lý lịch (2-KNĐ).', candidateId: copy.id });
    addNote(superior.ctx, { unitCode: 'CB014', kind: 'comment', text: 'Chi bộ lưu ý chung.' });
    await importBundle(unit.ctx, await directive(superior));

    const open = openRequests(unit.ctx.db, id);
    expect(open).toEqual([expect.objectContaining({ kind: 'request-dossier', text: 'Bổ sung lý lịch (2-KNĐ).', candidateName: candidateDetail(unit.ctx.db, id).profile.fullName, resolvedAt: null })]);
    // A comment to the whole unit is not a task on a candidate.
    expect(openRequests(unit.ctx.db)).toHaveLength(1);
    // Nothing to answer yet: the report has no field an older superior would refuse.
    expect(buildUnitSnapshot(unit.ctx, '2026Q4').data).not.toHaveProperty('requestAnswers');

    expect(() => resolveRequest(unit.ctx, { id: 'nope' })).toThrow(/Không có ý kiến hay yêu cầu/);
    resolveRequest(unit.ctx, { id: open[0]!.id, answer: ' Đã bổ sung lý lịch ngày 27/12. ' });
    expect(openRequests(unit.ctx.db, id)).toEqual([]);
    expect(() => resolveRequest(unit.ctx, { id: open[0]!.id })).toThrow(/đã được đánh dấu/);

    const outcome = await importBundle(superior.ctx, await report(unit));
    expect(outcome.summary?.warnings).toContain('Đơn vị đã xử lý 1 ý kiến, yêu cầu đã gửi.');
    const sent = sentItems(superior.ctx.db, 'CB014').find((i) => i.kind === 'request-dossier');
    expect(sent).toMatchObject({ answer: 'Đã bổ sung lý lịch ngày 27/12.', resolvedAt: expect.any(String) });
    expect(sentItems(superior.ctx.db, 'CB014').find((i) => i.kind === 'comment')).toMatchObject({ resolvedAt: null });
    expect(unitReportDataSchema.safeParse(buildUnitSnapshot(unit.ctx, '2026Q4').data).success).toBe(true);
    // The next report repeats the answer; it is recorded once.
    const again = await importBundle(superior.ctx, await report(unit));
    expect(again.summary?.warnings.some((w) => w.includes('ý kiến, yêu cầu đã gửi'))).toBe(false);
    expect(sentItems(superior.ctx.db, 'CB014').find((i) => i.kind === 'request-dossier')?.resolvedAt).toBe(sent?.resolvedAt);
  });

  it('sends no answers to a superior whose notes do not ask for them (an older app)', async () => {
    const { superior, unit } = await enrolledPair();
    const id = readyForAdmission(unit);
    await importBundle(superior.ctx, await report(unit));
    const copy = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 10 }).rows[0]!;
    addNote(superior.ctx, { unitCode: 'CB014', kind: 'request-dossier', text: 'Bổ sung lý lịch.', candidateId: copy.id });
    await importBundle(unit.ctx, await directive(superior));
    // An older superior's note ids are plain UUIDs.
    unit.database.sqlite.prepare("UPDATE directive_items SET body = json_set(body, '$.id', '0b7e6a52-54b5-4c35-9b1f-2f5c1a0d9e11') WHERE kind = 'request-dossier'").run();
    resolveRequest(unit.ctx, { id: openRequests(unit.ctx.db, id)[0]!.id, answer: 'Đã bổ sung.' });
    expect(openRequests(unit.ctx.db, id)).toEqual([]);
    expect(buildUnitSnapshot(unit.ctx, '2026Q4').data).not.toHaveProperty('requestAnswers');
  });
});
