// `npm run dist [-- --win|--linux|--mac] [--x64] [--arm64] …`: installers with electron-builder. Needs internet
// (Electron's zip, the SQLite module's prebuilt binary or Electron's headers, NSIS/AppImage tools) and runs on
// each target OS. Windows builds x64 and arm64 by default, each installer with its own SQLite module.
// Steps: preflight → SQLite module per arch → renderer → main/worker/preload/CLI → electron-builder.
import { buildMain } from './build-main.mjs';
import { buildNative } from './electron-native.mjs';
import { assertToolchain } from './preflight.mjs';
import { buildRenderer, distArchs, runBin } from './run.mjs';

const args = process.argv.slice(2);
try {
  assertToolchain({});
  const archs = distArchs(args);
  for (const arch of archs) {
    console.log(`SQLite (Electron ABI, ${arch}): ${buildNative({ arch })}`);
  }
  buildRenderer();
  await buildMain();
  const archFlags = archs.map((arch) => `--${arch}`).filter((flag) => !args.includes(flag));
  runBin('electron-builder', 'electron-builder/cli.js', ['--config', 'electron-builder.yml', '--publish', 'never', ...args, ...archFlags]);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  console.error('\n"npm run dist" cần Internet và chạy trên đúng hệ điều hành đích (Windows, macOS, Linux); xem docs/desktop.md.\n"npm run dist" needs internet and must run on the target OS (Windows, macOS, Linux); see docs/desktop.md.');
  process.exit(1);
}
