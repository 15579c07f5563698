import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'out/main/cli.cjs');

function run(command: string, args: string[]) {
  return spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
}

describe('the ptdv command in the project', () => {
  it('runs the bundled CLI, and rebuilds the bundle first when it is older than the sources', () => {
    expect(run(process.execPath, ['electron/cli/bin.mjs', '--version']).stdout).toContain('ptdv 0.1.0');
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(BUNDLE, past, past);

    const result = run(process.execPath, ['electron/cli/bin.mjs', '--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Cách dùng: ptdv <lệnh>');
    expect(statSync(BUNDLE).mtime.getTime()).toBeGreaterThan(past.getTime());
    // The bundle, not the TypeScript sources through tsx.
    expect(readFileSync(join(ROOT, 'electron/cli/bin.mjs'), 'utf8')).not.toContain('tsx');
  });

  it('is what `npx ptdv` runs, through node_modules/.bin as npm ci links it (no package.json bin, no npm tree walk)', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toBeUndefined();
    expect(pkg.scripts.postinstall).toBe('node build/scripts/link-bin.mjs');
    expect(run(process.execPath, ['build/scripts/link-bin.mjs']).status).toBe(0);
    const result = run('npx', ['--no-install', 'ptdv', '--version']);
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('ptdv 0.1.0');
  });
});
