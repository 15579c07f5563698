// Builds better-sqlite3 (the better-sqlite3-multiple-ciphers alias) for Electron's ABI into
// .cache/electron-native/<electron version>/, leaving node_modules/better-sqlite3/build (Node's ABI, used by the
// tests and the CLI) untouched. Needs Electron's headers, so it needs internet the first time.
// Usage: node build/scripts/electron-native.mjs [--force]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

export function electronVersion(root = ROOT) {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

/** Same layout as devNativeBinding() in electron/main/paths.ts and extraResources in electron-builder.yml. */
export function electronNativeBinary(root = ROOT, version = electronVersion(root)) {
  return join(root, '.cache', 'electron-native', version, 'build', 'Release', 'better_sqlite3.node');
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

/**
 * Copies the module's sources to the cache and runs node-gyp there for `target` (an Electron version by default).
 * Returns the path of the built .node file; skips the build when it already exists unless `force`.
 */
export function buildNative({ root = ROOT, target = electronVersion(root), distUrl = 'https://electronjs.org/headers', force = false, log = console.log } = {}) {
  const dir = join(root, '.cache', 'electron-native', target);
  const binary = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binary) && !force) {
    return binary;
  }
  const source = join(root, 'node_modules', 'better-sqlite3');
  rmSync(dir, { recursive: true, force: true });
  cpSync(source, dir, { recursive: true, filter: (path) => !/^(build|node_modules)([/\\]|$)/.test(relative(source, path)) });
  log(`Biên dịch better-sqlite3 cho Electron ${target} / building better-sqlite3 for Electron ${target} in ${relative(root, dir)}`);
  const gyp = require.resolve('node-gyp/bin/node-gyp.js');
  const args = [gyp, 'rebuild', '--release', '-j', 'max', `--target=${target}`, `--arch=${process.arch}`, `--dist-url=${distUrl}`, `--devdir=${join(root, '.cache', 'electron-native', 'headers')}`];
  const result = spawnSync(process.execPath, args, { cwd: dir, env: gypEnv(), stdio: 'inherit' });
  if (result.status !== 0 || !existsSync(binary)) {
    throw new Error(
      `Không biên dịch được mô-đun SQLite cho Electron ${target} (cần Internet để tải headers của Electron).\n` +
        `Could not build the SQLite module for Electron ${target} (node-gyp needs internet to fetch Electron's headers from ${distUrl}).`,
    );
  }
  return binary;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });
  try {
    console.log(buildNative({ force: values.force }));
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
