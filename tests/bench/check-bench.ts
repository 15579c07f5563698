import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const SIZES = [50_000, 200_000];
const ENV = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu-dai', PTDV_TODAY: '2026-12-28' };
// The demo databases take minutes to make (200,000 candidates: several); they are kept between runs, for as long
// as the migrations and the demo command they were made with are the shipped ones.
const KEPT = join(tmpdir(), 'ptdv-bench-check');

type Run = { seconds: number; cpuSeconds: number; peakMiB: number };

/**
 * One whole `ptdv` process, its output thrown away, with its peak resident memory and CPU time read by a preload at
 * exit (on a shared machine the CPU time says more than the wall clock).
 */
function ptdv(args: string[], dir = KEPT): Run {
  const usageFile = join(dir, 'usage.json');
  const preload = join(dir, 'peak-rss.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(usageFile)}, JSON.stringify(process.resourceUsage())));\n`);
  const sink = openSync('/dev/null', 'w');
  try {
    const started = performance.now();
    const run = spawnSync(process.execPath, ['--require', preload, join(ROOT, 'out/main/cli.cjs'), ...args], { cwd: dir, env: { ...process.env, ...ENV }, stdio: ['ignore', sink, 'pipe'] });
    const seconds = (performance.now() - started) / 1000;
    // check exits 1 when a finding is an error, which a demo database has.
    if (run.status !== 0 && !(args[0] === 'check' && run.status === 1)) {
      throw new Error(`ptdv ${args.join(' ')} → ${run.status}\n${run.stderr}`);
    }
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as NodeJS.ResourceUsage;
    return { seconds, cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, peakMiB: usage.maxRSS / 1024 };
  } finally {
    closeSync(sink);
  }
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A demo database of `size` candidates as `ptdv demo` leaves it (today's findings stored), made once and kept. */
function demoDatabase(size: number): string {
  const stamp = createHash('sha256')
    .update(readFileSync(join(ROOT, 'migrations/meta/_journal.json')))
    .update(readFileSync(join(ROOT, 'electron/cli/commands/demo.ts')))
    .digest('hex');
  const file = join(KEPT, `demo-${size}.db`);
  const stampFile = `${file}.stamp`;
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    rmSync(file, { force: true });
    rmSync(`${file}.key`, { force: true });
    ptdv(['demo', '--db', file, '--candidates', String(size), '--seed', '7']);
    writeFileSync(stampFile, stamp);
  }
  return file;
}

/** A fresh copy of the kept database, so every measurement starts from the same file. */
function copyOf(file: string): string {
  const copy = join(KEPT, 'work.db');
  for (const suffix of ['', '-wal', '-shm', '.lock']) {
    rmSync(`${copy}${suffix}`, { force: true });
  }
  copyFileSync(file, copy);
  copyFileSync(`${file}.key`, `${copy}.key`);
  return copy;
}

/**
 * Issue 9: `ptdv check --db F --json` over a `ptdv demo` cell, as a whole process, against `ptdv --help` in the same
 * run: on the database as the demo leaves it (the day's findings stored, as the app leaves a database it opened that
 * day); then after a calendar change, which drops every stored finding, so the check evaluates every dossier and
 * stores the findings (the worst case, as after a rulebook import); then later checks, from the findings store.
 * Target: ≥ 25,000 candidates/s beyond start-up at 50,000 candidates, and peak memory flat as the database grows
 * (200,000 candidates at most 1.3× the peak at 50,000).
 */
export async function benchCheck(): Promise<Record<string, number | string>> {
  // Builds out/main/cli.cjs if stale. The launcher itself, not `npx ptdv`: npx finds no ptdv where node_modules is
  // shared with another checkout, and the bench then measured whatever bundle was left in out/.
  const built = spawnSync(process.execPath, [join(ROOT, 'electron/cli/bin.mjs'), '--version'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) {
    throw new Error(`ptdv --version → ${built.status}\n${built.stderr}`);
  }
  mkdirSync(KEPT, { recursive: true });
  const figures: Record<string, number | string> = {};
  const peaks: number[] = [];
  for (const size of SIZES) {
    const db = copyOf(demoDatabase(size));
    const check = () => ptdv(['check', '--db', db, '--json']);
    const help: Run[] = [];
    const asMade = check();
    // Any calendar day drops every stored finding (a working-day deadline may move).
    ptdv(['calendar', 'add', '--db', db, '--date', '2027-03-08', '--kind', 'holiday', '--name', 'Ngày nghỉ đo hiệu năng']);
    const first = check();
    const later: Run[] = [];
    // Interleaved, so a busy machine slows both alike.
    for (let i = 0; i < 3; i++) {
      help.push(ptdv(['--help']));
      later.push(check());
    }
    const startUp = median(help.map((r) => r.seconds));
    const stored = median(later.map((r) => r.seconds));
    const startUpCpu = median(help.map((r) => r.cpuSeconds));
    const storedCpu = median(later.map((r) => r.cpuSeconds));
    const peak = Math.max(asMade.peakMiB, first.peakMiB, ...later.map((r) => r.peakMiB));
    peaks.push(peak);
    const n = `${size / 1000}k`;
    figures[`${n} --help s`] = startUp;
    figures[`${n} như demo để lại: hồ sơ/s (≥ 25.000)`] = Math.round(size / (asMade.seconds - startUp));
    figures[`${n} sau khi đổi lịch s (CPU s)`] = `${first.seconds.toFixed(1)} (${first.cpuSeconds.toFixed(1)})`;
    figures[`${n} sau khi đổi lịch: hồ sơ/s`] = Math.round(size / (first.seconds - startUp));
    figures[`${n} sau khi đổi lịch: hồ sơ/s theo CPU`] = Math.round(size / (first.cpuSeconds - startUpCpu));
    figures[`${n} đã lưu s (CPU s)`] = `${stored.toFixed(2)} (${storedCpu.toFixed(2)})`;
    figures[`${n} đã lưu: hồ sơ/s (≥ 25.000)`] = Math.round(size / (stored - startUp));
    figures[`${n} đã lưu: hồ sơ/s theo CPU`] = Math.round(size / (storedCpu - startUpCpu));
    figures[`${n} đỉnh MiB sau khi đổi lịch / đã lưu`] = `${Math.round(first.peakMiB)} / ${Math.round(median(later.map((r) => r.peakMiB)))}`;
  }
  figures['đỉnh 200k / 50k (≤ 1,3)'] = (peaks[1] ?? Number.NaN) / (peaks[0] ?? Number.NaN);
  for (const suffix of ['', '.key', '-wal', '-shm', '.lock']) {
    rmSync(join(KEPT, `work.db${suffix}`), { force: true });
  }
  return figures;
}
