import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** The cells measured, smallest first: `PTDV_BENCH_CELL=10000` for one smaller cell. */
const SIZES = (process.env.PTDV_BENCH_CELL ?? '10000,50000').split(',').map(Number);
const ENV = { PTDV_PASSPHRASE: 'mat-khau-kiem-thu-dai', PTDV_TODAY: '2026-12-28' };

type Step = { seconds: number; peakMiB: number; stdout: string; stderr: string };

/**
 * Runs one `ptdv` command in its own process, as a secretary would, and reads its peak resident memory from the
 * process itself at exit (a preload writes `process.resourceUsage().maxRSS`), so no GNU time is needed.
 */
function ptdv(dir: string, args: string[]): Step {
  const rssFile = join(dir, 'rss.txt');
  const preload = join(dir, 'peak-rss.cjs');
  writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--require', preload, join(ROOT, 'out/main/cli.cjs'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ...ENV },
    maxBuffer: 64 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    throw new Error(`ptdv ${args.join(' ')} → ${run.status}\n${run.stdout}\n${run.stderr}`);
  }
  return { seconds, peakMiB: Number(readFileSync(rssFile, 'utf8')) / 1024, stdout: run.stdout, stderr: run.stderr };
}

type Measured = { candidates: number; demoSeconds: number; fileMB: number; exportSeconds: number; exportMiB: number; importSeconds: number; importMiB: number };

/** One cell of `candidates` made, exported and imported at its superior, each step its own `ptdv` process. */
function measure(candidates: number): Measured {
  const dir = join(tmpdir(), `ptdv-bench-large-${process.pid}-${candidates}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    ptdv(dir, ['init', '--db', 'K.db', '--code', 'DUK01', '--name', 'Đảng ủy Khối', '--level', 'cap-tren']);
    ptdv(dir, ['keys', 'export-trust', '--db', 'K.db', '--out', 'K.trust.json']);
    ptdv(dir, ['init', '--db', 'C.db', '--code', 'CB001', '--name', 'Chi bộ lớn', '--level', 'chi-bo', '--parent', 'DUK01']);
    const request = ptdv(dir, ['enrol', 'request', '--db', 'C.db', '--trust', 'K.trust.json', '--out', 'len']);
    ptdv(dir, ['enrol', 'accept', '--db', 'K.db', request.stdout.trim()]);
    const readAloud = /Mã vân tay của đơn vị gửi: (.+)/.exec(request.stderr)?.[1] ?? '';
    ptdv(dir, ['enrol', 'confirm', '--db', 'K.db', '--code', 'CB001', '--fingerprint', readAloud]);
    const demo = ptdv(dir, ['demo', '--db', 'C.db', '--candidates', String(candidates), '--seed', '7', '--unchecked']);
    const exported = ptdv(dir, ['bundle', 'export', '--db', 'C.db', '--label', '2026Q4', '--out', 'gui-di']);
    const file = exported.stdout.trim();
    const imported = ptdv(dir, ['bundle', 'import', '--db', 'K.db', file]);
    if (!/^applied /m.test(imported.stdout)) {
      throw new Error(`the superior did not apply the report:\n${imported.stdout}`);
    }
    return {
      candidates,
      demoSeconds: demo.seconds,
      fileMB: statSync(resolve(dir, file)).size / 1024 / 1024,
      exportSeconds: exported.seconds,
      exportMiB: exported.peakMiB,
      importSeconds: imported.seconds,
      importMiB: imported.peakMiB,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Issue 13: a chi bộ of 10,000 and one of 50,000 candidates send their quarterly unit-report and their superior
 * imports it, each as a whole `ptdv` process: the file's size, the time and the peak memory of each side, and how
 * much the peak grows from the smaller cell to the larger (1 when memory does not depend on the cell's size).
 */
export async function benchLargeCell(): Promise<Record<string, number | string>> {
  spawnSync('npx', ['ptdv', '--version'], { cwd: ROOT, stdio: 'ignore' }); // builds out/main/cli.cjs if stale
  const results = SIZES.map(measure);
  const out: Record<string, number | string> = {};
  for (const r of results) {
    const n = r.candidates.toLocaleString('en-US');
    out[`${n}: ptdv demo s`] = +r.demoSeconds.toFixed(1);
    out[`${n}: tệp báo cáo MB`] = +r.fileMB.toFixed(1);
    out[`${n}: xuất (export) s`] = +r.exportSeconds.toFixed(1);
    out[`${n}: xuất: bộ nhớ đỉnh MiB`] = Math.round(r.exportMiB);
    out[`${n}: nhập ở cấp trên (import) s`] = +r.importSeconds.toFixed(1);
    out[`${n}: nhập: bộ nhớ đỉnh MiB`] = Math.round(r.importMiB);
  }
  const [small, large] = [results[0], results.at(-1)];
  if (small && large && large !== small) {
    const ratio = `${large.candidates / 1000}k/${small.candidates / 1000}k`;
    out[`xuất: bộ nhớ đỉnh ${ratio}`] = +(large.exportMiB / small.exportMiB).toFixed(2);
    out[`nhập: bộ nhớ đỉnh ${ratio}`] = +(large.importMiB / small.importMiB).toFixed(2);
  }
  return out;
}
