// `npm run web [-- --data DIR --port N]`: builds the renderer when its sources changed, then serves the app on
// 127.0.0.1 through the web host. The host prints the address (with its one-time token) to open in a browser.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const builtIndex = join(repo, 'out/renderer/index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** The renderer imports model code from electron/core, so its changes count too. */
function sourcesNewerThanBuild() {
  if (!existsSync(builtIndex)) {
    return true;
  }
  const sources = ['renderer', 'electron/core/model', 'electron/core/domain/rules', 'vite.config.ts', 'package.json'];
  const newest = Math.max(...sources.map((p) => join(repo, p)).filter(existsSync).map(newestMtime));
  return newest > statSync(builtIndex).mtimeMs;
}

if (sourcesNewerThanBuild()) {
  console.log('Đang dựng giao diện (vite build)…');
  const { build } = await import('vite');
  await build({ configFile: join(repo, 'vite.config.ts'), root: join(repo, 'renderer'), logLevel: 'warn' });
}

const child = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'electron/web/main.ts'), ...process.argv.slice(2)], {
  cwd: repo,
  stdio: 'inherit',
});
// Ctrl+C reaches the host directly (same process group); a SIGTERM sent to this script is passed on.
process.on('SIGTERM', () => child.kill('SIGTERM'));
process.on('SIGINT', () => {});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
