import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../db/backup';
import { openDatabase } from '../../db/client';
import { ARCHIVE_FOLDER, importFiles } from '../../electron/bundle-files';
import { sha256Hex } from '../../electron/core/domain/bundles/index';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { createCandidate } from '../../electron/core/services/candidate-service';
import { TEST_PASSPHRASE } from '../helpers/db';
import { enrol, fileScopedDatabases, SUPERIOR, unitSetup, type TestDb } from '../helpers/sync';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const dbs = fileScopedDatabases('ptdv-backup-archive-');
afterAll(() => dbs.closeAll());
const options = { migrationsDir: MIGRATIONS_DIR, stamp: '2026-12-28T10:00:00+07:00' };
const MAGIC = 'PTDV-BACKUP/1\n';

/** Every file under `dir` (relative path → bytes), minus the lock file that is always there. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile() && !name.endsWith('.lock')) {
      out[relative(dir, path)] = readFileSync(path).toString('base64');
    }
  }
  return out;
}

/** A superior that received three quarterly reports of one unit, so two of them sit in luu-tru; its backup. */
async function superiorWithArchive(): Promise<{ superior: TestDb; received: Buffer[]; backup: string }> {
  const superior = dbs.open(SUPERIOR);
  const unit = dbs.open(unitSetup('CB014'));
  await enrol(superior, unit);
  const dir = tempDir();
  const received: Buffer[] = [];
  for (const label of ['2026Q1', '2026Q2', '2026Q3']) {
    createCandidate(unit.ctx, { fullName: `Người mới ${label}`, birthDate: '2001-02-03', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-10-01', by: 'doan' });
    const made = await exportUnitReport(unit.ctx, label);
    const path = join(dir, made.bundle.fileName);
    writeFileSync(path, made.bytes);
    received.push(Buffer.from(made.bytes));
    expect((await importFiles(superior.ctx, [path], {}))[0]!.status).toBe('applied');
  }
  const backup = join(tempDir(), 'sao-luu.ptdvbak');
  await backupDatabase(superior.database, backup, { createdAt: '2026-12-28T09:00:00+07:00', unitCode: SUPERIOR.code });
  superior.database.close();
  return { superior, received, backup };
}

describe('a backup carries the archive of received files', () => {
  it('puts the archived files back byte for byte after the data folder is lost, and the restored database finds them', async () => {
    const { superior, received, backup } = await superiorWithArchive();
    const folder = dirname(superior.file);
    const archived = Object.entries(files(folder)).filter(([path]) => path.startsWith(`${ARCHIVE_FOLDER}/`));
    expect(archived).toHaveLength(2);

    for (const name of readdirSync(folder)) {
      rmSync(join(folder, name), { recursive: true, force: true });
    }
    await restoreDatabase(superior.file, backup, TEST_PASSPHRASE, options);

    const restored = openDatabase(superior.file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
    try {
      const rows = restored.sqlite.prepare("SELECT sha256, moved_to FROM inbox WHERE kind = 'unit-report' AND moved_to IS NOT NULL ORDER BY seq").all() as { sha256: string; moved_to: string }[];
      expect(rows).toHaveLength(2);
      for (const [i, row] of rows.entries()) {
        const bytes = readFileSync(join(folder, row.moved_to));
        expect(Buffer.compare(bytes, received[i]!)).toBe(0);
        expect(sha256Hex(bytes)).toBe(row.sha256);
      }
    } finally {
      restored.close();
    }
    expect(Object.entries(files(folder)).filter(([path]) => path.startsWith(`${ARCHIVE_FOLDER}/`))).toEqual(archived);
  });

  it('refuses a backup whose archived part is damaged or cut short, in Vietnamese, and changes nothing', async () => {
    const { superior, backup } = await superiorWithArchive();
    const folder = dirname(superior.file);
    // The data folder has since lost one archived file: a refused restore must not bring back part of the archive.
    const first = Object.keys(files(folder)).find((path) => path.startsWith(`${ARCHIVE_FOLDER}/`))!;
    rmSync(join(folder, first));
    const before = files(folder);
    const bytes = readFileSync(backup);

    const damaged = join(tempDir(), 'hong.ptdvbak');
    const flipped = Buffer.from(bytes);
    flipped[flipped.length - 10] = flipped[flipped.length - 10]! ^ 0xff;
    writeFileSync(damaged, flipped);
    const truncated = join(tempDir(), 'cut.ptdvbak');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));

    for (const bad of [damaged, truncated]) {
      const refused = await restoreDatabase(superior.file, bad, TEST_PASSPHRASE, options).catch((e: Error) => e);
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(/không phải bản sao lưu ptdv hoặc đã bị hỏng/);
      expect(files(folder)).toEqual(before);
    }
  });

  it('restores a backup made before backups carried the archive, and leaves the archive in the folder as it is', async () => {
    const { superior, backup } = await superiorWithArchive();
    const folder = dirname(superior.file);
    const before = files(folder);
    // What ptdv wrote before: the same first line and header without `archive`, then the database bytes alone.
    const bytes = readFileSync(backup);
    const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
    const { archive, ...header } = JSON.parse(bytes.subarray(MAGIC.length, headerEnd).toString('utf8')) as { size: number; archive?: unknown[] };
    expect(archive).toHaveLength(2);
    expect(Object.keys(header)).toEqual(['format', 'createdAt', 'unitCode', 'sha256', 'size', 'keyFile']);
    const old = join(tempDir(), 'cu.ptdvbak');
    writeFileSync(old, Buffer.concat([Buffer.from(MAGIC + JSON.stringify(header) + '\n'), bytes.subarray(headerEnd + 1, headerEnd + 1 + header.size)]));

    const { movedAside } = await restoreDatabase(superior.file, old, TEST_PASSPHRASE, options);
    const after = files(folder);
    expect(Object.entries(after).filter(([path]) => path.startsWith(`${ARCHIVE_FOLDER}/`))).toEqual(Object.entries(before).filter(([path]) => path.startsWith(`${ARCHIVE_FOLDER}/`)));
    expect(before['ptdv.db']).toBeDefined();
    expect(after[relative(folder, movedAside!)]).toBe(before['ptdv.db']);
    const restored = openDatabase(superior.file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
    try {
      expect(restored.sqlite.prepare("SELECT count(*) FROM inbox WHERE moved_to IS NOT NULL").pluck().get()).toBe(2);
    } finally {
      restored.close();
    }
  });

  it('keeps a different file found under an archived file\'s name, renamed aside, and puts the backup\'s beside it', async () => {
    const { superior, backup } = await superiorWithArchive();
    const folder = dirname(superior.file);
    const [first, second] = Object.keys(files(folder)).filter((path) => path.startsWith(`${ARCHIVE_FOLDER}/`));
    const original = readFileSync(join(folder, first!));
    writeFileSync(join(folder, first!), 'một tệp khác mang cùng tên');
    rmSync(join(folder, second!));

    const { archiveKeptAside } = await restoreDatabase(superior.file, backup, TEST_PASSPHRASE, options);
    expect(Buffer.compare(readFileSync(join(folder, first!)), original)).toBe(0);
    expect(existsSync(join(folder, second!))).toBe(true);
    const aside = readdirSync(dirname(join(folder, first!))).filter((name) => name.includes('.truoc-khoi-phuc-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dirname(join(folder, first!)), aside[0]!), 'utf8')).toBe('một tệp khác mang cùng tên');
    // The person restoring is told where it went.
    expect(archiveKeptAside).toEqual([`${dirname(first!)}/${aside[0]}`]);
  });
});
