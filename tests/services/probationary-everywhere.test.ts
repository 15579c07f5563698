import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { stageCounts } from '../../electron/core/services/check-service';
import type { ServiceContext } from '../../electron/core/services/context';
import { dashboardPeople } from '../../electron/core/services/dashboard-people';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { createMember, markMemberLeft } from '../../electron/core/services/member-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

/**
 * «Đảng viên dự bị» is one number on every screen of a cell: the pipeline board, Tổng quan's stages, the list behind
 * that bar and the year report. Probationary members entered on the roster by hand (admitted before the app, or moved
 * in) have no candidate file; the report counts them, so every screen does, and says how many of them have no file.
 */

const TODAY = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };
const dir = mkdtempSync(join(tmpdir(), 'ptdv-du-bi-'));
const file = join(dir, 'ptdv.db');
let database: Database;
let ctx: ServiceContext;

beforeAll(async () => {
  const demo = await runCli(['demo', '--db', file, '--candidates', '40'], env);
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  ctx = { db: database.db, clock: fixedClock(TODAY), actor: 'test' };
}, 120_000);

afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

function probationaryEverywhere() {
  const board = stageCounts(ctx).find((s) => s.stage === 'du-bi')!;
  const funnel = buildDashboard(ctx.db, { year: 2026, asOf: TODAY }).total.funnel.find((s) => s.stage === 'du-bi')!.count;
  const report = buildUnitReport(ctx.db, { period: '2026', asOf: TODAY }).units[0]!.stock['du-bi'];
  const people = dashboardPeople(ctx.db, { year: 2026, asOf: TODAY, count: 'stage', stage: 'du-bi', offset: 0, limit: 500 });
  return { board: board.count + board.offFile, boardOffFile: board.offFile, funnel, report, listed: people.total + people.offFile, listOffFile: people.offFile, withFile: board.count, rows: people.total };
}

describe('«Đảng viên dự bị» on every screen', () => {
  it('counts the probationary members with no candidate file on the board and behind the Tổng quan bar, as the report does', () => {
    const seen = probationaryEverywhere();
    // The demo cell's roster holds probationary members admitted before the app: without them the board said 9, the report 10.
    expect(seen.boardOffFile).toBeGreaterThan(0);
    expect(seen.withFile).toBeGreaterThan(0);
    expect(seen.rows).toBe(seen.withFile);
    expect(seen.listOffFile).toBe(seen.boardOffFile);
    expect([seen.board, seen.funnel, seen.listed]).toEqual([seen.report, seen.report, seen.report]);
  });

  it('moves on every screen at once when the secretary enters one more on the roster, and back when they leave', () => {
    const before = probationaryEverywhere();
    const member = createMember(ctx, { fullName: 'Trần Văn Dự Bị', status: 'du-bi', joinedOn: '2026-06-10', exempt: false });
    const added = probationaryEverywhere();
    expect(added).toMatchObject({ board: before.board + 1, funnel: before.funnel + 1, report: before.report + 1, listed: before.listed + 1, withFile: before.withFile });
    markMemberLeft(ctx, member.id, '2026-11-20', 'Chuyển sinh hoạt đảng');
    expect(probationaryEverywhere()).toEqual(before);
  });
});
