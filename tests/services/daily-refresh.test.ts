import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { candidateDetail } from '../../electron/core/store/candidates';
import { listCandidates, updateProfile } from '../../electron/core/services/candidate-service';
import { CHECKING_ABOVE, findingsProgress, refreshFindingsStep } from '../../electron/core/services/check-service';
import { todoPage } from '../../electron/core/services/check-views';
import type { ServiceContext } from '../../electron/core/services/context';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

/**
 * The day's re-evaluation runs in steps after unlock instead of inside the first screen's call: each step checks a
 * bounded number of dossiers and says how far the day is, and the candidate list never starts it.
 */

const DAY1 = '2026-11-23';
// A later day, still before the rulebook of 4 Dec 2026 takes effect (from then on every candidate's result names it).
const DAY2 = '2026-12-03';
const CANDIDATES = 1200;

const dir = mkdtempSync(join(tmpdir(), 'ptdv-daily-refresh-'));
const file = join(dir, 'ptdv.db');
let database: Database;
const on = (day: string): ServiceContext => ({ db: database.db, clock: fixedClock(day), actor: 'test' });
const storedFor = (day: string): number =>
  database.db.$client.prepare('SELECT count(*) FROM candidate_findings WHERE as_of = ?').pluck().get(day) as number;

beforeAll(async () => {
  const demo = await runCli(['demo', '--db', file, '--candidates', String(CANDIDATES), '--seed', '5', '--unchecked'], { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: DAY1 });
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
  database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
}, 180_000);

afterAll(() => {
  database?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the day's re-evaluation in steps", () => {
  it('the candidate list evaluates nothing', () => {
    const before = findingsProgress(on(DAY1));
    expect(listCandidates(on(DAY1).db, { offset: 0, limit: 50 }).rows).toHaveLength(50);
    expect(findingsProgress(on(DAY1))).toEqual(before);
  });

  it('checks at most one step of dossiers per call and counts up to the total, then the to-do list needs no more', () => {
    const total = findingsProgress(on(DAY1)).total;
    expect(total).toBeGreaterThan(1000);
    const seen: number[] = [];
    for (let step = refreshFindingsStep(on(DAY1), 500); ; step = refreshFindingsStep(on(DAY1), 500)) {
      expect(step).toMatchObject({ asOf: DAY1, total });
      seen.push(step.done);
      expect(storedFor(DAY1)).toBe(step.done);
      if (step.done === total) {
        break;
      }
    }
    // Each step adds 500 dossiers (the last one the rest), so the progress bar moves evenly.
    expect(seen).toEqual([...Array(Math.ceil(total / 500)).keys()].map((i) => Math.min(total, (i + 1) * 500)));
    const page = todoPage(on(DAY1), { offset: 0, limit: 0 });
    expect(storedFor(DAY1)).toBe(total);
    expect(page.asOf).toBe(DAY1);
  });

  it('a change made after the to-do list was built shows in it once a step has re-checked that candidate', () => {
    const ctx = on(DAY1);
    const itemsOf = (id: string) => todoPage(ctx, { offset: 0, limit: 500, candidateIds: [id] }).rows;
    const id = todoPage(ctx, { offset: 0, limit: 1 }).rows[0]!.candidateId;
    const { profile } = candidateDetail(ctx.db, id);
    // A corrected name is what the user would look for in the list right after saving it.
    updateProfile(ctx, id, { ...profile, fullName: `${profile.fullName} Sửa` });
    expect(refreshFindingsStep(ctx)).toMatchObject({ done: findingsProgress(ctx).total });
    const after = itemsOf(id);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((i) => i.name))).toEqual(new Set([`${profile.fullName} Sửa`]));
  });

  it('a later day re-checks only the candidates whose findings change that day, and the to-do list after the steps is the one evaluated at once', () => {
    const holding = database.db.$client.prepare('SELECT count(*) FROM candidate_findings WHERE valid_until >= ?').pluck().get(DAY2) as number;
    const next = findingsProgress(on(DAY2));
    expect(next).toMatchObject({ asOf: DAY2, done: holding });
    // Most findings do not change in ten days; some do (a deadline passes, a reminder opens).
    expect(holding).toBeGreaterThan(next.total / 2);
    expect(holding).toBeLessThan(next.total);
    let step = refreshFindingsStep(on(DAY2));
    while (step.done < step.total) {
      step = refreshFindingsStep(on(DAY2));
    }
    // Only those were evaluated again; the others still carry the day they were computed on.
    expect(storedFor(DAY2)).toBe(next.total - holding);
    const stepped = todoPage(on(DAY2), { offset: 0, limit: 500 });
    // Dropping the stored findings makes the to-do list evaluate every dossier in its own call, as before.
    database.db.$client.prepare('DELETE FROM candidate_findings').run();
    const atOnce = todoPage({ ...on(DAY2), actor: 'other' }, { offset: 0, limit: 500 });
    expect(stepped.summary).toEqual(atOnce.summary);
    expect(stepped.rows).toEqual(atOnce.rows);
  });
  it('a to-do list that need not wait lists, while many are left, only the candidates already checked today, and checks none itself', () => {
    const ctx = on(DAY2);
    database.db.$client.prepare('DELETE FROM candidate_findings').run();
    const total = findingsProgress(ctx).total;
    expect(total).toBeGreaterThan(CHECKING_ABOVE + 100);
    const none = todoPage(ctx, { offset: 0, limit: 500, soFar: true });
    expect(none.checking).toEqual({ done: 0, total });
    expect(none.total).toBe(0);
    expect(storedFor(DAY2)).toBe(0);

    refreshFindingsStep(ctx, 100);
    const checked = new Set(database.db.$client.prepare('SELECT candidate_id FROM candidate_findings').pluck().all());
    const some = todoPage(ctx, { offset: 0, limit: 500, soFar: true });
    expect(some.checking).toEqual({ done: 100, total });
    expect(some.total).toBeGreaterThan(0);
    expect(some.rows.every((r) => checked.has(r.candidateId))).toBe(true);
    expect(storedFor(DAY2)).toBe(100);

    // With a short check left it waits for it, and is the whole list as it is asked for without soFar.
    refreshFindingsStep(ctx, total - 100 - CHECKING_ABOVE);
    const whole = todoPage(ctx, { offset: 0, limit: 500, soFar: true });
    expect(whole.checking).toBeUndefined();
    expect(storedFor(DAY2)).toBe(total);
    const asked = todoPage({ ...ctx, actor: 'other' }, { offset: 0, limit: 500 });
    expect(whole.total).toBe(asked.total);
    expect(whole.summary).toEqual(asked.summary);
    expect(whole.rows).toEqual(asked.rows);
  });
});
