// npm's `postinstall` of this project: puts `ptdv` into node_modules/.bin, where `npx ptdv` finds it the way it
// finds `npx esbuild`. A `bin` entry in package.json would instead make npx treat ptdv as a package to install
// from this folder (a walk over all of node_modules, a second or more at every start).
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const binDir = join(ROOT, 'node_modules', '.bin');

// A small CommonJS shim rather than a link: a git worktree that shares this node_modules runs its own sources.
const SHIM = `#!/usr/bin/env node
// Written by build/scripts/link-bin.mjs (npm's postinstall). Runs electron/cli/bin.mjs of the checkout the command
// is typed in (a git worktree sharing this node_modules has its own), else of the project this folder belongs to.
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
let bin = join(__dirname, '..', '..', 'electron', 'cli', 'bin.mjs');
for (let dir = process.cwd(); ; dir = dirname(dir)) {
  if (existsSync(join(dir, 'electron', 'cli', 'bin.mjs')) && existsSync(join(dir, 'package.json'))) {
    bin = join(dir, 'electron', 'cli', 'bin.mjs');
    break;
  }
  if (dirname(dir) === dir) {
    break;
  }
}
void import(pathToFileURL(bin).href);
`;

mkdirSync(binDir, { recursive: true });
const shim = join(binDir, 'ptdv');
rmSync(shim, { force: true });
writeFileSync(shim, SHIM);
chmodSync(shim, 0o755);
if (process.platform === 'win32') {
  writeFileSync(join(binDir, 'ptdv.cmd'), '@node "%~dp0ptdv" %*\r\n');
}
