// `npm start`: builds the app and runs it in Electron. Where Electron's binary is missing and cannot be downloaded
// (the build machines have no internet), it says so in Vietnamese and English, points to `npm run web`, exits 1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildMain } from './build-main.mjs';
import { buildNative } from './electron-native.mjs';
import { assertToolchain } from './preflight.mjs';
import { buildRenderer, ROOT } from './run.mjs';

const EXECUTABLE = { darwin: 'Electron.app/Contents/MacOS/Electron', win32: 'electron.exe' };

const UNAVAILABLE = `
ptdv: không chạy được Electron trên máy này.
  Gói "electron" đã được cài nhưng thiếu tệp chạy của Electron, và máy này không tải được tệp đó (không có Internet).
  Hãy dùng bản chạy trong trình duyệt:   npm run web
  (Trên máy có Internet, "npm start" tự tải Electron ở lần chạy đầu tiên.)

ptdv: Electron cannot run on this machine.
  The "electron" package is installed but Electron's binary is missing and cannot be downloaded here (no internet).
  Use the browser version instead:   npm run web
  (On a machine with internet, "npm start" downloads Electron on its first run.)
`;

/**
 * Electron's path, as the electron package reports it. Requiring it downloads the binary when missing, so it runs
 * in a child process; ELECTRON_OVERRIDE_DIST_PATH (Electron's own variable) points at a binary and skips that.
 */
function locateElectron() {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const exe = join(override, EXECUTABLE[process.platform] ?? 'electron');
    return existsSync(exe) ? { path: exe } : { reason: `${exe} does not exist (ELECTRON_OVERRIDE_DIST_PATH)` };
  }
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write('\\n' + require('electron'))"], { cwd: ROOT, encoding: 'utf8' });
  const path = probe.status === 0 ? probe.stdout.trim().split('\n').at(-1) : undefined;
  if (path && existsSync(path)) {
    return { path };
  }
  const lines = `${probe.stderr}`.split('\n').filter((l) => /error/i.test(l));
  return { reason: lines[0]?.trim() ?? `exit ${probe.status}` };
}

function launch(electronPath) {
  const env = { ...process.env };
  // A leftover ELECTRON_RUN_AS_NODE would start Electron as plain Node and run no window.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronPath, ['.'], { cwd: ROOT, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

console.log('Đang tìm Electron / looking for Electron…');
const electron = locateElectron();
if (!electron.path) {
  console.error(`${UNAVAILABLE}\nChi tiết / detail: ${electron.reason}`);
  process.exit(1);
}
try {
  assertToolchain({});
  buildRenderer();
  await buildMain();
  buildNative();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
launch(electron.path);
