import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ageDecrypt, decompressTar, generateSigningKey, packBundle, packRelayed, readRelayed, readTar, signFiles } from '../../electron/core/domain/bundles/index';
import { exportUnitReport, type MadeBundle } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { addEvent } from '../../electron/core/services/candidate-service';
import { addDecision, addNote, addRulesUpdate, exportDirective, receivedItems, sentItems } from '../../electron/core/services/directive-service';
import { setCalendarEntry } from '../../electron/core/services/check-service';
import { calendarEntries } from '../../electron/core/store/calendar';
import { listTargets, removeTarget, setTarget } from '../../electron/core/services/target-service';
import { exportTargetTable, targetTable } from '../../electron/core/services/target-table';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { ownKeys } from '../../electron/core/services/key-service';
import { buildUnitSnapshot } from '../../electron/core/services/unit-snapshot';
import { testContext } from '../helpers/db';
import { asFile, cloneDb, enrol, fillUnit, readyForAdmission, SUPERIOR, TODAY, type TestDb } from '../helpers/sync';

const KHOI_NAME = SUPERIOR.name;

/** Khối → DU001 → DU011 → CB111: a chi bộ three levels down, its report forwarded all the way up. */
async function deepTree(): Promise<{ khoi: TestDb; upper: TestDb; lower: TestDb; cell: TestDb; ready: string }> {
  const khoi = testContext(TODAY, SUPERIOR);
  const upper = testContext(TODAY, { code: 'DU001', name: 'Đảng bộ Tổng công ty', level: 'dang-bo-co-so', parentCode: SUPERIOR.code });
  const lower = testContext(TODAY, { code: 'DU011', name: 'Đảng bộ bộ phận Nhà máy', level: 'dang-bo-co-so', parentCode: 'DU001' });
  const cell = testContext(TODAY, { code: 'CB111', name: 'Chi bộ Phân xưởng 1', level: 'chi-bo', parentCode: 'DU011' });
  await enrol(khoi, upper);
  await enrol(upper, lower);
  await enrol(lower, cell);
  fillUnit(cell, 3, 23);
  const ready = readyForAdmission(cell);
  await importBundle(lower.ctx, asFile(await exportUnitReport(cell.ctx, '2026-11')));
  await importBundle(upper.ctx, asFile(await exportUnitReport(lower.ctx, '2026-11')));
  expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(upper.ctx, '2026-11')))).status).toBe('applied');
  return { khoi, upper, lower, cell, ready };
}

/** The Khối's mirror id of a person of a unit below, from the unit's own id. */
const mirrored = (khoi: TestDb, unitCode: string, sourceId: string) =>
  (khoi.ctx.db.$client.prepare("SELECT local_id FROM mirror_records WHERE unit_code = ? AND record_kind = 'candidate' AND source_id = ?").get(unitCode, sourceId) as { local_id: string }).local_id;

/** The directive re-signed by its sender after `change` to its relayed.tar: only the inner checks can tell. */
async function resigned(sender: TestDb, made: MadeBundle, change: (directives: Map<string, Map<string, Uint8Array>>) => void, raw?: Uint8Array): Promise<MadeBundle> {
  const own = ownKeys(sender.ctx);
  const files = await readTar(await decompressTar(await ageDecrypt(made.bytes, own.identities)));
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Parameters<typeof packBundle>[0]['manifest'];
  const { signers, directives } = await readRelayed(files.get('relayed.tar')!);
  change(directives);
  const relayed = raw ?? (await packRelayed([...directives].map(([folder, f]) => ({ folder, issuerCode: folder.split('_')[0]!, publicKey: signers.get(folder.split('_')[0]!)![0]!, files: f }))));
  const packed = await packBundle({ manifest, data: JSON.parse(new TextDecoder().decode(files.get('data.json'))), signingKey: own.signing.privateKey, recipients: [manifest.to.ageRecipient], relayed });
  return { bundle: { ...made.bundle, fileName: packed.fileName }, bytes: packed.bytes };
}

describe('directives down the tree', () => {
  it('reach a chi bộ three levels down, signed by the Khối, applied once, and a decision that no longer fits is refused there', async () => {
    const { khoi, upper, lower, cell, ready } = await deepTree();
    addNote(khoi.ctx, { unitCode: 'CB111', kind: 'request-dossier', text: 'Bổ sung bản sao văn bằng.', candidateId: mirrored(khoi, 'CB111', ready) });
    addDecision(khoi.ctx, { candidateId: mirrored(khoi, 'CB111', ready), kind: 'admission', number: '88-QĐ/ĐUK', date: '2026-12-20' });

    const toUpper = await exportDirective(khoi.ctx, 'DU001');
    expect(toUpper.bundle.counts).toMatchObject({ relayed: 1, notes: 0, decisions: 0 });
    const atUpper = await importBundle(upper.ctx, asFile(toUpper));
    expect(atUpper.status).toBe('applied');
    expect(receivedItems(upper.ctx.db).filter((i) => i.kind !== 'receipt')).toEqual([]);
    const toLower = await exportDirective(upper.ctx, 'DU011');
    expect(toLower.bundle.counts).toMatchObject({ relayed: 1 });
    expect((await importBundle(lower.ctx, asFile(toLower))).status).toBe('applied');
    // Carried once: the next directive down the same way has nothing more to relay.
    expect((await exportDirective(upper.ctx, 'DU011')).bundle.counts.relayed).toBeUndefined();

    // Meanwhile the chi bộ recorded the admission under another number: the Khối's decision no longer fits.
    addEvent(cell.ctx, ready, { type: 'ADMISSION_DECIDED', date: '2026-12-15', number: '80-QĐ/ĐU' });
    const toCell = await exportDirective(lower.ctx, 'CB111');
    // The unit on the way cannot change what the Khối signed: the chi bộ checks the Khối's own signature.
    const copy = cloneDb(cell);
    const altered = await resigned(lower, toCell, (directives) => {
      const files = [...directives.values()][0]!;
      files.set('data.json', new TextEncoder().encode(new TextDecoder().decode(files.get('data.json')).replace('văn bằng', 'học bạ')));
    });
    const atCopy = await importBundle(copy.ctx, asFile(altered));
    expect(atCopy.refusedInner?.map((r) => r.code)).toEqual(['INNER_DIRECTIVE_HASH_MISMATCH']);
    expect(receivedItems(copy.ctx.db).filter((i) => i.kind !== 'receipt')).toEqual([]);
    const atCell = await importBundle(cell.ctx, asFile(toCell));
    expect(atCell.status).toBe('applied');
    expect(atCell.refusedInner ?? []).toEqual([]);
    const arrived = receivedItems(cell.ctx.db).filter((i) => i.kind !== 'receipt');
    expect(arrived).toEqual([
      expect.objectContaining({ kind: 'request-dossier', fromCode: 'DUK01', fromName: KHOI_NAME, via: { code: 'DU011', name: 'Đảng bộ bộ phận Nhà máy' }, text: 'Bổ sung bản sao văn bằng.', candidateId: ready }),
    ]);
    const refused = buildUnitSnapshot(cell.ctx, '2026-12').data.decisionsRefused;
    expect(refused).toEqual([{ decision: 'Quyết định kết nạp số 88-QĐ/ĐUK', reason: expect.stringContaining('Quyết định số 88-QĐ/ĐUK không áp dụng được') }]);

    // The same directive carried again (a second copy of the file) changes nothing.
    expect((await importBundle(cell.ctx, asFile(toCell))).status).toBe('duplicate');
    expect(receivedItems(cell.ctx.db).filter((i) => i.kind !== 'receipt')).toHaveLength(1);
  });

  it('sends the Khối’s own signed calendar and rulebooks to a unit further below, named as its issuer there', async () => {
    const { khoi, upper, lower, cell } = await deepTree();
    setCalendarEntry(khoi.ctx, { date: '2026-12-31', kind: 'holiday', name: 'Nghỉ bù cuối năm (thử)', source: 'Thông báo của Khối', confirmed: true });
    expect(() => addRulesUpdate(khoi.ctx, 'DU001')).toThrow('đã mang lịch ngày nghỉ và bộ quy tắc: không cần gửi riêng');
    expect(addRulesUpdate(khoi.ctx, 'CB111').text).toMatch(/^Lịch ngày nghỉ \(\d+ ngày đã xác nhận\) và bộ quy tắc/);
    await importBundle(upper.ctx, asFile(await exportDirective(khoi.ctx, 'DU001')));
    await importBundle(lower.ctx, asFile(await exportDirective(upper.ctx, 'DU011')));
    expect(calendarEntries(cell.ctx.db).some((e) => e.date === '2026-12-31')).toBe(false);
    await importBundle(cell.ctx, asFile(await exportDirective(lower.ctx, 'CB111')));
    expect(calendarEntries(cell.ctx.db).find((e) => e.date === '2026-12-31')).toMatchObject({ name: 'Nghỉ bù cuối năm (thử)', confirmed: true });
    expect(receivedItems(cell.ctx.db).filter((i) => i.kind === 'rules-update')).toEqual([expect.objectContaining({ fromCode: 'DUK01', fromName: KHOI_NAME, via: expect.objectContaining({ code: 'DU011' }) })]);

    // The chi bộ's next report, forwarded up twice, tells the Khối it applied the directive.
    expect(sentItems(khoi.ctx.db, 'CB111')).toEqual([expect.objectContaining({ kind: 'rules-update', acknowledgedAt: null })]);
    await importBundle(lower.ctx, asFile(await exportUnitReport(cell.ctx, '2026-12')));
    await importBundle(upper.ctx, asFile(await exportUnitReport(lower.ctx, '2026-12')));
    const up = await importBundle(khoi.ctx, asFile(await exportUnitReport(upper.ctx, '2026-12')));
    expect(up.summary?.warnings).toContain('CB111 xác nhận đã nhận 1 mục chỉ đạo (quyết định, ý kiến) gửi qua đơn vị trung gian.');
    expect(sentItems(khoi.ctx.db, 'CB111')).toEqual([expect.objectContaining({ kind: 'rules-update', acknowledgedAt: expect.any(String) })]);
  });

  it('carries a target the Khối gives a chi bộ further down, names the Khối there, and applies the one received last', async () => {
    const { khoi, upper, lower, cell } = await deepTree();
    const year = { year: 2026, period: 'year' } as const;
    const relay = async (from: TestDb, to: TestDb, code: string) => expect((await importBundle(to.ctx, asFile(await exportDirective(from.ctx, code)))).status).toBe('applied');
    const down = async () => {
      await relay(khoi, upper, 'DU001');
      await relay(upper, lower, 'DU011');
      await relay(lower, cell, 'CB111');
    };
    const atCell = () =>
      listTargets(cell.ctx.db, { year: 2026 }, TODAY)
        .map((t) => [t.issuerCode, t.issuerName, t.targetCount, t.effective])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const lowerName = 'Đảng bộ bộ phận Nhà máy';

    setTarget(khoi.ctx, { unitCode: 'CB111', ...year, kind: 'count', value: 2 });
    const toUpper = await exportDirective(khoi.ctx, 'DU001');
    expect(toUpper.bundle.counts).toMatchObject({ relayed: 1, targets: 0 });
    await importBundle(upper.ctx, asFile(toUpper));
    // Nothing changed since: the Khối's next directive relays nothing more.
    expect((await exportDirective(khoi.ctx, 'DU001')).bundle.counts.relayed).toBeUndefined();
    await relay(upper, lower, 'DU011');
    // The đảng ủy cơ sở sees the Khối's target beside its own split of it.
    setTarget(lower.ctx, { unitCode: 'CB111', ...year, kind: 'count', value: 5 });
    const row = () => targetTable(lower.ctx.db, year, TODAY).rows.find((r) => r.code === 'CB111');
    expect(row()).toMatchObject({ assigned: { targetCount: 5 }, fromAbove: [{ issuerCode: 'DUK01', issuerName: KHOI_NAME, kind: 'count', value: 2, targetCount: 2 }] });
    await relay(lower, cell, 'CB111');
    // One directive brought both: the split was recorded after the Khối's directive it carried, so the split applies.
    expect(atCell()).toEqual([
      ['DU011', lowerName, 5, true],
      ['DUK01', KHOI_NAME, 2, false],
    ]);
    // The Khối changes its target: it arrives later than the split, so it applies; the split, sent again unchanged, stays older.
    setTarget(khoi.ctx, { unitCode: 'CB111', ...year, kind: 'count', value: 3 });
    await down();
    expect(atCell()).toEqual([
      ['DU011', lowerName, 5, false],
      ['DUK01', KHOI_NAME, 3, true],
    ]);
    expect(row()?.fromAbove.map((t) => t.targetCount)).toEqual([3]);
    // Its Excel copy of the table says the same, in a column the import ignores.
    const sheet = new ExcelJS.Workbook();
    await sheet.xlsx.load((await exportTargetTable(lower.ctx.db, year, TODAY)) as unknown as ArrayBuffer);
    const ws = sheet.worksheets[0]!;
    const line = ws.getRows(1, ws.rowCount)!.find((r) => r.getCell(1).value === 'CB111')!;
    expect([line.getCell(5).value, line.getCell(9).value]).toEqual([5, `${KHOI_NAME} (DUK01): 3 người`]);
    // The target the chi bộ reports with is the one that applies; its own snapshot carries none of them up.
    expect(buildUnitReport(cell.ctx.db, { period: '2026', asOf: TODAY }).units[0]!.targets.find((t) => t.period === 'year')).toMatchObject({ targetCount: 3, source: 'superior' });
    expect(buildUnitSnapshot(cell.ctx, '2026-12').data.targets).toEqual([]);
    // A new split is received last again.
    setTarget(lower.ctx, { unitCode: 'CB111', ...year, kind: 'count', value: 4 });
    await relay(lower, cell, 'CB111');
    expect(atCell().map((t) => [t[0], t[2], t[3]])).toEqual([
      ['DU011', 4, true],
      ['DUK01', 3, false],
    ]);
    // The Khối withdraws its target: its next directive to the chi bộ carries the empty set, and it goes there too.
    removeTarget(khoi.ctx, listTargets(khoi.ctx.db, { unitCode: 'CB111' })[0]!.id);
    await down();
    expect(atCell().map((t) => [t[0], t[2], t[3]])).toEqual([['DU011', 4, true]]);
    expect(row()?.fromAbove).toEqual([]);
  });

  it('refuses an inner directive signed by another key than the one trusted for the Khối, and applies the rest', async () => {
    const { khoi, upper, ready } = await deepTree();
    addNote(khoi.ctx, { unitCode: 'DU001', kind: 'comment', text: 'Nhắc nộp báo cáo năm.' });
    addNote(khoi.ctx, { unitCode: 'CB111', kind: 'request-dossier', text: 'Bổ sung lý lịch.', candidateId: mirrored(khoi, 'CB111', ready) });
    const made = await exportDirective(khoi.ctx, 'DU001');
    const forged = await resigned(khoi, made, (directives) => {
      const [folder, files] = [...directives][0]!;
      const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Parameters<typeof signFiles>[0];
      const impostor = generateSigningKey('DUK01');
      const signed = signFiles({ ...manifest, from: { ...manifest.from, keyFingerprint: impostor.fingerprint } }, JSON.parse(new TextDecoder().decode(files.get('data.json'))), impostor.privateKey);
      directives.set(folder, signed.files);
    });
    const outcome = await importBundle(upper.ctx, asFile(forged));
    expect(outcome.status).toBe('applied');
    expect(outcome.refusedInner).toEqual([{ unitCode: 'DUK01_CB111_s000001', code: 'INNER_DIRECTIVE_KEY_NOT_VOUCHED', message: expect.stringContaining('không được ký bằng khóa đã được xác nhận của đơn vị ban hành') }]);
    expect(receivedItems(upper.ctx.db).map((i) => i.text)).toContain('Nhắc nộp báo cáo năm.');
    expect(upper.ctx.db.$client.prepare('SELECT count(*) AS n FROM relayed_directives').get()).toEqual({ n: 0 });
  });

  it('refuses a relayed directive when the whole archive is malformed, writing nothing', async () => {
    const { khoi, upper, ready } = await deepTree();
    addNote(khoi.ctx, { unitCode: 'CB111', kind: 'comment', text: 'Ý kiến.', candidateId: mirrored(khoi, 'CB111', ready) });
    const made = await exportDirective(khoi.ctx, 'DU001');
    const broken = await resigned(khoi, made, () => undefined, new TextEncoder().encode('không phải tệp tar'));
    const outcome = await importBundle(upper.ctx, asFile(broken));
    expect(outcome).toMatchObject({ status: 'rejected', code: 'RELAYED_INVALID' });
    expect(upper.ctx.db.$client.prepare("SELECT count(*) AS n FROM inbox WHERE from_code = 'DUK01' AND kind = 'directive'").get()).toEqual({ n: 0 });
  });
});
