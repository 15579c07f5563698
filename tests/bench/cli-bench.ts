import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const RUNS = 7;

function seconds(args: string[]): number {
  const started = performance.now();
  const run = spawnSync('npx', args, { cwd: ROOT, stdio: 'ignore' });
  if (run.status !== 0) {
    throw new Error(`npx ${args.join(' ')} exited with ${run.status}`);
  }
  return (performance.now() - started) / 1000;
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/**
 * Issue 15: `npx ptdv --help` against npx starting a native binary (`npx esbuild --version`), interleaved in the
 * same run so a busy machine slows both alike. Target: ptdv at most 0.6 s behind.
 */
export async function benchCli(): Promise<Record<string, number | string>> {
  // npm ci's postinstall links ptdv; without the link npx would look for a package named ptdv online.
  if (!existsSync(join(ROOT, 'node_modules/.bin', process.platform === 'win32' ? 'ptdv.cmd' : 'ptdv'))) {
    spawnSync(process.execPath, ['build/scripts/link-bin.mjs'], { cwd: ROOT, stdio: 'inherit' });
  }
  seconds(['ptdv', '--version']); // builds out/main/cli.cjs if it is missing or stale
  const esbuild: number[] = [];
  const ptdv: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    esbuild.push(seconds(['esbuild', '--version']));
    ptdv.push(seconds(['ptdv', '--help']));
  }
  const [base, cli] = [median(esbuild), median(ptdv)];
  return {
    'npx esbuild --version (s, trung vị)': base,
    'npx ptdv --help (s, trung vị)': cli,
    'chênh lệch (s, mục tiêu ≤ 0,6)': cli - base,
    'tỉ lệ ptdv / esbuild': cli / base,
  };
}
