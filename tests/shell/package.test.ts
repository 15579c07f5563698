import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../electron/ipc-contract';
import { tempDir } from '../helpers/temp';

/**
 * Issue 16: `electron-builder --linux dir` for real, against a stand-in Electron distribution (no Electron binary
 * can be downloaded here), then the packaged main bundle started on Node with a fake `electron` module in the
 * packaged layout. Slow steps (vite build, electron-builder) run once in beforeAll with generous time limits;
 * nothing here measures time.
 */

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const ELECTRON_VERSION = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version as string;
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron 45's fuse wire as shipped (fuse version 1, nine fuses): RunAsNode, CookieEncryption, NodeOptions,
// NodeCliInspect, EmbeddedAsarIntegrity, OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocol, WasmTrapHandlers.
const SHIPPED_WIRE = '101100011';

type Asar = { extractAll(archive: string, dest: string): void; listPackage(archive: string, options: object): string[] };
type Builder = {
  build(options: { projectDir: string; targets: unknown; config: object; publish: 'never' }): Promise<string[]>;
  Platform: { LINUX: { createTarget(types: string[], ...archs: number[]): unknown } };
  Arch: { x64: number };
};
type Fuses = { getCurrentFuseWire(path: string): Promise<Record<string, number | string>>; FuseV1Options: Record<string, number> };

/**
 * A folder shaped like Electron's Linux zip: the `electron` executable carries the fuse sentinel and wire exactly
 * where @electron/fuses looks for them, so electron-builder flips the fuses as it would in the real binary.
 */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const exe = join(dir, 'electron');
  writeFileSync(exe, Buffer.concat([
    Buffer.from('#!/bin/sh\n# Stand-in for Electron in tests/shell/package.test.ts; it runs nothing.\nexit 1\n# '),
    Buffer.from(SENTINEL),
    Buffer.from([1, SHIPPED_WIRE.length]),
    Buffer.from(`${SHIPPED_WIRE}\n`),
  ]));
  chmodSync(exe, 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'Electron (stand-in) license\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  writeFileSync(join(dir, 'version'), ELECTRON_VERSION);
}

function run(command: string, args: string[], cwd = ROOT, env: Record<string, string> = {}) {
  return spawnSync(command, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, ...env } });
}

let stage: string;
let unpacked: string;
let resources: string;
let appDir: string;

beforeAll(async () => {
  // The project as `npm run dist` sees it, assembled in its own folder so out/ and .cache/ of the checkout stay untouched.
  mkdirSync(join(ROOT, '.cache'), { recursive: true });
  stage = mkdtempSync(join(ROOT, '.cache', 'package-test-'));
  const built = run(process.execPath, ['build/scripts/build-main.mjs', '--outdir', join(stage, 'out')]);
  if (built.status !== 0) {
    throw new Error(`build-main.mjs failed:\n${built.stderr}`);
  }
  const vite = run(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', join(stage, 'out/renderer'), '--emptyOutDir', '--logLevel', 'warn']);
  if (vite.status !== 0) {
    throw new Error(`vite build failed:\n${vite.stderr}`);
  }
  for (const entry of ['package.json', 'package-lock.json', 'migrations', 'build/icon.png', 'build/icon.ico', 'build/icon.svg', 'build/ptdv.cmd']) {
    cpSync(join(ROOT, entry), join(stage, entry), { recursive: true });
  }
  symlinkSync(join(ROOT, 'node_modules'), join(stage, 'node_modules'), 'dir');
  // Electron's ABI cannot be built here; the Node build stands in, which is also what lets the packaged main run on Node below.
  const native = join(stage, '.cache/electron-native', `${ELECTRON_VERSION}-x64`, 'build/Release');
  mkdirSync(native, { recursive: true });
  copyFileSync(join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), join(native, 'better_sqlite3.node'));
  const dist = join(stage, 'electron-dist');
  standInElectron(dist);

  const { build, Platform, Arch } = require('electron-builder') as Builder;
  const { getConfig } = require('app-builder-lib/out/util/config/config') as { getConfig(dir: string, file: string, options: null): Promise<object> };
  const config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
  await build({
    projectDir: stage,
    targets: Platform.LINUX.createTarget(['dir'], Arch.x64),
    config: { ...config, electronDist: dist, electronVersion: ELECTRON_VERSION, directories: { output: join(stage, 'dist'), buildResources: 'build' } },
    publish: 'never',
  });
  unpacked = join(stage, 'dist', 'linux-unpacked');
  resources = join(unpacked, 'resources');
  // Node cannot read inside an asar; the packaged files are extracted beside it, layout unchanged.
  appDir = join(stage, 'app-extracted');
  (require('@electron/asar') as Asar).extractAll(join(resources, 'app.asar'), appDir);
}, 900_000);

afterAll(() => {
  if (stage) {
    rmSync(stage, { recursive: true, force: true });
  }
});

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  it('holds the bundles, the renderer, the CLI entry and only better-sqlite3\'s JavaScript in app.asar', () => {
    const files = (require('@electron/asar') as Asar).listPackage(join(resources, 'app.asar'), { isPack: false }).map((f) => f.replaceAll('\\', '/'));
    for (const file of ['/package.json', '/out/main/index.cjs', '/out/main/db-worker.cjs', '/out/main/snapshot-worker.cjs', '/out/main/cli.cjs', '/out/preload/index.cjs', '/out/renderer/index.html', '/node_modules/better-sqlite3/lib/index.js']) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => f.startsWith('/node_modules/') && !f.startsWith('/node_modules/better-sqlite3'))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.node') || f.endsWith('.ts') || f.includes('/migrations/'))).toEqual([]);
    expect(files.some((f) => f.startsWith('/out/renderer/assets/') && f.endsWith('.js'))).toBe(true);
  });

  it('puts the migrations, the rulebook and the native SQLite module outside the asar, and the icon and launcher in place', () => {
    expect(existsSync(join(resources, 'migrations/meta/_journal.json'))).toBe(true);
    expect(readFileSync(join(resources, 'native/better_sqlite3.node')).subarray(0, 4)).toEqual(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
    expect(existsSync(join(unpacked, 'ptdv'))).toBe(true);
    expect(existsSync(join(unpacked, 'LICENSE.electron.txt'))).toBe(true);
    // The rulebook is built into the code (electron/core/domain/rules) and must ship inside the bundles.
    expect(readFileSync(join(appDir, 'out/main/db-worker.cjs'), 'utf8')).toContain('"2021-07-30"');
  });

  it('flips the security fuses in the executable: no RunAsNode, no NODE_OPTIONS, no --inspect, asar only and checked', async () => {
    const { getCurrentFuseWire, FuseV1Options } = (await import('@electron/fuses')) as unknown as Fuses;
    const wire = await getCurrentFuseWire(join(unpacked, 'ptdv'));
    const state = (name: string) => String.fromCharCode(Number(wire[FuseV1Options[name] as number]));
    expect(state('RunAsNode')).toBe('0');
    expect(state('EnableNodeOptionsEnvironmentVariable')).toBe('0');
    expect(state('EnableNodeCliInspectArguments')).toBe('0');
    expect(state('EnableEmbeddedAsarIntegrityValidation')).toBe('1');
    expect(state('OnlyLoadAppFromAsar')).toBe('1');
    expect(state('EnableCookieEncryption')).toBe('1');
    expect(state('GrantFileProtocolExtraPrivileges')).toBe('0');
  });

  it('starts the packaged main bundle: setup, lock, unlock, an export to a chosen file; a forged path refused', () => {
    const root = tempDir();
    const result = run(process.execPath, [join(ROOT, 'tests/shell/fake-electron.cjs'), join(appDir, 'out/main/index.cjs'), root, '--packaged', resources, '--app', appDir, '--scenario', 'export']);
    expect(result.stderr).toBe('');
    const seen = JSON.parse(result.stdout);
    expect(seen.channels.sort()).toEqual(Object.keys(invoke).sort());
    expect(seen.pageStatus).toBe(200);
    const dataDir = join(root, 'appData', 'ptdv', 'data');
    expect(seen.status).toEqual({ ok: true, value: { state: 'no-database', unit: null, dataDir } });
    expect(seen.after).toMatchObject({ ok: true, value: { state: 'unlocked', unit: { code: 'CB014' }, dataDir } });
    expect(seen.steps.setup).toMatchObject({ ok: true, value: { unit: { code: 'CB014' } } });
    expect(seen.steps.lock).toMatchObject({ ok: true, value: { state: 'locked' } });
    expect(seen.steps.unlock).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(seen.steps.member).toMatchObject({ ok: true });
    expect(seen.steps.forged).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    const exported = join(root, 'documents', 'bao-cao.xlsx');
    expect(seen.steps.export).toMatchObject({ ok: true, value: { path: exported } });
    expect(readFileSync(exported).subarray(0, 2).toString()).toBe('PK');
    const backup = join(root, 'documents', 'sao-luu.ptdvbak');
    expect(seen.steps.backup).toMatchObject({ ok: true, value: { path: backup } });
    expect(readFileSync(backup).subarray(0, 14).toString()).toBe('PTDV-BACKUP/1\n');
    expect(existsSync(join(dataDir, 'ptdv.db'))).toBe(true);
    expect(readFileSync(join(root, 'appData', 'ptdv', 'logs', 'main.log'), 'utf8')).toContain('starting');
  });

  it('runs the CLI from the packaged app with --cli (help, and a bundle import) while RunAsNode stays off', () => {
    const root = tempDir();
    const cli = (args: string[], env: Record<string, string> = {}) =>
      run(process.execPath, [join(ROOT, 'tests/shell/fake-electron.cjs'), join(appDir, 'out/main/index.cjs'), root, '--packaged', resources, '--app', appDir, '--cli', ...args], ROOT, env);
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Cách dùng: ptdv <lệnh>');

    // An enrolment: the unit's request bundle made and imported by the packaged CLI at the superior.
    const env = { PTDV_PASSPHRASE: 'mat-khau-dai-1', PTDV_TODAY: '2026-11-23' };
    const superior = join(root, 'duk.db');
    const unit = join(root, 'cb.db');
    const outbox = join(root, 'gui-di');
    mkdirSync(outbox);
    const steps = [
      ['init', '--db', superior, '--code', 'DUK01', '--name', 'Đảng ủy Khối', '--level', 'cap-tren'],
      ['keys', 'export-trust', '--db', superior, '--out', join(root, 'tin-cay.json')],
      ['init', '--db', unit, '--code', 'CB014', '--name', 'Chi bộ Kỹ thuật', '--level', 'chi-bo', '--parent', 'DUK01'],
      ['enrol', 'request', '--db', unit, '--trust', join(root, 'tin-cay.json'), '--out', outbox],
    ];
    for (const step of steps) {
      const result = cli(step, env);
      expect({ step, status: result.status }).toEqual({ step, status: 0 });
    }
    const [bundle] = readdirSync(outbox).filter((name) => name.endsWith('.ptdv'));
    const accepted = cli(['enrol', 'accept', '--db', superior, join(outbox, bundle ?? 'none')], env);
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toContain('CB014');

    // A PDF from the installed app's CLI is printed by its own Electron, not by a Chromium the user does not have.
    const pdf = join(root, 'bao-cao.pdf');
    const printed = cli(['report', '--db', unit, '--period', '2026-Q4', '--format', 'pdf', '--out', pdf], { ...env, PTDV_CHROMIUM: join(root, 'khong-co-chromium') });
    expect({ status: printed.status, stderr: printed.stderr }).toEqual({ status: 0, stderr: '' });
    const text = readFileSync(pdf, 'utf8');
    expect(text.startsWith('%PDF-1.7 (fake-electron {"printBackground":true,"preferCSSPageSize":true,"pageSize":"A4"})')).toBe(true);
    expect(text).toContain('Chi bộ Kỹ thuật');
  }, 300_000);
});
