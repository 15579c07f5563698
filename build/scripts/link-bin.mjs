// npm's `postinstall` of this project: puts `ptdv` into node_modules/.bin, where `npx ptdv` finds it the way it
// finds `npx esbuild`. A `bin` entry in package.json would instead make npx treat ptdv as a package to install
// from this folder (a walk over all of node_modules, a second or more at every start).
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const binDir = join(ROOT, 'node_modules', '.bin');
const target = join(ROOT, 'electron', 'cli', 'bin.mjs');

mkdirSync(binDir, { recursive: true });
if (process.platform === 'win32') {
  writeFileSync(join(binDir, 'ptdv.cmd'), `@node "%~dp0\\${relative(binDir, target)}" %*\r\n`);
} else {
  const link = join(binDir, 'ptdv');
  rmSync(link, { force: true });
  symlinkSync(relative(binDir, target), link);
}
