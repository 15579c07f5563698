import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { ageDecrypt, decompressTar, packBundle, packRelayed, readRelayed, readTar } from '../../electron/core/domain/bundles/index';
import { fixedClock } from '../../electron/core/ports';
import type { TargetTable } from '../../electron/core/model/target-table';
import { ownKeys, peerAgeRecipient } from '../../electron/core/services/key-service';
import { requireTool, run } from '../core/bundles/fixtures';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-12-28' };

async function ok(argv: string[]): Promise<string> {
  const r = await runCli(argv, env);
  if (r.code !== 0) {
    throw new Error(`ptdv ${argv.join(' ')} → ${r.code}\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

/** Khối → 2 đảng ủy cơ sở → 3 chi bộ each, plus one chi bộ directly under the Khối, as people set them up. */
const TREE: { code: string; level: 'dang-bo-co-so' | 'chi-bo'; parent: string; candidates?: number }[] = [
  { code: 'DU001', level: 'dang-bo-co-so', parent: 'DUK01' },
  { code: 'DU002', level: 'dang-bo-co-so', parent: 'DUK01' },
  { code: 'CB011', level: 'chi-bo', parent: 'DU001', candidates: 4 },
  { code: 'CB012', level: 'chi-bo', parent: 'DU001', candidates: 12 },
  { code: 'CB013', level: 'chi-bo', parent: 'DU001', candidates: 3 },
  { code: 'CB021', level: 'chi-bo', parent: 'DU002', candidates: 3 },
  { code: 'CB022', level: 'chi-bo', parent: 'DU002', candidates: 3 },
  { code: 'CB023', level: 'chi-bo', parent: 'DU002', candidates: 3 },
  { code: 'CB031', level: 'chi-bo', parent: 'DUK01', candidates: 3 },
];

const KHOI_NAME = 'Đảng ủy Khối Doanh nghiệp';
const dec = new TextDecoder();

describe('directives down the tree through the ptdv CLI: Đảng ủy Khối → đảng ủy cơ sở → chi bộ', () => {
  beforeAll(() => {
    for (const tool of ['ssh-keygen', 'sha256sum', 'tar']) {
      requireTool(tool);
    }
  });

  it('a Khối comment, decision and target reach the chi bộ through its đảng ủy cơ sở, signed by the Khối, and a bad one is refused alone', async () => {
    const dir = tempDir();
    const db = (code: string) => join(dir, `${code}.db`);
    const trust = (code: string) => join(dir, `${code}.trust.json`);
    await ok(['init', '--db', db('DUK01'), '--code', 'DUK01', '--name', KHOI_NAME, '--level', 'cap-tren']);
    await ok(['keys', 'export-trust', '--db', db('DUK01'), '--out', trust('DUK01')]);
    for (const unit of TREE) {
      const name = unit.level === 'chi-bo' ? `Chi bộ ${unit.code}` : `Đảng ủy cơ sở ${unit.code}`;
      await ok(['init', '--db', db(unit.code), '--code', unit.code, '--name', name, '--level', unit.level, '--parent', unit.parent]);
      const request = await runCli(['enrol', 'request', '--db', db(unit.code), '--trust', trust(unit.parent), '--out', join(dir, 'len')], env);
      expect(request.code).toBe(0);
      const readAloud = /Mã vân tay của đơn vị gửi: (.+)/.exec(request.stderr)?.[1] ?? '';
      await ok(['enrol', 'accept', '--db', db(unit.parent), request.stdout.trim()]);
      await ok(['enrol', 'confirm', '--db', db(unit.parent), '--code', unit.code, '--fingerprint', readAloud]);
      if (unit.level === 'dang-bo-co-so') {
        await ok(['keys', 'export-trust', '--db', db(unit.code), '--out', trust(unit.code)]);
      }
    }
    const report = async (code: string) => (await ok(['bundle', 'export', '--db', db(code), '--label', '2026Q4', '--out', join(dir, `r-${code}`)])).trim();
    for (const [i, cell] of TREE.filter((u) => u.level === 'chi-bo').entries()) {
      await ok(['demo', '--db', db(cell.code), '--candidates', String(cell.candidates), '--seed', String(70 + i)]);
      await ok(['bundle', 'import', '--db', db(cell.parent), await report(cell.code)]);
    }
    await ok(['bundle', 'import', '--db', db('DUK01'), await report('DU001'), await report('DU002')]);

    // The Khối's unit list names each unit with the units on its way.
    // A chi bộ two levels down never enrols at the Khối: its key is the one DU001 vouched for, its report DU001's forward.
    expect(await ok(['units', 'list', '--db', db('DUK01')])).toMatch(/^CB011\tChi bộ CB011 \(Đảng ủy cơ sở DU001\)\tkhóa do Đảng ủy cơ sở DU001 xác nhận\t\d+ người\thồ sơ số 2 qua Đảng ủy cơ sở DU001 nhận \d\d\/\d\d\/\d{4}$/m);
    expect(await ok(['units', 'list', '--db', db('DUK01')])).toMatch(/^DU001\tĐảng ủy cơ sở DU001\tđã xác nhận\t0 người \(cả đảng bộ: \d+ người\)\tgói số 2 /m);
    expect((await ok(['units', 'show', '--db', db('DUK01'), '--code', 'CB011'])).split('\n')[0]).toMatch(/^CB011 — Chi bộ CB011 \(khóa do Đảng ủy cơ sở DU001 xác nhận; hồ sơ số 2 qua Đảng ủy cơ sở DU001 nhận /);
    // The Khối addresses a comment to CB011 and an admission decision to a person of CB012, both two levels down,
    // and a comment to DU001 itself.
    const cb011Person = (await ok(['units', 'show', '--db', db('DUK01'), '--code', 'CB011'])).split('\n')[1]!.split('\t');
    await ok(['directive', 'add-note', '--db', db('DUK01'), '--unit', 'CB011', '--candidate', cb011Person[0]!, '--request-dossier', '--text', 'Khối đề nghị chi bộ rà soát lý lịch các quần chúng ưu tú trước quý I.']);
    await ok(['directive', 'add-note', '--db', db('DUK01'), '--unit', 'DU001', '--text', 'Khối nhắc đảng ủy cơ sở nộp báo cáo năm.']);
    const people = (await ok(['units', 'show', '--db', db('DUK01'), '--code', 'CB012'])).split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
    let decided: string[] | undefined;
    for (const person of people) {
      const r = await runCli(['directive', 'add-decision', '--db', db('DUK01'), '--candidate', person[0]!, '--kind', 'admission', '--number', '77-QĐ/ĐUK', '--date', '2026-12-20'], env);
      if (r.code === 0) {
        decided = person;
        break;
      }
    }
    // Some person of CB012 is ready for an admission decision.
    expect(decided).toBeDefined();

    // And a year target straight to CB011, below DU001.
    expect(await ok(['targets', 'set', '--db', db('DUK01'), '--unit', 'CB011', '--year', '2026', '--count', '2'])).toBe(
      'Đã đặt chỉ tiêu Năm 2026 của CB011: 2 người. Chỉ tiêu đi kèm gói chỉ đạo kế tiếp cho Đảng ủy cơ sở DU001 (DU001), đơn vị đó chuyển nguyên văn cho CB011.\n',
    );

    const toDu001 = (await ok(['directive', 'export', '--db', db('DUK01'), '--to', 'DU001', '--out', join(dir, 'd-khoi')])).trim();
    // A tampered copy and a copy addressed to DU002 are checked on copies of the đảng ủy cơ sở databases.
    const copy = (code: string) => {
      const file = join(dir, `${code}-copy.db`);
      for (const suffix of ['', '.key']) {
        writeFileSync(`${file}${suffix}`, readFileSync(`${db(code)}${suffix}`));
      }
      return file;
    };
    const du001Copy = copy('DU001');
    const du002Copy = copy('DU002');

    const atDu001 = await ok(['directive', 'import', '--db', db('DU001'), toDu001]);
    expect(atDu001).toContain('Khối nhắc đảng ủy cơ sở nộp báo cáo năm.');
    expect(atDu001).toContain('2 chỉ đạo của cấp trên gửi cho đơn vị trực thuộc được giữ lại');
    expect(await ok(['directive', 'list', '--db', db('DU001')])).toMatch(
      /Giữ để chuyển xuống \(đi kèm gói chỉ đạo kế tiếp\):\n  Đảng ủy Khối Doanh nghiệp \(DUK01\) → CB011, chỉ đạo số 1\n  Đảng ủy Khối Doanh nghiệp \(DUK01\) → CB012, chỉ đạo số 1/,
    );
    // DU001 receives no target of its own from it, and its split table shows the Khối's beside CB011's (empty) split.
    expect(await ok(['targets', 'list', '--db', db('DU001'), '--year', '2026'])).toBe('Chưa có chỉ tiêu nào cho năm 2026.\n');
    const splitRow = async () => (JSON.parse(await ok(['targets', 'table', '--db', db('DU001'), '--year', '2026', '--json'])) as TargetTable).rows.find((r) => r.code === 'CB011')!;
    expect(await splitRow()).toMatchObject({ assigned: null, fromAbove: [{ issuerCode: 'DUK01', issuerName: KHOI_NAME, kind: 'count', value: 2, targetCount: 2 }] });
    expect(await ok(['targets', 'table', '--db', db('DU001'), '--year', '2026'])).toMatch(/^CB011\tChi bộ CB011\tchỉ tiêu —\tđã kết nạp \d+\tĐảng ủy Khối Doanh nghiệp \(DUK01\) giao thẳng 2 người$/m);

    const tampered = await resign(db('DUK01'), toDu001, join(dir, 'tampered'), (files) => {
      const inner = [...files].find(([folder]) => folder.startsWith('DUK01_CB011_'))![1];
      inner.set('data.json', new TextEncoder().encode(dec.decode(inner.get('data.json')).replace('rà soát', 'bỏ qua')));
    });
    const refused = await runCli(['directive', 'import', '--db', du001Copy, tampered], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^applied +DUK01_DU001_2026Q4_s000001\.ptdv/);
    expect(refused.stdout).toContain('Từ chối chỉ đạo chuyển qua DUK01_CB011_s000001 [INNER_DIRECTIVE_HASH_MISMATCH]: Chỉ đạo chuyển qua không khớp với mã băm đơn vị ban hành đã ký');
    // The Khối's own item to the đảng ủy cơ sở still applies, and so does the untouched directive for CB012.
    expect(refused.stdout).toContain('Khối nhắc đảng ủy cơ sở nộp báo cáo năm.');
    expect(refused.stdout).toContain('1 chỉ đạo của cấp trên gửi cho đơn vị trực thuộc được giữ lại');

    const elsewhere = await resign(db('DUK01'), toDu001, join(dir, 'elsewhere'), () => undefined, 'DU002');
    const notMine = await runCli(['directive', 'import', '--db', du002Copy, elsewhere], env);
    expect(notMine.code).toBe(1);
    expect(notMine.stdout).toContain('Từ chối chỉ đạo chuyển qua DUK01_CB011_s000001 [INNER_DIRECTIVE_NOT_FOR_ME]');
    expect(notMine.stdout).toContain('Từ chối chỉ đạo chuyển qua DUK01_CB012_s000001 [INNER_DIRECTIVE_NOT_FOR_ME]');

    // DU001 decides an admission in CB011 itself, so the Khối's target there has an admission to count.
    const cb011People = (await ok(['units', 'show', '--db', db('DU001'), '--code', 'CB011'])).split('\n').slice(1).filter(Boolean).map((l) => l.split('\t'));
    const admitted = [];
    for (const person of cb011People) {
      const r = await runCli(['directive', 'add-decision', '--db', db('DU001'), '--candidate', person[0]!, '--kind', 'admission', '--number', '12-QĐ/ĐU', '--date', '2026-12-22'], env);
      if (r.code === 0) {
        admitted.push(person);
        break;
      }
    }
    expect(admitted).toHaveLength(1);

    // DU001's next directive to CB011 carries the Khối's directive byte for byte, with the Khối's key vouched for.
    const toCb011 = (await ok(['directive', 'export', '--db', db('DU001'), '--to', 'CB011', '--out', join(dir, 'd-du001')])).trim();
    const atCb011 = await ok(['directive', 'import', '--db', db('CB011'), toCb011]);
    expect(atCb011).toContain(`Đề nghị bổ sung hồ sơ: Khối đề nghị chi bộ rà soát lý lịch các quần chúng ưu tú trước quý I. — ${cb011Person[1]!}  [ban hành: ${KHOI_NAME} (chuyển qua Đảng ủy cơ sở DU001)]`);
    // The Khối's target reached CB011 through DU001, naming the Khối, and applies there.
    const cellTarget = /^CB011\tNăm 2026\t2 người\tđã kết nạp (\d+)[^\t]*\tĐảng ủy Khối Doanh nghiệp \(DUK01\) giao$/m;
    expect(await ok(['targets', 'list', '--db', db('CB011'), '--year', '2026'])).toMatch(/^CB011\tNăm 2026\t2 người\tđã kết nạp 1 \(50%\)\tĐảng ủy Khối Doanh nghiệp \(DUK01\) giao$/m);
    const listed = await ok(['directive', 'list', '--db', db('CB011')]);
    expect(listed).toContain(`Đề nghị bổ sung hồ sơ: Khối đề nghị chi bộ rà soát lý lịch các quần chúng ưu tú trước quý I. — ${cb011Person[1]!}  [ban hành: ${KHOI_NAME} (chuyển qua Đảng ủy cơ sở DU001)]  [chưa xử lý`);
    const noteId = /\[chưa xử lý — ptdv directive resolve --id (\S+)\]/.exec(listed)?.[1];
    expect(noteId).toBeDefined();
    const atCell = await entries(db('CB011'), toCb011);
    const tools = stockCheck(atCell, 'DUK01_CB011_s000001', join(dir, 'stock'));
    expect(tools.listed).toBe(true);
    expect(tools.verify).toMatch(/Good "ptdv-bundle@1" signature for DUK01/);
    expect(tools.sums).toContain('data.json: OK');
    const signedByKhoi = (await readRelayed((await entries(db('DU001'), toDu001)).get('relayed.tar')!)).directives.get('DUK01_CB011_s000001')!;
    const carried = (await readRelayed(atCell.get('relayed.tar')!)).directives.get('DUK01_CB011_s000001')!;
    expect([...carried.keys()].sort()).toEqual([...signedByKhoi.keys()].sort());
    expect([...carried].map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')])).toEqual([...signedByKhoi].map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')]));

    // The relayed decision passes CB012's own checks and becomes the person's admission, issued by the Khối.
    const toCb012 = (await ok(['directive', 'export', '--db', db('DU001'), '--to', 'CB012', '--out', join(dir, 'd-du001')])).trim();
    await ok(['directive', 'import', '--db', db('CB012'), toCb012]);
    expect(await ok(['directive', 'list', '--db', db('CB012')])).toContain(`  Quyết định kết nạp số 77-QĐ/ĐUK ngày 20/12/2026 — ${decided![1]!}  [ban hành: ${KHOI_NAME} (chuyển qua Đảng ủy cơ sở DU001)]`);
    // Importing the same directive again changes nothing (the Khối's directive is applied once).
    const again = await runCli(['directive', 'import', '--db', db('CB012'), toCb012], env);
    expect(again.stdout).toMatch(/^duplicate/);

    // The answer goes up in CB011's snapshot, which DU001 forwards: the Khối sees its comment handled.
    await ok(['directive', 'resolve', '--db', db('CB011'), '--id', noteId!, '--answer', 'Chi bộ đã rà soát xong.']);
    await ok(['bundle', 'import', '--db', db('DU001'), await report('CB011'), await report('CB012')]);
    await ok(['bundle', 'import', '--db', db('DUK01'), await report('DU001')]);
    expect(await ok(['directive', 'list', '--db', db('DUK01'), '--unit', 'CB011'])).toMatch(/Khối đề nghị chi bộ rà soát lý lịch các quần chúng ưu tú trước quý I\. — [^\n]+ → CB011 {2}\[đơn vị đã nhận\] {2}\[đơn vị đã xử lý ngày 28\/12\/2026: Chi bộ đã rà soát xong\.\]/);
    // The target is tracked at all three levels over the same admissions of CB011: at the chi bộ, in DU001's split
    // table, and in the Khối's list of what it assigned.
    const atCellNow = Number(cellTarget.exec(await ok(['targets', 'list', '--db', db('CB011'), '--year', '2026']))![1]);
    expect(atCellNow).toBe(1);
    expect((await splitRow()).achieved).toBe(atCellNow);
    expect(await ok(['targets', 'list', '--db', db('DUK01'), '--year', '2026', '--unit', 'CB011'])).toMatch(new RegExp(`^CB011\tNăm 2026\t2 người\tđã kết nạp ${atCellNow}[^\t]*\tcấp trên giao$`, 'm'));
    // And the Khối's mirror of CB012 shows the admission the chi bộ recorded from its decision.
    const khoiView = (await ok(['units', 'show', '--db', db('DUK01'), '--code', 'CB012'])).split('\n').find((l) => l.startsWith(`${decided![0]!}\t`));
    expect(khoiView?.split('\t')[3]).not.toBe(decided![3]);
  }, 600_000);
});

type Files = Map<string, Map<string, Uint8Array>>;

/** Re-signs the Khối's directive with the Khối's own key after `change` (to another recipient with `to`): only the inner signature or the addressing can tell. */
async function resign(khoiDb: string, bundlePath: string, outDir: string, change: (files: Files) => void, to?: string): Promise<string> {
  const database = openDatabase(khoiDb, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    const own = ownKeys({ db: database.db, clock: fixedClock(env.PTDV_TODAY), actor: 'test' });
    const files = await readTar(await decompressTar(await ageDecrypt(readFileSync(bundlePath), own.identities)));
    const manifest = JSON.parse(dec.decode(files.get('manifest.json'))) as Parameters<typeof packBundle>[0]['manifest'];
    const { signers, directives } = await readRelayed(files.get('relayed.tar')!);
    change(directives);
    const relayed = await packRelayed([...directives].map(([folder, f]) => ({ folder, issuerCode: folder.split('_')[0]!, publicKey: signers.get(folder.split('_')[0]!)![0]!, files: f })));
    const target = to ? { ...manifest, seq: 1, prevSha256: null, to: { code: to, ageRecipient: peerAgeRecipient(database.db, to)! } } : manifest;
    const packed = await packBundle({ manifest: target, data: JSON.parse(dec.decode(files.get('data.json'))), signingKey: own.signing.privateKey, recipients: [target.to.ageRecipient], relayed });
    const path = join(outDir, packed.fileName);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path, packed.bytes);
    return path;
  } finally {
    database.close();
  }
}

/** The entries of a received bundle, decrypted with the recipient's own key. */
async function entries(recipientDb: string, bundlePath: string): Promise<Map<string, Uint8Array>> {
  const database = openDatabase(recipientDb, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    const own = ownKeys({ db: database.db, clock: fixedClock(env.PTDV_TODAY), actor: 'test' });
    return await readTar(await decompressTar(await ageDecrypt(readFileSync(bundlePath), own.identities)));
  } finally {
    database.close();
  }
}

/**
 * The chi bộ's auditor: relayed.tar is listed in the đảng ủy cơ sở's signed SHA256SUMS; stock tar extracts it,
 * ssh-keygen checks the Khối's signature against the allowed_signers it carries, sha256sum the hashes.
 */
function stockCheck(files: Map<string, Uint8Array>, folder: string, outDir: string): { listed: boolean; verify: string; sums: string } {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'relayed.tar'), files.get('relayed.tar')!);
  expect(run('tar', ['--no-same-owner', '--no-same-permissions', '-xf', 'relayed.tar'], { cwd: outDir }).status).toBe(0);
  const verify = run('ssh-keygen', ['-Y', 'verify', '-f', 'allowed_signers', '-I', 'DUK01', '-n', 'ptdv-bundle@1', '-s', `${folder}/SHA256SUMS.sig`], { cwd: outDir, input: readFileSync(join(outDir, folder, 'SHA256SUMS')) });
  const sums = run('sha256sum', ['--strict', '-c', 'SHA256SUMS'], { cwd: join(outDir, folder) });
  return { listed: / {2}relayed\.tar$/m.test(dec.decode(files.get('SHA256SUMS'))), verify: verify.stdout + verify.stderr, sums: sums.stdout };
}
