// better-sqlite3 (the better-sqlite3-multiple-ciphers alias) for Electron's ABI, one per CPU architecture, in
// .cache/electron-native/<electron version>-<arch>/, leaving node_modules/better-sqlite3/build (Node's ABI, used by
// the tests and the CLI) untouched. First choice: the package's own prebuilt binary for Electron (prebuild-install,
// a download from the package's GitHub releases), so an office's IT person needs no compiler. Only when none is
// published for this Electron/OS/arch is it compiled with node-gyp, after preflight.mjs checked the toolchain.
// Usage: node build/scripts/electron-native.mjs [--arch x64|arm64] [--force] [--no-prebuilt]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { assertToolchain } from './preflight.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export function electronVersion(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** Same layout as devNativeBinding() in electron/main/paths.ts and extraResources in electron-builder.yml. */
export function electronNativeBinary(root = ROOT, version = electronVersion(root), arch = process.arch) {
  return join(root, '.cache', 'electron-native', `${version}-${arch}`, 'build', 'Release', 'better_sqlite3.node');
}

// npm exports ~/.npmrc's nodedir (set on these machines so Node builds use /usr/include/node) to scripts; for
// Electron that would compile against Node's headers and produce a module Electron refuses to load.
function gypEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|devdir)$/i.test(key)) {
      delete env[key];
    }
  }
  return env;
}

function prebuilt(dir, target, arch, log) {
  log(`Tải bản dựng sẵn cho Electron ${target} (${process.platform}-${arch}) / fetching the prebuilt binary for Electron ${target} (${process.platform}-${arch})`);
  const bin = require.resolve('prebuild-install/bin.js');
  const args = [bin, '--runtime', 'electron', '--target', target, '--arch', arch, '--platform', process.platform, '--tag-prefix', 'v'];
  return spawnSync(process.execPath, args, { cwd: dir, env: gypEnv(), stdio: 'inherit' }).status === 0;
}

function compiled(dir, target, arch, distUrl, root) {
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [gyp, 'rebuild', '--release', '-j', 'max', `--target=${target}`, `--arch=${arch}`, `--dist-url=${distUrl}`, `--devdir=${join(root, '.cache', 'electron-native', 'headers')}`];
  return spawnSync(process.execPath, args, { cwd: dir, env: gypEnv(), stdio: 'inherit' }).status === 0;
}

/**
 * Returns the path of the .node file for Electron `target` on `arch`; skips the work when it already exists
 * unless `force`. Throws with a message in Vietnamese and English when neither way produced it.
 */
export function buildNative({
  root = ROOT,
  target = electronVersion(root),
  arch = process.arch,
  distUrl = 'https://electronjs.org/headers',
  force = false,
  usePrebuilt = true,
  log = console.log,
} = {}) {
  const dir = join(root, '.cache', 'electron-native', `${target}-${arch}`);
  const binary = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binary) && !force) {
    return binary;
  }
  const source = join(root, 'node_modules', 'better-sqlite3');
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !/^(build|node_modules|prebuilds)([/\\]|$)/.test(relative(source, path)) });
  if (usePrebuilt && prebuilt(dir, target, arch, log) && existsSync(binary)) {
    return binary;
  }
  log(`Không có bản dựng sẵn; biên dịch better-sqlite3 cho Electron ${target} (${arch}) / no prebuilt binary; compiling for Electron ${target} (${arch})`);
  assertToolchain({ compile: true, arch });
  if (!compiled(dir, target, arch, distUrl, root) || !existsSync(binary)) {
    throw new Error(
      `Không biên dịch được mô-đun SQLite cho Electron ${target} (${arch}). Xem lỗi của node-gyp ở trên; cần Internet để tải headers của Electron.\n` +
        `Could not build the SQLite module for Electron ${target} (${arch}). See node-gyp's error above; it needs internet to fetch Electron's headers from ${distUrl}.`,
    );
  }
  return binary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false }, arch: { type: 'string' }, 'no-prebuilt': { type: 'boolean', default: false } } });
  try {
    console.log(buildNative({ force: values.force, arch: values.arch ?? process.arch, usePrebuilt: !values['no-prebuilt'] }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
