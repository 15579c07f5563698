import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ageDecrypt, decompressTar, packBundle, packForwarded, readForwarded, readTar } from '../../electron/core/domain/bundles/index';
import { exportUnitReport, type MadeBundle } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { forwardedArchive, forwardedSnapshots } from '../../electron/core/services/forwarding';
import { ownKeys } from '../../electron/core/services/key-service';
import { saveTargetTable } from '../../electron/core/services/target-table';
import { listTargets } from '../../electron/core/services/target-service';
import { rotateKeys } from '../../electron/core/services/key-rotation';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { unitsWithData } from '../../electron/core/domain/reports/build-report';
import { requireTool, run } from '../core/bundles/fixtures';
import { testContext } from '../helpers/db';
import { asFile, enrol, fillUnit, readyForAdmission, SUPERIOR, TODAY, type TestDb } from '../helpers/sync';
import { tempDir } from '../helpers/temp';

/** docs/bundle-format.md "Checking a forwarded snapshot without ptdv", verbatim except for `set -e` and the code passed in. */
const AUDIT_SCRIPT = `set -e
mkdir f && tar --no-same-owner --no-same-permissions -xf forwarded.tar -C f && cd f
ssh-keygen -Y verify -f allowed_signers -I "$1" -n ptdv-bundle@1 -s "$1"/SHA256SUMS.sig < "$1"/SHA256SUMS
(cd "$1" && sha256sum --strict -c SHA256SUMS)
`;

const CELLS = ['CB021', 'CB022'];

/** A đảng ủy cơ sở under the Khối with two chi bộ below it, each holding a few candidates and reported up once. */
async function tree(): Promise<{ khoi: TestDb; ducs: TestDb; cells: TestDb[] }> {
  const khoi = testContext(TODAY, SUPERIOR);
  const ducs = testContext(TODAY, { code: 'DU002', name: 'Đảng ủy Công ty Cơ khí', level: 'dang-bo-co-so', parentCode: SUPERIOR.code });
  await enrol(khoi, ducs);
  const cells = CELLS.map((code) => testContext(TODAY, { code, name: `Chi bộ ${code}`, level: 'chi-bo', parentCode: 'DU002' }));
  for (const [i, cell] of cells.entries()) {
    await enrol(ducs, cell);
    fillUnit(cell, 3 + i, 11 + i);
    expect((await importBundle(ducs.ctx, asFile(await exportUnitReport(cell.ctx, '2026-11')))).status).toBe('applied');
  }
  return { khoi, ducs, cells };
}

/** The ĐUCS's report `made` re-signed by the ĐUCS with one chi bộ's snapshot taken, genuine and signed, from its earlier report `older`. */
async function withInnerFrom(ducs: TestDb, made: MadeBundle, older: MadeBundle, code: string): Promise<MadeBundle> {
  const own = ownKeys(ducs.ctx);
  const open = async (b: MadeBundle) => readTar(await decompressTar(await ageDecrypt(b.bytes, own.identities)));
  const files = await open(made);
  const { signers, units } = await readForwarded(files.get('forwarded.tar')!);
  units.set(code, (await readForwarded((await open(older)).get('forwarded.tar')!)).units.get(code)!);
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Parameters<typeof packBundle>[0]['manifest'];
  const forwarded = await packForwarded([...units].map(([c, f]) => ({ code: c, publicKey: signers.get(c)!, files: f })));
  const packed = await packBundle({ manifest, data: JSON.parse(new TextDecoder().decode(files.get('data.json'))), signingKey: own.signing.privateKey, recipients: [manifest.to.ageRecipient], forwarded });
  return { bundle: { ...made.bundle, fileName: packed.fileName }, bytes: packed.bytes };
}

const candidatesByUnit = (db: TestDb) =>
  Object.fromEntries(db.ctx.db.$client.prepare('SELECT unit_code, count(*) AS n FROM candidates GROUP BY unit_code ORDER BY unit_code').all().map((r) => { const row = r as { unit_code: string; n: number }; return [row.unit_code, row.n]; }));

/** The ĐUCS's next report re-signed by the ĐUCS itself with one chi bộ's forwarded data changed: a correctly signed outer bundle. */
async function withTamperedInner(ducs: TestDb, made: MadeBundle, code: string): Promise<MadeBundle> {
  const own = ownKeys(ducs.ctx);
  const files = await readTar(await decompressTar(await ageDecrypt(made.bytes, own.identities)));
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as Parameters<typeof packBundle>[0]['manifest'];
  const { signers, units } = await readForwarded(files.get('forwarded.tar')!);
  const inner = units.get(code)!;
  const data = JSON.parse(new TextDecoder().decode(inner.get('data.json'))) as { candidates: unknown[] };
  inner.set('data.json', new TextEncoder().encode(`${JSON.stringify({ ...data, candidates: data.candidates.slice(1) })}\n`));
  const forwarded = await packForwarded([...units].map(([c, f]) => ({ code: c, publicKey: signers.get(c)!, files: f })));
  const packed = await packBundle({ manifest, data: JSON.parse(new TextDecoder().decode(files.get('data.json'))), signingKey: own.signing.privateKey, recipients: [manifest.to.ageRecipient], forwarded });
  return { bundle: { ...made.bundle, fileName: packed.fileName }, bytes: packed.bytes };
}

/** Khối → DU001 → DU011 → CB111, all enrolled, CB111 holding `people` candidates and reported to DU011 once. */
async function twoCommitteesDown(people: number): Promise<{ khoi: TestDb; upper: TestDb; lower: TestDb; cell: TestDb }> {
  const khoi = testContext(TODAY, SUPERIOR);
  const upper = testContext(TODAY, { code: 'DU001', name: 'Đảng bộ Tổng công ty', level: 'dang-bo-co-so', parentCode: SUPERIOR.code });
  const lower = testContext(TODAY, { code: 'DU011', name: 'Đảng bộ bộ phận Nhà máy', level: 'dang-bo-co-so', parentCode: 'DU001' });
  const cell = testContext(TODAY, { code: 'CB111', name: 'Chi bộ Phân xưởng 1', level: 'chi-bo', parentCode: 'DU011' });
  await enrol(khoi, upper);
  await enrol(upper, lower);
  await enrol(lower, cell);
  fillUnit(cell, people, 23);
  await importBundle(lower.ctx, asFile(await exportUnitReport(cell.ctx, '2026-11')));
  return { khoi, upper, lower, cell };
}

describe('the Khối tells a forwarded chi bộ that sent nothing for the period from one that admitted no one', () => {
  it('lists the chi bộ whose latest forwarded snapshot is older than the period as "chưa gửi báo cáo", like the ĐUCS itself', async () => {
    const { khoi, ducs } = await tree();
    expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-12')))).status).toBe('applied');
    const report = (period: string, asOf: string) => buildUnitReport(khoi.ctx.db, { all: true, period, asOf });
    // December's snapshots were applied in the quarter: every unit reported.
    expect(report('2026-Q4', TODAY).unitsNotReported).toEqual([]);
    // Nothing new since: in 2027 the ĐUCS and both its chi bộ are silent, not units that admitted no one.
    const next = report('2027-Q1', '2027-01-10');
    expect(next.unitsNotReported.map((u) => u.code)).toEqual(['CB021', 'CB022', 'DU002']);
    expect(next.unitsWithoutAdmission).toEqual([]);
  });

  it('counts "units with data" over the chi bộ: a ĐUCS that only sums them is neither one more unit nor one that admitted no one', async () => {
    const { khoi, ducs } = await tree();
    expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-12')))).status).toBe('applied');
    const year = buildUnitReport(khoi.ctx.db, { all: true, period: '2026', asOf: TODAY });
    expect(year.units.map((u) => u.code)).toEqual(['CB021', 'CB022', 'DU002']);
    expect(unitsWithData(year)).toBe(2);
    expect(year.unitsWithoutAdmission.map((u) => u.code)).not.toContain('DU002');
    const dashboard = buildDashboard(khoi.ctx.db, { year: 2026, asOf: TODAY });
    expect([dashboard.unitsWithData, dashboard.unitsWithoutAdmission]).toEqual([2, year.unitsWithoutAdmission]);
  });
});

describe('a đảng ủy cơ sở forwards each chi bộ snapshot as the chi bộ signed it', () => {
  beforeAll(() => {
    for (const tool of ['ssh-keygen', 'sha256sum', 'tar', 'sh']) {
      requireTool(tool);
    }
  });

  it('passes on the latest applied report of each chi bộ, checkable with ssh-keygen -Y verify and sha256sum', async () => {
    const { ducs, cells } = await tree();
    await importBundle(ducs.ctx, asFile(await exportUnitReport(cells[0]!.ctx, '2026-12')));

    const snapshots = await forwardedSnapshots(ducs.ctx);
    expect(snapshots.map((s) => s.code)).toEqual(CELLS);
    const manifest = JSON.parse(new TextDecoder().decode(snapshots[0]!.files.get('manifest.json'))) as { label: string; from: { code: string } };
    expect(manifest).toMatchObject({ label: '2026-12', from: { code: 'CB021' } });

    const dir = tempDir();
    writeFileSync(join(dir, 'forwarded.tar'), (await forwardedArchive(ducs.ctx))!.bytes);
    for (const [i, cell] of cells.entries()) {
      const audit = run('sh', ['-c', AUDIT_SCRIPT, 'audit', CELLS[i]!], { cwd: dir });
      expect(audit.stdout).toContain(`Good "ptdv-bundle@1" signature for ${CELLS[i]} with ED25519 key ${ownKeys(cell.ctx).signing.fingerprint}`);
      expect(audit.stdout).toContain('data.json: OK\nmanifest.json: OK\n');
      expect(audit.status).toBe(0);
      run('rm', ['-rf', join(dir, 'f')]);
    }
    expect(run('tar', ['-xf', 'forwarded.tar'], { cwd: dir }).status).toBe(0);
    writeFileSync(join(dir, 'CB021', 'data.json'), '{"candidates":[]}');
    const check = run('sh', ['-c', 'cd CB021 && sha256sum --strict -c SHA256SUMS'], { cwd: dir });
    expect(check.status).not.toBe(0);
    expect(check.stdout).toContain('data.json: FAILED');
  });

  it('forwards nothing for a chi bộ that never reported', async () => {
    const ducs = testContext(TODAY, { code: 'DU002', name: 'Đảng ủy Công ty Cơ khí', level: 'dang-bo-co-so', parentCode: SUPERIOR.code });
    await enrol(ducs, testContext(TODAY, { code: 'CB021', name: 'Chi bộ CB021', level: 'chi-bo', parentCode: 'DU002' }));
    expect(await forwardedArchive(ducs.ctx)).toBeUndefined();
  });

  it('the Khối mirrors the chi bộ below the đảng ủy cơ sở, each under its own unit', async () => {
    const { khoi, ducs, cells } = await tree();
    const outcome = await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-11')));
    expect(outcome.status).toBe('applied');
    expect(candidatesByUnit(khoi)).toEqual(candidatesByUnit(ducs));
    expect(candidatesByUnit(khoi)).toEqual({ CB021: 3, CB022: 4 });
    const held = khoi.ctx.db.$client.prepare("SELECT code, parent_code FROM units WHERE origin = 'mirror' ORDER BY code").all();
    expect(held).toEqual([{ code: 'CB021', parent_code: 'DU002' }, { code: 'CB022', parent_code: 'DU002' }, { code: 'DU002', parent_code: 'DUK01' }]);
    expect(outcome.summary?.warnings).toContain('Hồ sơ chuyển tiếp của đơn vị cấp dưới: 2 đã cập nhật, 0 không đổi.');

    // The next report forwards the same two snapshots: nothing changes, nothing is counted twice.
    await importBundle(ducs.ctx, asFile(await exportUnitReport(cells[1]!.ctx, '2026-12')));
    const again = await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-12')));
    expect(again.summary?.warnings).toContain('Hồ sơ chuyển tiếp của đơn vị cấp dưới: 1 đã cập nhật, 1 không đổi.');
    expect(candidatesByUnit(khoi)).toEqual({ CB021: 3, CB022: 4 });
  });

  it('keeps the newer chi bộ snapshot when a correctly signed bundle forwards an older one (a ĐUCS restored from a backup)', async () => {
    const { khoi, ducs, cells } = await tree();
    const first = await exportUnitReport(ducs.ctx, '2026-11');
    expect((await importBundle(khoi.ctx, asFile(first))).status).toBe('applied');
    readyForAdmission(cells[1]!);
    expect((await importBundle(ducs.ctx, asFile(await exportUnitReport(cells[1]!.ctx, '2026-12')))).status).toBe('applied');
    expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-12')))).status).toBe('applied');
    expect(candidatesByUnit(khoi)).toEqual({ CB021: 3, CB022: 5 });
    const stale = await withInnerFrom(ducs, await exportUnitReport(ducs.ctx, '2026-12b'), first, 'CB022');
    const outcome = await importBundle(khoi.ctx, asFile(stale));
    expect(outcome.status).toBe('applied');
    expect(candidatesByUnit(khoi)).toEqual({ CB021: 3, CB022: 5 });
    expect(outcome.summary?.warnings).toContain('Giữ hồ sơ số 3 của CB022: DU002 gửi kèm hồ sơ số 2, không mới hơn, nên không áp dụng.');
  });

  it('refuses a chi bộ snapshot changed inside a correctly signed bundle, and applies the rest', async () => {
    const { khoi, ducs } = await tree();
    const tampered = await withTamperedInner(ducs, await exportUnitReport(ducs.ctx, '2026-11'), 'CB021');
    const outcome = await importBundle(khoi.ctx, asFile(tampered));
    expect(outcome.status).toBe('applied');
    expect(outcome.refusedInner).toEqual([expect.objectContaining({ unitCode: 'CB021', code: 'INNER_HASH_MISMATCH' })]);
    expect(outcome.summary?.warnings.join('\n')).toMatch(/Từ chối hồ sơ chuyển tiếp của CB021 \[INNER_HASH_MISMATCH\]: Hồ sơ chuyển tiếp không khớp với mã băm/);
    expect(candidatesByUnit(khoi)).toEqual({ CB022: 4 });
    expect(khoi.ctx.db.$client.prepare("SELECT code FROM units WHERE origin = 'mirror' ORDER BY code").pluck().all()).toEqual(['CB022', 'DU002']);
  });

  it('keeps a forwarded snapshot in a fraction of its size and passes it on byte for byte, as it does one an older version stored whole', async () => {
    const { khoi, ducs } = await tree();
    expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-12')))).status).toBe('applied');
    const signed = Object.fromEntries((await forwardedSnapshots(ducs.ctx)).map((s) => [s.code, s.files]));
    const passedOn = async () => Object.fromEntries((await forwardedSnapshots(khoi.ctx)).filter((s) => CELLS.includes(s.code)).map((s) => [s.code, s.files]));
    expect(Object.keys(signed)).toEqual(CELLS);
    expect(await passedOn()).toEqual(signed);
    const sqlite = khoi.ctx.db.$client;
    const stored = sqlite.prepare('SELECT length(data) FROM forwarded_snapshots WHERE unit_code = ?').pluck();
    expect(stored.get('CB021') as number).toBeLessThan(signed.CB021!.get('data.json')!.length / 3);
    sqlite.prepare('UPDATE forwarded_snapshots SET data = ? WHERE unit_code = ?').run(Buffer.from(signed.CB021!.get('data.json')!), 'CB021');
    expect(await passedOn()).toEqual(signed);
  });

  it('forwards any depth: a chi bộ two committees down reaches the Khối with its own signature checked', async () => {
    const { khoi, upper, lower, cell } = await twoCommitteesDown(5);
    await importBundle(upper.ctx, asFile(await exportUnitReport(lower.ctx, '2026-11')));
    const outcome = await importBundle(khoi.ctx, asFile(await exportUnitReport(upper.ctx, '2026-11')));
    expect(outcome.status).toBe('applied');
    expect(outcome.refusedInner ?? []).toEqual([]);
    expect(candidatesByUnit(khoi)).toEqual({ CB111: 5 });
    const held = khoi.ctx.db.$client.prepare("SELECT code, parent_code FROM units WHERE origin = 'mirror' ORDER BY code").all();
    expect(held).toEqual([{ code: 'CB111', parent_code: 'DU011' }, { code: 'DU001', parent_code: 'DUK01' }, { code: 'DU011', parent_code: 'DU001' }]);
    // The snapshot the Khối holds is still the chi bộ's own, signed by its key.
    const stored = khoi.ctx.db.$client.prepare("SELECT via_code, public_key FROM forwarded_snapshots WHERE unit_code = 'CB111'").get();
    expect(stored).toEqual({ via_code: 'DU001', public_key: expect.stringContaining(ownKeys(cell.ctx).signing.publicKey.split(' ')[1]!) });
  });

  it("refuses a sibling đảng ủy cơ sở forwarding a chi bộ of another branch under a key of its own making", async () => {
    const { khoi, ducs } = await tree();
    expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-11')))).status).toBe('applied');
    const sibling = testContext(TODAY, { code: 'DU003', name: 'Đảng ủy Công ty Dệt', level: 'dang-bo-co-so', parentCode: SUPERIOR.code });
    await enrol(khoi, sibling);
    const forged = testContext(TODAY, { code: 'CB021', name: 'Chi bộ CB021', level: 'chi-bo', parentCode: 'DU003' });
    await enrol(sibling, forged);
    fillUnit(forged, 1, 99);
    expect((await importBundle(sibling.ctx, asFile(await exportUnitReport(forged.ctx, '2026-11')))).status).toBe('applied');

    const outcome = await importBundle(khoi.ctx, asFile(await exportUnitReport(sibling.ctx, '2026-11')));
    expect(outcome.status).toBe('applied');
    expect(outcome.refusedInner).toEqual([expect.objectContaining({ unitCode: 'CB021', code: 'INNER_NOT_BELOW' })]);
    expect(outcome.summary?.warnings.join('\n')).toContain('Từ chối hồ sơ chuyển tiếp của CB021 [INNER_NOT_BELOW]');
    expect(candidatesByUnit(khoi)).toEqual({ CB021: 3, CB022: 4 });
    expect(khoi.ctx.db.$client.prepare("SELECT parent_code FROM units WHERE code = 'CB021'").pluck().get()).toBe('DU002');
  });

  it('says so when the đảng ủy cơ sở vouches a new key for a chi bộ (a rotation the Khối cannot see itself)', async () => {
    const { khoi, ducs, cells } = await tree();
    expect((await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-11')))).status).toBe('applied');
    const before = ownKeys(cells[0]!.ctx).signing.fingerprint;
    const [announcement] = await rotateKeys(cells[0]!.ctx);
    expect((await importBundle(ducs.ctx, asFile(announcement!))).status).toBe('applied');
    expect((await importBundle(ducs.ctx, asFile(await exportUnitReport(cells[0]!.ctx, '2026-12')))).status).toBe('applied');

    const outcome = await importBundle(khoi.ctx, asFile(await exportUnitReport(ducs.ctx, '2026-12')));
    expect(outcome.refusedInner ?? []).toEqual([]);
    expect(outcome.summary?.warnings).toContain(
      `Khóa ký của CB021 đã đổi: DU002 xác nhận khóa mới ${ownKeys(cells[0]!.ctx).signing.fingerprint} (khóa cũ ${before}). Hãy hỏi DU002 nếu không biết đơn vị này đổi khóa.`,
    );
  });

  it("carries each committee's split of its target up to every level above, and withdraws it there when withdrawn", async () => {
    const { khoi, upper, lower } = await twoCommitteesDown(3);
    const year = { year: 2026, period: 'year' as const };
    saveTargetTable(upper.ctx, { ...year, entries: [{ unitCode: 'DU011', kind: 'count', value: 5 }] });
    saveTargetTable(lower.ctx, { ...year, entries: [{ unitCode: 'CB111', kind: 'count', value: 3 }] });
    const sendUp = async (label: string) => {
      await importBundle(upper.ctx, asFile(await exportUnitReport(lower.ctx, label)));
      return importBundle(khoi.ctx, asFile(await exportUnitReport(upper.ctx, label)));
    };
    expect((await sendUp('2026-11')).status).toBe('applied');
    const given = (db: TestDb, code: string) => listTargets(db.ctx.db, { unitCode: code, year: 2026 }).map((t) => [t.unitCode, t.targetCount, t.issuerCode, t.effective]);
    // Two levels up the chi bộ's share is the one DU011 gave it; DU011's own is the one DU001 gave.
    expect(given(khoi, 'CB111')).toEqual([['CB111', 3, 'DU011', true]]);
    expect(given(khoi, 'DU011')).toEqual([['DU011', 5, 'DU001', true]]);
    expect(given(upper, 'CB111')).toEqual([['CB111', 3, 'DU011', true]]);

    saveTargetTable(lower.ctx, { ...year, entries: [{ unitCode: 'CB111', kind: 'count', value: null }] });
    await sendUp('2026-12');
    expect(given(khoi, 'CB111')).toEqual([]);
  });
});
