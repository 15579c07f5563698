import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARCHIVE_FOLDER, importFiles } from '../../electron/bundle-files';
import { sha256Hex } from '../../electron/core/domain/bundles/index';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { latestAppliedReport } from '../../electron/core/store/sync';
import { createCandidate } from '../../electron/core/services/candidate-service';
import { enrol, fileScopedDatabases, fillUnit, SUPERIOR, unitSetup, type TestDb } from '../helpers/sync';
import { tempDir } from '../helpers/temp';

const dbs = fileScopedDatabases('ptdv-retention-');
afterAll(() => dbs.closeAll());

type Row = { sha256: string; seq: number; status: string; moved_to: string | null; size: number | null; held: number };
const inboxRows = (superior: TestDb): Row[] =>
  superior.database.sqlite.prepare("SELECT sha256, seq, status, moved_to, size, length(bytes) AS held FROM inbox WHERE kind = 'unit-report' ORDER BY seq").all() as Row[];

/** A unit's quarterly reports, each saved as the file the superior receives. */
async function reports(unit: TestDb, labels: string[]): Promise<string[]> {
  const dir = tempDir();
  const paths: string[] = [];
  for (const label of labels) {
    createCandidate(unit.ctx, { fullName: `Người mới ${label}`, birthDate: '2001-02-03', gender: 'nu' }, { type: 'SOURCE_PROPOSED', date: '2026-10-01', by: 'doan' });
    const made = await exportUnitReport(unit.ctx, label);
    const path = join(dir, made.bundle.fileName);
    writeFileSync(path, made.bytes);
    paths.push(path);
  }
  return paths;
}

describe('retention of superseded received files at a superior', () => {
  it('keeps the latest applied report whole in the database and moves the superseded ones out byte for byte', async () => {
    const superior = dbs.open(SUPERIOR);
    const unit = dbs.open(unitSetup('CB014'));
    await enrol(superior, unit);
    fillUnit(unit, 5);
    const paths = await reports(unit, ['2026Q1', '2026Q2', '2026Q3']);
    for (const path of paths) {
      expect((await importFiles(superior.ctx, [path], {}))[0]!.status).toBe('applied');
    }

    const rows = inboxRows(superior);
    expect(rows.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
    const latest = rows[2]!;
    expect(latest.moved_to).toBeNull();
    expect(latest.held).toBe(readFileSync(paths[2]!).length);
    expect(sha256Hex(latestAppliedReport(superior.ctx.db, 'CB014')!)).toBe(sha256Hex(readFileSync(paths[2]!)));
    for (const [i, row] of rows.slice(0, 2).entries()) {
      const received = readFileSync(paths[i]!);
      expect(row.held).toBe(0);
      expect(row.size).toBe(received.length);
      expect(row.moved_to).toMatch(new RegExp(`^${ARCHIVE_FOLDER}/CB014/`));
      const moved = readFileSync(join(dirname(superior.file), row.moved_to!));
      expect(Buffer.compare(moved, received)).toBe(0);
      // Still the file the unit signed: it verifies as it did on arrival, and importing it again changes nothing.
      const verified = await importBundle(superior.ctx, { name: 'lai.ptdv', bytes: moved }, { verifyOnly: true });
      expect(verified.message).toMatch(/^Gói hợp lệ/);
      expect(verified.status).toBe('duplicate');
    }
    const again = await importFiles(superior.ctx, paths, {});
    expect(again.map((o) => o.status)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(inboxRows(superior)).toEqual(rows);
  });

  it('keeps a file whole in the database when it cannot be moved, and moves it with a later import', async () => {
    const superior = dbs.open(SUPERIOR);
    const unit = dbs.open(unitSetup('CB015'));
    await enrol(superior, unit);
    const paths = await reports(unit, ['2026Q1', '2026Q2', '2026Q3']);
    // Something else occupies the archive folder's name: nothing can be written there.
    const archive = join(dirname(superior.file), ARCHIVE_FOLDER);
    writeFileSync(archive, 'không phải thư mục');
    const outcomes = await importFiles(superior.ctx, paths.slice(0, 2), {});
    expect(outcomes.map((o) => o.status)).toEqual(['applied', 'applied']);
    expect(inboxRows(superior).map((r) => [r.held > 0, r.moved_to])).toEqual([
      [true, null],
      [true, null],
    ]);

    rmSync(archive);
    expect((await importFiles(superior.ctx, [paths[2]!], {}))[0]!.status).toBe('applied');
    const rows = inboxRows(superior);
    expect(rows.map((r) => r.moved_to === null)).toEqual([false, false, true]);
    expect(readdirSync(join(archive, 'CB015')).length).toBe(2);
  });

  it('leaves a file held aside (an older number after a restore) in the database, where accepting a new numbering needs it', async () => {
    const superior = dbs.open(SUPERIOR);
    const unit = dbs.open(unitSetup('CB016'));
    await enrol(superior, unit);
    const paths = await reports(unit, ['2026Q1', '2026Q2']);
    await importFiles(superior.ctx, [paths[1]!], {});
    const late = await importFiles(superior.ctx, [paths[0]!], {});
    expect(late[0]!.status).toBe('stale');
    expect(inboxRows(superior).map((r) => [r.status, r.moved_to, r.held > 0])).toEqual([
      ['stale', null, true],
      ['applied', null, true],
    ]);
    expect(existsSync(join(dirname(superior.file), ARCHIVE_FOLDER))).toBe(false);
  });
});
