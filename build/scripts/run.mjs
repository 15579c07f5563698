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
