import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import { runCli } from '../helpers/cli';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu', PTDV_TODAY: '2026-11-23' };

async function init(dir: string) {
  const db = join(dir, 'cb.db');
  const r = await runCli(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'DU001'], env);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/MÃ KHÔI PHỤC .*: [0-9A-Z]{4}(-[0-9A-Z]{4}){4}/);
  return db;
}

function writeDossiers(dir: string, n: number): string[] {
  const r = seededRandom(7);
  const mentors = demoMembers(r, 20, '2026-11-23').filter((m) => m.status === 'chinh-thuc');
  mkdirSync(dir, { recursive: true });
  return Array.from({ length: n }, (_, i) => {
    const file = join(dir, `hs-${i}.json`);
    writeFileSync(file, JSON.stringify(demoDossier(r, 'CB014', '2026-11-23', mentors, mentors.length)));
    return file;
  });
}

function count(db: string, table: string): number {
  const d = openDatabase(db, env.PTDV_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    return (d.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    d.close();
  }
}

describe('ptdv dossier import/export', () => {
  it('imports valid files, skips them the second time, and exports them back in the same format', async () => {
    const dir = tempDir();
    const db = await init(dir);
    const files = writeDossiers(join(dir, 'in'), 5);
    const first = await runCli(['dossier', 'import', '--db', db, ...files], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Xong: 5 hồ sơ mới, 0 bỏ qua.');
    const again = await runCli(['dossier', 'import', '--db', db, ...files], env);
    expect(again.stdout).toContain('Xong: 0 hồ sơ mới, 5 bỏ qua.');
    expect(count(db, 'candidates')).toBe(5);

    const out = join(dir, 'out');
    expect((await runCli(['dossier', 'export', '--db', db, '--out', out], env)).code).toBe(0);
    const exported = readdirSync(out).map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')));
    // The fields ptdv adds to the format are left out when empty: a plain file comes back plain.
    expect(JSON.stringify(exported)).not.toMatch(/"(hometown|residence|occupationDetail|note|issuer|letterDate)":null/);
    const original = files.map((f) => JSON.parse(readFileSync(f, 'utf8')));
    type File = { candidate: { fullName: string; birthDate: string }; events: { type: string; date: string }[]; documents: unknown[] };
    const byName = (xs: File[]) => [...xs].sort((a, b) => (a.candidate.fullName + a.candidate.birthDate).localeCompare(b.candidate.fullName + b.candidate.birthDate));
    const sortedOriginal = byName(original);
    byName(exported).forEach((a, i) => {
      const b = sortedOriginal[i]!;
      expect(a.candidate).toEqual(b.candidate);
      expect(a.events.map((e) => `${e.type}@${e.date}`)).toEqual([...b.events].sort((x, y) => x.date.localeCompare(y.date)).map((e) => `${e.type}@${e.date}`));
      expect(a.documents).toHaveLength(b.documents.length);
    });
  });

  it('exports each person to a file of their own, even two whose names differ only by punctuation, born the same day', async () => {
    const dir = tempDir();
    const db = await init(dir);
    const [file] = writeDossiers(join(dir, 'in'), 1);
    const base = JSON.parse(readFileSync(file!, 'utf8'));
    const files = ["H'Ben Niê", 'H Ben Niê'].map((fullName, i) => {
      const path = join(dir, `ben-${i}.json`);
      writeFileSync(path, JSON.stringify({ ...base, candidate: { ...base.candidate, fullName, birthDate: '1995-05-05' } }));
      return path;
    });
    expect((await runCli(['dossier', 'import', '--db', db, ...files], env)).stdout).toContain('Xong: 2 hồ sơ mới, 0 bỏ qua.');
    const out = join(dir, 'out');
    expect((await runCli(['dossier', 'export', '--db', db, '--out', out], env)).stdout).toContain('Đã xuất 2 hồ sơ');
    expect(readdirSync(out).map((f) => JSON.parse(readFileSync(join(out, f), 'utf8')).candidate.fullName).sort()).toEqual(['H Ben Niê', "H'Ben Niê"]);
  });

  it('refuses the whole import when one file is invalid, naming file, field and reason, and writes nothing', async () => {
    const dir = tempDir();
    const db = await init(dir);
    const [good] = writeDossiers(join(dir, 'in'), 1);
    const bad = join(dir, 'bad.json');
    const dossier = JSON.parse(readFileSync(good!, 'utf8'));
    dossier.candidate.birthDate = '2001-02-30';
    dossier.candidate.nickname = 'Lan';
    writeFileSync(bad, JSON.stringify(dossier));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format": "ptdv.dossier/1",');
    const r = await runCli(['dossier', 'import', '--db', db, good!, bad, broken], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: candidate.birthDate: ngày không hợp lệ`);
    expect(r.stderr).toMatch(/bad\.json: candidate: .*nickname/);
    expect(r.stderr).toContain(`${broken}: không phải JSON hợp lệ`);
    expect(count(db, 'candidates')).toBe(0);
  });

  it('backs up and restores, keeping the replaced database aside', async () => {
    const dir = tempDir();
    const db = await init(dir);
    await runCli(['dossier', 'import', '--db', db, ...writeDossiers(join(dir, 'in'), 3)], env);
    const backup = join(dir, 'sao-luu.ptdvbak');
    expect((await runCli(['backup', '--db', db, '--out', backup], env)).code).toBe(0);
    expect(readFileSync(backup).includes(Buffer.from('Chi bộ Kỹ thuật'))).toBe(false);
    await runCli(['dossier', 'import', '--db', db, ...writeDossiers(join(dir, 'more'), 2).slice(1)], { ...env });
    const wrong = await runCli(['restore', '--db', db, '--from', backup], { ...env, PTDV_PASSPHRASE: 'sai-mat-khau' });
    // A wrong passphrase is input to correct (README: exit 2), as it is for --db.
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('không mở được bản sao lưu');
    const before = count(db, 'candidates');
    const ok = await runCli(['restore', '--db', db, '--from', backup], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/Đã khôi phục .* từ .*: dữ liệu của Chi bộ Kỹ thuật \(CB014\), sao lưu lúc 23\/11\/2026/);
    expect(ok.stdout).toMatch(/Dữ liệu trước khi khôi phục được giữ tại .*truoc-khoi-phuc/);
    expect(count(db, 'candidates')).toBe(3);
    const aside = /giữ tại (.*)\./.exec(ok.stdout)![1]!;
    expect(count(aside, 'candidates')).toBe(before);
  }, 180_000);
});
