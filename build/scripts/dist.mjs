// `npm run dist [-- --win|--linux|--mac …]`: installers with electron-builder. Needs internet (Electron's binary
// and headers, NSIS/AppImage tools), and must run on each target OS, because the SQLite module is compiled for
// the machine that runs it. Steps: Electron-ABI SQLite module → renderer → main/preload/CLI → electron-builder.
import { buildMain } from './build-main.mjs';
import { buildNative } from './electron-native.mjs';
import { buildRenderer, runBin } from './run.mjs';

try {
  console.log(`SQLite (Electron ABI): ${buildNative()}`);
  buildRenderer();
  await buildMain();
  runBin('electron-builder', 'electron-builder/cli.js', ['--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error('\n"npm run dist" cần Internet và chạy trên đúng hệ điều hành đích (Windows, macOS, Linux).\n"npm run dist" needs internet and must run on the target OS (Windows, macOS, Linux).');
  process.exit(1);
}
