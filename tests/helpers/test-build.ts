import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '../..');

/**
 * The ptdv the app ships (out/main/cli.cjs as build-main.mjs bundles it), built with --test-hooks so that
 * PTDV_TEST_CRASH_AT can kill it at a named step, and any extra test programs bundled the same way. It starts in
 * half the time of the tsx development entry, which is what lets kill tests run hundreds of processes. The folder is
 * inside the project so the bundles resolve node_modules (better-sqlite3) as out/ does.
 */
export async function buildForKillTests(extra: Record<string, string> = {}): Promise<{ cli: string; programs: Record<string, string>; remove(): void }> {
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.cache', 'kill-test-'));
  const built = spawnSync(process.execPath, ['build/scripts/build-main.mjs', '--outdir', dir, '--test-hooks'], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) {
    throw new Error(`build-main.mjs failed:\n${built.stderr}`);
  }
  const programs: Record<string, string> = {};
  for (const [name, entry] of Object.entries(extra)) {
    programs[name] = join(dir, 'main', `${name}.cjs`);
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['better-sqlite3'], outfile: programs[name], logLevel: 'warning' });
  }
  return { cli: join(dir, 'main/cli.cjs'), programs, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
