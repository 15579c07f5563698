import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { candidateDetail } from '../../electron/core/store/candidates';
import { listTargets } from '../../electron/core/services/target-service';
import { requireTool, run } from '../core/bundles/fixtures';
import { runCli } from '../helpers/cli';
import { logicalDump } from '../helpers/dump';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-12-28' };
const CLEAN = join(import.meta.dirname, '../fixtures/dossiers/clean.json');
const READ_ALOUD = /\d{4} \d{4} \d{4} \d{4} \d{4}/;

async function ok(argv: string[]): Promise<string> {
  const r = await runCli(argv, env);
  if (r.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} → ${r.code}\n${r.stderr}`);
  }
  return r.stdout;
}

function withDb<T>(file: string, fn: (d: ReturnType<typeof openDatabase>) => T): T {
  const d = openDatabase(file, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    return fn(d);
  } finally {
    d.close();
  }
}

const dumpOf = (file: string) => withDb(file, (d) => logicalDump(d.sqlite));
const statusOf = (stdout: string) => JSON.parse(stdout).files.map((f: { status: string }) => f.status);

describe('sync bundles through the ptdv CLI', () => {
  beforeAll(() => {
    for (const tool of ['age', 'ssh-keygen', 'sha256sum', 'tar']) {
      requireTool(tool);
    }
  });

  it('enrols a cell, carries its reports up and a decision and a target back down', async () => {
    const dir = tempDir();
    const [sup, unit, up, down] = [join(dir, 'duk.db'), join(dir, 'cb.db'), join(dir, 'len'), join(dir, 'xuong')];
    await ok(['init', '--db', sup, '--code', 'DUK01', '--name', 'Đảng ủy Khối Doanh nghiệp', '--level', 'cap-tren']);
    await ok(['keys', 'export-trust', '--db', sup, '--out', join(dir, 'duk01.trust.json')]);
    // Empty lists say so, rather than print nothing.
    expect(await ok(['units', 'list', '--db', sup])).toMatch(/^Chưa có đơn vị cấp dưới nào\./);
    expect(await ok(['bundle', 'outbox', '--db', sup])).toBe('Chưa lập gói nào để gửi đi.\n');
    const created = await ok(['init', '--db', unit, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUK01']);

    const request = await runCli(['enrol', 'request', '--db', unit, '--trust', join(dir, 'duk01.trust.json'), '--out', up], env);
    expect(request.code).toBe(0);
    const enrolment = request.stdout.trim();
    expect(enrolment).toBe(join(up, 'CB014_DUK01_DANGKY_s000001.ptdv'));
    const unitCode = /Mã vân tay của đơn vị gửi: (.+)/.exec(request.stderr)?.[1];
    const accepted = await ok(['enrol', 'accept', '--db', sup, enrolment]);
    expect(accepted).toContain('applied');
    // The code the superior shows is the one the cell reads out from its own screen.
    expect(accepted).toContain(`MÃ VÂN TAY CỦA CB014:\n\n    ${unitCode}`);
    expect(await ok(['keys', 'show', '--db', unit])).toContain(`Mã vân tay (đọc qua điện thoại): ${unitCode}`);
    expect(unitCode).toMatch(READ_ALOUD);
    expect(created).toContain(`Mã vân tay (đọc khi đăng ký với cấp trên): ${unitCode}`);

    await ok(['demo', '--db', unit, '--candidates', '20']);
    const exported = await runCli(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', up], env);
    expect(exported.code).toBe(0);
    const first = exported.stdout.trim();
    expect(first).toBe(join(up, 'CB014_DUK01_2026Q4_s000002.ptdv'));
    // The summary a secretary reads is in words: no "unit-report", no "candidates 20".
    expect(exported.stderr).toMatch(/Gói số 2 \(báo cáo\) gửi DUK01: 20 hồ sơ người vào Đảng, \d+ đảng viên/);
    expect(exported.stderr).not.toMatch(/unit-report|candidates|members/);
    const outbox = await ok(['bundle', 'outbox', '--db', unit]);
    expect(outbox).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d  CB014_DUK01_2026Q4_s000002\.ptdv  Báo cáo .*  [0-9a-f]{64}$/m);
    expect(outbox).not.toContain('unit-report');

    // Not yet confirmed by phone: refused, clearly, and nothing written.
    const before = dumpOf(sup);
    const early = await runCli(['bundle', 'import', '--db', sup, first], env);
    expect(early.code).toBe(1);
    expect(early.stdout).toMatch(/^rejected .*\[UNIT_NOT_VERIFIED\] Đơn vị gửi chưa được xác nhận/);
    expect(dumpOf(sup)).toEqual(before);

    const wrong = await runCli(['enrol', 'confirm', '--db', sup, '--code', 'CB014', '--fingerprint', '1111 2222 3333 4444 5555'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('[FINGERPRINT_MISMATCH]');
    await ok(['enrol', 'confirm', '--db', sup, '--code', 'CB014', '--fingerprint', unitCode ?? '']);

    const imported = JSON.parse(await ok(['bundle', 'import', '--db', sup, first, '--json'])).files[0];
    expect(imported).toMatchObject({ status: 'applied', from: 'CB014', seq: 2, code: null, summary: { quarantined: 0, removed: 0 } });
    expect(imported.summary.added).toBeGreaterThanOrEqual(20);
    const shown = await ok(['units', 'show', '--db', sup, '--code', 'CB014']);
    expect(shown.trim().split('\n')).toHaveLength(21);
    expect(statusOf(await ok(['bundle', 'import', '--db', sup, first, '--json']))).toEqual(['duplicate']);

    // The cell goes on working: a new candidate, two more reports, and a restored backup that re-uses a number.
    // Proposed by the ĐUCS too, so the admission decision sent back below fits her.
    const lanDossier = JSON.parse(readFileSync(CLEAN, 'utf8'));
    lanDossier.events.push({ type: 'DUCS_VOTED', date: '2026-03-20', yes: 9, members: 11 });
    writeFileSync(join(dir, 'lan.json'), JSON.stringify(lanDossier));
    await ok(['dossier', 'import', '--db', unit, join(dir, 'lan.json')]);
    const second = (await ok(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', up])).trim();
    await ok(['backup', '--db', unit, '--out', join(dir, 'cb.bak')]);
    const third = (await ok(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', up])).trim();
    const gap = JSON.parse(await ok(['bundle', 'import', '--db', sup, third, '--json'])).files[0];
    expect(gap).toMatchObject({ status: 'applied', seq: 4, missing: [{ from: 3, to: 3 }] });
    expect(await ok(['units', 'list', '--db', sup])).toMatch(/CB014\t.*đã xác nhận\t21 người\tgói số 4 \(2026Q4\).*; thiếu gói số 3/);
    expect(statusOf(await ok(['bundle', 'import', '--db', sup, second, '--json']))).toEqual(['stale']);
    expect(await ok(['units', 'list', '--db', sup])).not.toContain('thiếu');

    await ok(['restore', '--db', unit, '--from', join(dir, 'cb.bak')]);
    await ok(['demo', '--db', unit, '--candidates', '1', '--seed', '99']);
    const again = (await ok(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', join(dir, 'lan-2')])).trim();
    expect(again.endsWith('CB014_DUK01_2026Q4_s000004.ptdv')).toBe(true);
    expect(statusOf(await ok(['bundle', 'import', '--db', sup, again, '--json']))).toEqual(['conflict']);
    expect(await ok(['quarantine', 'list', '--db', sup])).toContain('(không thử lại được)');

    // Back down: a decision for the new candidate, a target and a comment, imported by the cell.
    const lan = (await ok(['units', 'show', '--db', sup, '--code', 'CB014', '--query', 'nguyen thi lan'])).split('\n').find((l) => l.includes('Nguyễn Thị Lan'));
    const lanId = lan?.split('\t')[0] ?? '';
    await ok(['directive', 'add-decision', '--db', sup, '--candidate', lanId, '--kind', 'admission', '--number', '123-QĐ/ĐUK', '--date', '2026-12-20']);
    await ok(['targets', 'set', '--db', sup, '--unit', 'CB014', '--year', '2027', '--count', '5']);
    await ok(['directive', 'add-note', '--db', sup, '--unit', 'CB014', '--candidate', lanId, '--request-dossier', '--text', 'Bổ sung bản sao giấy chứng nhận lớp bồi dưỡng.']);
    const directive = (await ok(['directive', 'export', '--db', sup, '--to', 'CB014', '--out', down])).trim();
    expect(directive).toBe(join(down, 'DUK01_CB014_2026Q4_s000001.ptdv'));
    const arrived = await ok(['directive', 'import', '--db', unit, directive]);
    expect(arrived).toContain('applied');
    expect(arrived).toContain('  Quyết định kết nạp số 123-QĐ/ĐUK ngày 20/12/2026 — Nguyễn Thị Lan');
    expect(arrived).toContain('  Đề nghị bổ sung hồ sơ: Bổ sung bản sao giấy chứng nhận lớp bồi dưỡng.');
    expect(arrived).toMatch(/ {2}Biên nhận gói số 2 \(2026Q4\): đã cập nhật — thêm \d+/);
    // The kinds in words, never their codes.
    expect(arrived).not.toMatch(/\b(receipt|decision|request-dossier|comment):/);
    withDb(unit, (d) => {
      const id = (d.sqlite.prepare("SELECT id FROM candidates WHERE full_name = 'Nguyễn Thị Lan'").get() as { id: string }).id;
      const decided = candidateDetail(d.db, id).events.find((e) => e.event.type === 'ADMISSION_DECIDED');
      expect(decided?.event).toMatchObject({ date: '2026-12-20', number: '123-QĐ/ĐUK', received: '2026-12-28' });
      expect(listTargets(d.db, { year: 2027 })).toEqual([expect.objectContaining({ unitCode: 'CB014', period: 'year', targetCount: 5, source: 'superior', effective: true })]);
    });
    expect(statusOf(await ok(['directive', 'import', '--db', unit, directive, '--json']))).toEqual(['duplicate']);
    expect((await runCli(['directive', 'import', '--db', unit, first], env)).stdout).toMatch(/rejected .*\[WRONG_RECIPIENT\]/);

    // Sent is not delivered: the decision counts as received once the cell's next report acknowledges the directive.
    const decisionLine = 'Quyết định kết nạp số 123-QĐ/ĐUK ngày 20/12/2026 — Nguyễn Thị Lan → CB014';
    expect(await ok(['directive', 'list', '--db', sup, '--unit', 'CB014'])).toContain(`${decisionLine}  [đã gửi, chờ đơn vị xác nhận]`);
    const acknowledging = (await ok(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', join(dir, 'lan-3')])).trim();
    expect(statusOf(await ok(['bundle', 'import', '--db', sup, acknowledging, '--json']))).toEqual(['applied']);
    expect(await ok(['directive', 'list', '--db', sup, '--unit', 'CB014'])).toContain(`${decisionLine}  [đơn vị đã nhận]`);
  }, 600_000);

  it('gets a cell that restored an old copy sending again: the superior accepts its new numbering after the code, or the cell continues by hand', async () => {
    const dir = tempDir();
    const [sup, unit, old, up] = [join(dir, 'duk.db'), join(dir, 'cb.db'), join(dir, 'cb-cu.db'), join(dir, 'len')];
    await ok(['init', '--db', sup, '--code', 'DUK01', '--name', 'Đảng ủy Khối', '--level', 'cap-tren']);
    await ok(['keys', 'export-trust', '--db', sup, '--out', join(dir, 'trust.json')]);
    await ok(['init', '--db', unit, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo']);
    const enrolment = (await ok(['enrol', 'request', '--db', unit, '--trust', join(dir, 'trust.json'), '--out', up])).trim();
    const code = READ_ALOUD.exec(await ok(['enrol', 'accept', '--db', sup, enrolment]))?.[0] ?? '';
    await ok(['enrol', 'confirm', '--db', sup, '--code', 'CB014', '--fingerprint', code]);
    await ok(['dossier', 'import', '--db', unit, CLEAN]);
    // A copy of the cell as it is now (last sent: 1), as an old backup would bring back.
    copyFileSync(unit, old);
    copyFileSync(`${unit}.key`, `${old}.key`);
    for (let i = 0; i < 2; i++) {
      const file = (await ok(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', up])).trim();
      expect(statusOf(await ok(['bundle', 'import', '--db', sup, file, '--json']))).toEqual(['applied']);
    }
    const reused = (await ok(['bundle', 'export', '--db', old, '--label', '2026Q4', '--out', join(dir, 'cu')])).trim();
    expect(reused.endsWith('_s000002.ptdv')).toBe(true);
    expect(statusOf(await ok(['bundle', 'import', '--db', sup, reused, '--json']))).toEqual(['conflict']);

    const before = dumpOf(sup);
    const wrong = await runCli(['units', 'accept-numbering', '--db', sup, '--code', 'CB014', '--fingerprint', '1111 2222 3333 4444 5555'], env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Mã vân tay không khớp');
    expect(dumpOf(sup)).toEqual(before);
    expect(await ok(['units', 'accept-numbering', '--db', sup, '--code', 'CB014', '--fingerprint', code])).toContain('Đã chấp nhận cách đánh số mới của CB014: gói số 2');

    const notHigher = await runCli(['enrol', 'resync', '--db', old, '--after', '1'], env);
    expect(notHigher.code).not.toBe(0);
    expect(notHigher.stderr).toContain('không bao giờ dùng lại số đã gửi');
    expect(await ok(['enrol', 'resync', '--db', old, '--after', '6'])).toContain('Gói báo cáo tiếp theo gửi cấp trên sẽ mang số 7.');
    const next = (await ok(['bundle', 'export', '--db', old, '--label', '2026Q4', '--out', join(dir, 'cu')])).trim();
    expect(JSON.parse(await ok(['bundle', 'import', '--db', sup, next, '--json'])).files[0]).toMatchObject({ status: 'applied', seq: 7, missing: [{ from: 3, to: 6 }] });
    expect(await ok(['units', 'list', '--db', sup])).toMatch(/gói số 7 \(2026Q4\).*; thiếu gói số 3–6/);
    const badLimit = await runCli(['quarantine', 'list', '--db', sup, '--limit', '0'], env);
    expect(badLimit.code).not.toBe(0);
    expect(badLimit.stderr).toContain('--limit phải là số nguyên dương');
  }, 600_000);

  it('makes files an auditor checks with age, ssh-keygen and sha256sum, and refuses a tampered one among good ones', async () => {
    const dir = tempDir();
    const [sup, unit, up] = [join(dir, 'duk.db'), join(dir, 'cb.db'), join(dir, 'len')];
    await ok(['init', '--db', sup, '--code', 'DUK01', '--name', 'Đảng ủy Khối', '--level', 'cap-tren']);
    await ok(['keys', 'export-trust', '--db', sup, '--out', join(dir, 'trust.json')]);
    await ok(['init', '--db', unit, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo']);
    const enrolment = (await ok(['enrol', 'request', '--db', unit, '--trust', join(dir, 'trust.json'), '--out', up])).trim();
    const code = READ_ALOUD.exec(await ok(['enrol', 'accept', '--db', sup, enrolment]))?.[0] ?? '';
    await ok(['enrol', 'confirm', '--db', sup, '--code', 'CB014', '--fingerprint', code.replaceAll(' ', '-')]);
    await ok(['dossier', 'import', '--db', unit, CLEAN]);
    const file = (await ok(['bundle', 'export', '--db', unit, '--label', '2026Q4', '--out', up])).trim();

    const audit = join(dir, 'kiem-tra');
    mkdirSync(audit);
    await ok(['keys', 'export-age-identity', '--db', sup, '--out', join(audit, 'office.agekey')]);
    const again = await runCli(['keys', 'export-age-identity', '--db', sup, '--out', join(audit, 'office.agekey')], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[FILE_EXISTS]');
    await ok(['keys', 'export-allowed-signers', '--db', sup, '--out', join(audit, 'allowed_signers')]);
    expect(readFileSync(join(audit, 'allowed_signers'), 'utf8')).toMatch(/^CB014 namespaces="ptdv-bundle@1" ssh-ed25519 AAAA\S+\n$/);
    expect(run('age', ['-d', '-i', 'office.agekey', '-o', 'b.tar', file], { cwd: audit }).status).toBe(0);
    mkdirSync(join(audit, 'b'));
    expect(run('tar', ['--no-same-owner', '--no-same-permissions', '-xf', 'b.tar', '-C', 'b'], { cwd: audit }).status).toBe(0);
    const sums = readFileSync(join(audit, 'b', 'SHA256SUMS'));
    const verified = run('ssh-keygen', ['-Y', 'verify', '-f', '../allowed_signers', '-I', 'CB014', '-n', 'ptdv-bundle@1', '-s', 'SHA256SUMS.sig'], { cwd: join(audit, 'b'), input: sums });
    expect(verified.stdout).toContain('Good "ptdv-bundle@1" signature for CB014');
    expect(verified.status).toBe(0);
    const checked = run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: join(audit, 'b') });
    expect(checked.stdout).toBe('data.json: OK\nmanifest.json: OK\n');
    const data = JSON.parse(readFileSync(join(audit, 'b', 'data.json'), 'utf8'));
    expect(data.candidates.map((c: { fullName: string }) => c.fullName)).toEqual(['Nguyễn Thị Lan']);

    const tampered = join(dir, 'CB014_DUK01_2026Q4_s000002-sua.ptdv');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0x01;
    writeFileSync(tampered, bytes);
    const before = dumpOf(sup);
    const alone = await runCli(['bundle', 'import', '--db', sup, tampered, '--json'], env);
    expect(alone.code).toBe(1);
    expect(JSON.parse(alone.stdout).files[0]).toMatchObject({ status: 'rejected', code: 'DECRYPT_FAILED' });
    expect(dumpOf(sup)).toEqual(before);
    const batch = await runCli(['bundle', 'import', '--db', sup, file, tampered], env);
    expect(batch.code).toBe(1);
    expect(batch.stdout).toMatch(/^applied .*\nrejected .*\[DECRYPT_FAILED\] Không giải mã được tệp/);
    expect(batch.stderr).toContain('2 tệp: 1 áp dụng, 1 bị từ chối.');
    const reverified = await runCli(['bundle', 'verify', '--db', sup, file], env);
    expect(reverified.stdout).toMatch(/^duplicate .*Gói hợp lệ/);
    expect(reverified.stderr).toContain('1 tệp: 1 đã nhận trước đó.');
  }, 600_000);
});
