import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { addDocument, addEvent, listCandidates } from '../../electron/core/services/candidate-service';
import { importRulebook, setCalendarEntry, stageCounts } from '../../electron/core/services/check-service';
import { todoPage } from '../../electron/core/services/check-views';
import type { ServiceContext } from '../../electron/core/services/context';
import { buildDashboard } from '../../electron/core/services/dashboard-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

/**
 * Every screen and command that counts findings reads them through one path, so on the same day they give the same
 * count of errors and the same count per code: the navigation badge, Việc cần làm, the pipeline board, Tổng quan,
 * the year report and `ptdv check --db --json`. And they keep agreeing after each kind of change that makes stored
 * findings stale.
 */

const TODAY = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };

type PerCode = Record<string, number>;
const count = (codes: Iterable<string>): PerCode => {
  const out: PerCode = {};
  for (const c of codes) {
    out[c] = (out[c] ?? 0) + 1;
  }
  return out;
};

// One database for the whole file: the second test goes on from where the first left it.
const dir = mkdtempSync(join(tmpdir(), 'ptdv-one-count-'));
const file = join(dir, 'ptdv.db');
let database: Database;
let ctx: ServiceContext;

beforeAll(async () => {
  const demo = await runCli(['demo', '--db', file, '--candidates', '2000', '--seed', '9'], env);
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  ctx = { db: database.db, clock: fixedClock(TODAY), actor: 'test' };
}, 180_000);

afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function everyCount(): Promise<Record<string, { errors: number; perCode?: PerCode }>> {
  const badge = todoPage(ctx, { offset: 0, limit: 0 }).summary;
  const todo = todoPage(ctx, { offset: 0, limit: 1_000_000, severities: ['error'] });
  const board = stageCounts(ctx);
  const dashboard = buildDashboard(ctx.db, { year: 2026, asOf: TODAY }).total;
  const report = buildUnitReport(ctx.db, { period: '2026', asOf: TODAY }).units[0]!;
  const cli = await runCli(['check', '--db', file, '--json'], env);
  expect(cli.stderr).toBe('');
  expect(cli.code).toBe(1);
  const checked = JSON.parse(cli.stdout) as { asOf: string; candidates: { findings: { code: string; severity: string }[] }[] };
  expect(checked.asOf).toBe(TODAY);
  const cliErrors = checked.candidates.flatMap((c) => c.findings.filter((f) => f.severity === 'error').map((f) => f.code));
  const fromList = (list: readonly { code: string; count: number; severity: string }[]) => Object.fromEntries(list.filter((f) => f.severity === 'error').map((f) => [f.code, f.count]));
  return {
    badge: { errors: badge.error },
    todo: { errors: todo.total, perCode: count(todo.rows.map((r) => r.code)) },
    board: { errors: board.reduce((n, s) => n + s.errors, 0) },
    dashboard: { errors: dashboard.findings.filter((f) => f.severity === 'error').reduce((n, f) => n + f.count, 0), perCode: fromList(dashboard.findings) },
    report: { errors: report.quality.findings.filter((f) => f.severity === 'error').reduce((n, f) => n + f.count, 0), perCode: fromList(report.quality.findings) },
    cli: { errors: cliErrors.length, perCode: count(cliErrors) },
  };
}

async function expectAllAgree(): Promise<number> {
  const counts = await everyCount();
  const errors = counts.todo!.errors;
  expect(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.errors]))).toEqual(Object.fromEntries(Object.keys(counts).map((k) => [k, errors])));
  const perCode = counts.todo!.perCode!;
  const withCodes = Object.entries(counts).filter(([, value]) => value.perCode !== undefined);
  expect(Object.fromEntries(withCodes.map(([where, value]) => [where, value.perCode]))).toEqual(Object.fromEntries(withCodes.map(([where]) => [where, perCode])));
  return errors;
}

describe('one count of findings on every screen and in the CLI', () => {
  it('agrees on the errors of a 2,000-candidate cell, in total and per code', async () => {
    const errors = await expectAllAgree();
    expect(errors).toBeGreaterThan(100);
    const codes = Object.keys((await everyCount()).todo!.perCode!);
    expect(codes.length).toBeGreaterThanOrEqual(5);
  }, 120_000);

  it('still agrees after an event, a document, a calendar change and a rulebook import', async () => {
    const listed = listCandidates(ctx.db, { stage: 'cam-tinh', offset: 0, limit: 2 }).rows;
    expect(listed.length).toBe(2);
    addEvent(ctx, listed[0]!.id, { type: 'COURSE_CERTIFIED', date: '2026-11-20' });
    await expectAllAgree();

    addDocument(ctx, listed[1]!.id, { form: '1-KNĐ', date: '2026-11-20' });
    await expectAllAgree();

    // A day off in the middle of open deadlines moves every due date after it.
    setCalendarEntry(ctx, { date: '2026-11-24', kind: 'holiday', name: 'Nghỉ bù (kiểm thử)', source: 'Thông báo kiểm thử', confirmed: true });
    await expectAllAgree();

    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../electron/core/domain/rules/rulebook-2021-07-30.json'), 'utf8')) as { version: string; rules: { validFrom: string }[] };
    importRulebook(ctx, { ...shipped, version: '2026-11-01-kiem-thu', rules: shipped.rules.map((r) => ({ ...r, validFrom: '2026-11-01' })) });
    await expectAllAgree();
  }, 240_000);

  it('keeps on each candidate row what the triggers would make of its stored findings, written by the store or not', () => {
    // What migrations 0011 and 0030 make of a stored row's JSON; the findings store's writer makes the same text itself.
    const fromJson = ctx.db.$client
      .prepare(
        `SELECT c.id,
           c.report_findings = ifnull((SELECT group_concat(replace(j.value ->> '$.code', ',', ' ') || ':' || (j.value ->> '$.severity'), ',' ORDER BY j.key) FROM json_each(f.findings) j), '') AS summary,
           c.todo_findings = (SELECT json_group_array(json_array(j.value ->> '$.code', j.value ->> '$.severity', j.value ->> '$.due') ORDER BY j.key) FROM json_each(f.findings) j) AS todo,
           c.todo_findings LIKE '%"20__-__-__"%' AS dated
         FROM candidates c JOIN candidate_findings f ON f.candidate_id = c.id`,
      )
      .all() as { id: string; summary: number; todo: number; dated: number }[];
    expect(fromJson.length).toBeGreaterThan(1900);
    expect(fromJson.filter((r) => r.summary !== 1 || r.todo !== 1)).toEqual([]);
    expect(fromJson.filter((r) => r.dated === 1).length).toBeGreaterThan(100);
  });
});
