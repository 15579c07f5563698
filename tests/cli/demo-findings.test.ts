import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { checkCandidate, findingsProgress } from '../../electron/core/services/check-service';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

/**
 * `ptdv demo` leaves a database as the app leaves one it opened that day: every candidate checked for today and its
 * findings stored; `--unchecked` leaves none, as a database no app has opened yet.
 */

const TODAY = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };
const dir = mkdtempSync(join(tmpdir(), 'ptdv-demo-findings-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function demo(name: string, extra: string[] = []): Promise<string> {
  const file = join(dir, name);
  const made = await runCli(['demo', '--db', file, '--candidates', '300', '--seed', '9', ...extra], env);
  expect(made.stderr).not.toMatch(/lỗi/i);
  expect(made.code).toBe(0);
  return file;
}

function withDb<T>(file: string, fn: (db: ReturnType<typeof openDatabase>['db']) => T): T {
  const database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    return fn(database.db);
  } finally {
    database.close();
  }
}

describe('ptdv demo and the findings store', () => {
  it("stores today's findings of every candidate, the same as evaluating each one now", async () => {
    const file = await demo('checked.db');
    withDb(file, (db) => {
      const { done, total } = findingsProgress({ db, clock: fixedClock(TODAY), actor: 'test' });
      expect(total).toBeGreaterThan(290);
      expect(done).toBe(total);
      const stored = db.$client.prepare('SELECT candidate_id AS id, as_of AS asOf, findings FROM candidate_findings').all() as { id: string; asOf: string; findings: string }[];
      expect(stored).toHaveLength(total);
      for (const row of stored) {
        expect(row.asOf).toBe(TODAY);
        expect(JSON.parse(row.findings)).toEqual(checkCandidate(db, row.id, TODAY).evaluation.findings);
      }
    });
  }, 120_000);

  it('with --unchecked, stores none: the first day is still to be checked', async () => {
    const file = await demo('unchecked.db', ['--unchecked']);
    withDb(file, (db) => {
      const { done, total } = findingsProgress({ db, clock: fixedClock(TODAY), actor: 'test' });
      expect(total).toBeGreaterThan(290);
      expect(done).toBe(0);
    });
  }, 120_000);
});
