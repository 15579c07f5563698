import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client';
import { terminalSafe } from '../../electron/cli/terminal';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { enrolledPair } from '../helpers/sync';
import { MIGRATIONS_DIR, tempDir } from '../helpers/temp';

const REPO = join(import.meta.dirname, '../..');
const BIN = join(REPO, 'electron/cli/bin.mjs');
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE };
// A window title change, a screen clear, colours, a right-to-left override, a carriage return, a C1 CSI and a NUL.
const HOSTILE = 'Chi bộ \u001b]0;bị chiếm\u0007\u001b[2J\u001b[31mKỹ thuật\u001b[0m\u202e\r\u009b31m\u0000 số 1';
// oxlint-disable-next-line no-control-regex -- the test looks for exactly these characters
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output of names that units supplied', () => {
  it('strips escape sequences, control characters and direction overrides, keeping tabs, newlines and Vietnamese', () => {
    expect(terminalSafe(HOSTILE)).toBe('Chi bộ Kỹ thuật số 1');
    expect(terminalSafe('Nguyễn Thị Lan\tCB014\n')).toBe('Nguyễn Thị Lan\tCB014\n');
    expect(terminalSafe('a\u001bPq#0;2;0;0;0\u001b\\b\u001b7c\u001bcd\u2066e\u2069')).toBe('abcde');
  });

  it('ptdv units list and units show print a hostile unit name as plain text', async () => {
    const { superior } = await enrolledPair();
    superior.database.sqlite.prepare("UPDATE units SET name = ? WHERE code = 'CB014'").run(HOSTILE);
    superior.database.close();
    const list = await runCli(['units', 'list', '--db', superior.file], env);
    const show = await runCli(['units', 'show', '--db', superior.file, '--code', 'CB014'], env);
    for (const result of [list, show]) {
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Chi bộ Kỹ thuật số 1');
      expect(result.stdout.replace(/[\t\n]/g, ' ')).not.toMatch(CONTROL);
    }
  });
});

type Exit = { code: number | null; stdout: string; stderr: string };

/** Runs the real `ptdv` with the reading end of its stdout closed before it writes: `ptdv … | head` at its worst. */
function runIntoClosedPipe(args: string[]): Promise<Exit> {
  // detached: no controlling terminal, as under cron or CI, so nothing can reach the user but stdout and stderr.
  const child = spawn(process.execPath, [BIN, ...args], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout: '', stderr })));
}

describe('ptdv into a pipe that was closed (| head)', () => {
  it('ends normally, with no stack trace', async () => {
    const result = await runIntoClosedPipe(['--help']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  }, 60_000);

  it('ptdv init still hands over the recovery code, on stderr, saying why, and the code opens the database', async () => {
    const db = join(tempDir(), 'ptdv.db');
    const result = await runIntoClosedPipe(['init', '--db', db, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo']);
    expect(result.code).toBe(0);
    expect(result.stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect(result.stderr).toContain('Đầu ra đã bị đóng');
    const code = /MÃ KHÔI PHỤC[^:]*: ([0-9A-Z]{4}(?:-[0-9A-Z]{4}){4})/.exec(result.stderr)?.[1];
    expect(code).toBeDefined();
    openDatabase(db, code!, { migrationsDir: MIGRATIONS_DIR }).close();
  }, 60_000);
});
