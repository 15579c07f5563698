import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { devNativeBinding, resolveAppPaths } from '../../electron/main/paths';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

type Config = Record<string, unknown> & {
  files: (string | { filter: string[] })[];
  extraResources: { from: string; to: string }[];
  electronFuses: Record<string, boolean>;
  nsis: Record<string, unknown>;
  win: { target: (string | { target: string; arch: string[] })[] };
  linux: { target: string[] };
  mac: { target: string[] };
};
// electron-builder's own loader and validator, so the file is checked exactly as `npm run dist` would read it.
const builder = require('app-builder-lib/out/util/config/config') as {
  getConfig(projectDir: string, configPath: string, configFromOptions: null): Promise<Config>;
  validateConfiguration(config: unknown, debugLogger: unknown): Promise<void>;
};
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
  FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
  };
};

const load = () => builder.getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
const validate = (config: unknown) => builder.validateConfiguration(config, new DebugLogger(false));

function pngSize(file: string): [number, number] {
  const png = readFileSync(file);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return [png.readUInt32BE(16), png.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  let config: Config;
  beforeAll(async () => {
    config = await load();
  });

  it("passes electron-builder's own schema validation", async () => {
    await expect(validate(structuredClone(config))).resolves.toBeUndefined();
  });

  it('is checked strictly: a misspelt fuse is rejected', async () => {
    const misspelt = { ...structuredClone(config), electronFuses: { ...config.electronFuses, runAsnode: false } };
    await expect(validate(misspelt)).rejects.toThrow(/electronFuses/);
  });

  it('builds a Vietnamese, per-user NSIS installer that can change folder and keeps the data on uninstall', () => {
    const { nsis, win } = config;
    // x64 and arm64 installers, each with its own SQLite module (extraResources below is per ${arch}).
    expect(win.target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }]);
    expect(nsis).toMatchObject({
      language: '1066',
      installerLanguages: ['vi_VN'],
      oneClick: false,
      perMachine: false,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
    });
  });

  it('targets AppImage and deb on Linux and dmg on macOS', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config).toMatchObject({ appId: expect.stringMatching(/^[a-z]+(\.[a-z]+)+$/), productName: 'ptdv' });
  });

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('ships the bundled app, the migrations and the Electron-ABI SQLite module where main looks for them', () => {
    const patterns = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    expect(patterns).toEqual(expect.arrayContaining(['out/**', 'package.json']));
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).main).toBe('out/main/index.cjs');
    expect(config).toMatchObject({ npmRebuild: false, asar: true, asarUnpack: ['**/*.node'] });

    const packaged = resolveAppPaths({
      isPackaged: true, userData: '/u', documents: '/d', appPath: '/r/app.asar', resourcesPath: '/r', electronVersion: 'x',
    });
    const migrations = config.extraResources.find((r) => r.from === 'migrations');
    expect(join('/r', migrations?.to ?? '')).toBe(packaged.migrationsDir);
    expect(existsSync(join(ROOT, 'migrations/meta/_journal.json'))).toBe(true);

    const electronVersion = JSON.parse(readFileSync(join(ROOT, 'node_modules/electron/package.json'), 'utf8')).version;
    const native = config.extraResources.find((r) => r.to.endsWith('.node'));
    expect(native?.from).toContain('${arch}');
    const nativeFrom = (native?.from ?? '').replace('${arch}', process.arch);
    expect(join(ROOT, nativeFrom)).toBe(devNativeBinding(ROOT, electronVersion));
    const script = "import { electronNativeBinary } from './build/scripts/electron-native.mjs'; process.stdout.write(electronNativeBinary())";
    expect(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })).toBe(join(ROOT, nativeFrom));
    expect(join('/r', native?.to ?? '')).toBe(packaged.nativeBinding);
  });

  it('puts only the bundles and better-sqlite3\'s JavaScript into app.asar', () => {
    const patterns = config.files.flatMap((f) => (typeof f === 'string' ? [f] : f.filter));
    const included = new FileMatcher('/p', '/p', (s) => s, patterns).createFilter();
    const inAsar = (path: string) => included(`/p/${path}`, { isDirectory: () => false });
    const shipped = ['out/main/index.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'package.json', 'node_modules/better-sqlite3/lib/index.js'];
    expect(shipped.filter((path) => !inAsar(path))).toEqual([]);
    const left = [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/better-sqlite3/deps/sqlite3/sqlite3.c',
      'node_modules/exceljs/package.json',
      'electron/main/index.ts',
      'migrations/0000_init.sql',
      '.cache/electron-native/45.4.1-x64/build/Release/better_sqlite3.node',
    ];
    expect(left.filter(inAsar)).toEqual([]);
  });

  it('has the app icons in build/', () => {
    expect(config).toMatchObject({ directories: { buildResources: 'build' } });
    expect(pngSize(join(ROOT, 'build/icon.png'))).toEqual([512, 512]);
    const ico = readFileSync(join(ROOT, 'build/icon.ico'));
    expect(ico.readUInt16LE(2)).toBe(1);
    const widths = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(widths).toEqual(expect.arrayContaining([16, 32, 48, 256]));
    expect(readFileSync(join(ROOT, 'build/icon.svg'), 'utf8')).toContain('<svg');
  });
});
