// Small helpers shared by start.mjs and dist.mjs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** Runs a package's JS bin with the current Node; throws with the step's name when it fails. */
export function runBin(step, specifier, args, options = {}) {
  const result = spawnSync(process.execPath, [require.resolve(specifier), ...args], { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    throw new Error(`Bước "${step}" thất bại / step "${step}" failed (exit ${result.status ?? result.signal}).`);
  }
}

/** `vite build`: the renderer into out/renderer. */
export function buildRenderer() {
  runBin('vite build', 'vite/bin/vite.js', ['build']);
}

/** The architectures to build: those asked for, else x64 + arm64 for Windows and this machine's elsewhere. */
export function distArchs(args, platform = process.platform, hostArch = process.arch) {
  const asked = ['x64', 'arm64', 'ia32', 'armv7l', 'universal'].filter((arch) => args.includes(`--${arch}`));
  if (asked.length > 0) {
    return asked;
  }
  const forWindows = args.includes('--win') || args.includes('-w') || (platform === 'win32' && !args.includes('--linux') && !args.includes('--mac'));
  return forWindows ? ['x64', 'arm64'] : [hostArch];
}
