import { join } from 'node:path';
import { build } from 'vite';
import { REPO, requireChromium } from './harness';

/** Builds the renderer once for all browser tests; the web host serves out/renderer. */
export async function setup(): Promise<void> {
  requireChromium();
  await build({ configFile: join(REPO, 'vite.config.ts'), root: join(REPO, 'renderer'), logLevel: 'warn' });
}
