import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { fixedClock } from '../../electron/core/ports';
import { findingsProgress } from '../../electron/core/services/check-service';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { MIGRATIONS_DIR } from '../helpers/temp';

/**
 * `ptdv check --db` over a cell larger than one chunk of its pass (2,000 candidates): every candidate once, the
 * layout of the JSON unchanged, and today's findings left in the store for the app's screens.
 */

const TODAY = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY };
// One database for the whole file: the second test goes on from where the first left it.
const dir = mkdtempSync(join(tmpdir(), 'ptdv-check-db-'));
const file = join(dir, 'ptdv.db');

/** How far the app's re-evaluation of the day is, as its progress bar would say after unlock. */
function progress(): { done: number; total: number } {
  const database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    return findingsProgress({ db: database.db, clock: fixedClock(TODAY), actor: 'test' });
  } finally {
    database.close();
  }
}

type Checked = { asOf: string; candidates: { file: string; findings: { severity: string }[] }[] };

beforeAll(async () => {
  const demo = await runCli(['demo', '--db', file, '--candidates', '2500', '--seed', '3', '--unchecked'], env);
  if (demo.code !== 0) {
    throw new Error(`ptdv demo failed: ${demo.stderr}`);
  }
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ptdv check --db over more than one chunk', () => {
  it('a past day is evaluated without touching the findings the app keeps for today', async () => {
    const r = await runCli(['check', '--db', file, '--as-of', '2026-06-30', '--json'], env);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout) as Checked;
    expect(doc.asOf).toBe('2026-06-30');
    expect(progress().done).toBe(0);
    // Someone whose first step came after that day was no candidate yet: left out, as the reports of that day do.
    const database = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
    const [all, later] = (() => {
      try {
        const ids = (sql: string) => new Set(database.db.$client.prepare(sql).pluck().all() as string[]);
        return [ids('SELECT id FROM candidates'), ids("SELECT candidate_id FROM candidate_events GROUP BY candidate_id HAVING min(date) > '2026-06-30'")];
      } finally {
        database.close();
      }
    })();
    expect(later.size).toBeGreaterThan(0);
    expect(new Set(doc.candidates.map((c) => c.file.split('/')[1]))).toEqual(new Set([...all].filter((id) => !later.has(id))));
  });

  it('takes a missing database or a wrong passphrase as input to correct: exit 2, naming it, changing nothing', async () => {
    const missing = await runCli(['check', '--db', join(dir, 'khong-co.db'), '--json'], env);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toContain('--db: không tìm thấy cơ sở dữ liệu');
    const wrong = await runCli(['check', '--db', file, '--json'], { ...env, PTDV_PASSPHRASE: 'không phải mật khẩu này' });
    expect([wrong.code, wrong.stdout]).toEqual([2, '']);
    expect(wrong.stderr).toContain('Mật khẩu hoặc mã khôi phục không đúng');
    expect(progress().done).toBe(0);
  });

  it('lists every candidate once, laid out as before, and leaves today checked for the app', async () => {
    const { total } = progress();
    expect(total).toBeGreaterThan(2000);
    const first = await runCli(['check', '--db', file, '--json'], env);
    expect(first.stderr).toBe('');
    const doc = JSON.parse(first.stdout) as Checked;
    expect(doc.candidates).toHaveLength(total);
    expect(new Set(doc.candidates.map((c) => c.file)).size).toBe(total);
    // JSON.stringify's layout, but for the comma leading each next candidate (written before it is known).
    expect(first.stdout.replaceAll('\n    ,{', ',\n    {')).toBe(`${JSON.stringify(doc, null, 2)}\n`);
    const errors = doc.candidates.flatMap((c) => c.findings).filter((f) => f.severity === 'error').length;
    expect(first.code).toBe(errors > 0 ? 1 : 0);
    // The app's day starts done: the check stored what it evaluated.
    expect(progress()).toMatchObject({ done: total, total });

    // Read back from the store, the same report; and the text report counts the same.
    const second = await runCli(['check', '--db', file, '--json'], env);
    expect(second.stdout).toBe(first.stdout);
    const text = await runCli(['check', '--db', file], env);
    expect(text.stdout).toContain(`Tổng cộng: ${total} hồ sơ; ${errors} lỗi`);
  }, 120_000);
});
