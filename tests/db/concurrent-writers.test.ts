import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { demoDossier, demoMembers, seededRandom } from '../../electron/core/demo/generate';
import { fixedClock } from '../../electron/core/ports';
import { Session } from '../../electron/core/services/session';
import { createDispatcher } from '../../electron/ipc/dispatcher';
import { createHandlers } from '../../electron/ipc/handlers';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const REPO = join(import.meta.dirname, '../..');
const BIN = join(REPO, 'electron/cli/bin.mjs');
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: '2026-11-23' };
const BUSY = 'đang dùng tệp cơ sở dữ liệu này';

type Child = { proc: ChildProcess; next(text: string): Promise<void>; exit: Promise<{ code: number | null; stdout: string; stderr: string }> };

/** A child process on the same file; `next(line)` resolves once it prints that line. */
function child(args: string[], command = [join(REPO, 'node_modules/tsx/dist/cli.mjs'), 'tests/db/writer-child.ts']): Child {
  const proc = spawn(process.execPath, [...command, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiting: { text: string; resolve(): void }[] = [];
  proc.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString();
    for (const w of waiting.filter((w) => stdout.split('\n').includes(w.text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  });
  // 'close', not 'exit': only then has all of the child's output been read.
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => proc.on('close', (code) => resolve({ code, stdout, stderr })));
  const next = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (stdout.split('\n').includes(text)) {
        return resolve();
      }
      waiting.push({ text, resolve });
      void exit.then((e) => reject(new Error(`child exited (${e.code}) before printing "${text}":\n${e.stdout}\n${e.stderr}`)));
    });
  return { proc, next, exit };
}

function names(file: string): string[] {
  const d = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
  try {
    expect(d.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    return (d.sqlite.prepare('SELECT full_name AS n FROM candidates ORDER BY full_name').all() as { n: string }[]).map((r) => r.n);
  } finally {
    d.close();
  }
}

function freshDatabase(): string {
  const { database, file } = testContext();
  database.close();
  return file;
}

describe('two ptdv processes writing the same database', () => {
  it('a second writer waits for the first to finish and then saves, instead of failing with "database is locked"', async () => {
    const file = freshDatabase();
    const writer = child(['write', file, 'Người chờ lượt']);
    await writer.next('ready');
    const holder = child(['hold', file]);
    await holder.next('held');
    writer.proc.stdin!.write('go\n');
    // The writer starts its save right after this line, before the holder hears to let go.
    await writer.next('writing');
    holder.proc.stdin!.write('release\n');
    const [held, wrote] = await Promise.all([holder.exit, writer.exit]);
    expect(held.code).toBe(0);
    expect(wrote).toMatchObject({ code: 0, stdout: 'ready\nwriting\nsaved\n' });
    expect(names(file)).toEqual(['Người chờ lượt', 'Người giữ khóa', 'Người khởi động']);
  }, 60_000);

  it('a CLI command that cannot get its turn says in Vietnamese that another ptdv is using the file, and saves nothing', async () => {
    const file = freshDatabase();
    const holder = child(['hold', file]);
    await holder.next('held');
    // The CLI waits its busy timeout (5 s) for the holder, which never lets go while the command runs.
    const cli = await runCli(['targets', 'set', '--db', file, '--year', '2026', '--count', '3'], env);
    holder.proc.stdin!.write('release\n');
    expect((await holder.exit).code).toBe(0);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(BUSY);
    expect(cli.stderr).toContain('[DB_BUSY]');
    expect(cli.stderr).not.toMatch(/database is locked/i);
    const d = openDatabase(file, TEST_PASSPHRASE, { migrationsDir: MIGRATIONS_DIR });
    expect(d.sqlite.prepare('SELECT count(*) AS n FROM targets').get()).toEqual({ n: 0 });
    d.close();
    expect(names(file)).toEqual(['Người giữ khóa']);
  }, 60_000);

  it('the app gets the same Vietnamese message when another process holds the file past a short busy timeout', async () => {
    const dir = tempDir();
    const session = new Session({ dataDir: dir, migrationsDir: MIGRATIONS_DIR, clock: fixedClock('2026-11-23'), actor: 'test', busyTimeoutMs: 100 });
    session.setup({ code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DU001' }, TEST_PASSPHRASE);
    const dispatch = createDispatcher(createHandlers(session, { choosePath: async () => null }), () => {});
    const holder = child(['hold', session.file]);
    await holder.next('held');
    const result = await dispatch('candidates:create', { profile: { fullName: 'Trần Văn Bình', birthDate: '2001-02-03', gender: 'nam' } });
    holder.proc.stdin!.write('release\n');
    await holder.exit;
    expect(result).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'DB_BUSY' } });
    expect(JSON.stringify(result)).toContain(BUSY);
    session.close();
    expect(names(session.file)).toEqual(['Người giữ khóa']);
  }, 60_000);

  it('the app and the CLI writing at the same time lose no write', async () => {
    const file = freshDatabase();
    const dir = tempDir();
    const r = seededRandom(7);
    const mentors = demoMembers(r, 10, '2026-11-23').filter((m) => m.status === 'chinh-thuc');
    mkdirSync(join(dir, 'in'));
    const files = Array.from({ length: 20 }, (_, i) => {
      const f = join(dir, 'in', `${i}.json`);
      writeFileSync(f, JSON.stringify(demoDossier(r, 'CB014', '2026-11-23', mentors, mentors.length)));
      return f;
    });
    // The app-side process keeps saving, one person at a time, until the CLI's import has landed.
    const app = child(['stream', file, String(files.length)]);
    await app.next('writing');
    const cli = child(['dossier', 'import', '--db', file, ...files], [BIN]);
    const [cliDone, appDone] = await Promise.all([cli.exit, app.exit]);
    expect({ code: cliDone.code, stderr: cliDone.stderr }).toEqual({ code: 0, stderr: '' });
    expect({ code: appDone.code, stderr: appDone.stderr }).toEqual({ code: 0, stderr: '' });
    const written = Number(/written (\d+)/.exec(appDone.stdout)?.[1]);
    expect(written).toBeGreaterThan(0);
    const all = names(file);
    expect(all.filter((n) => n.startsWith('Song song ')).length).toBe(written);
    expect(all.length).toBe(written + files.length);
  }, 120_000);
});
