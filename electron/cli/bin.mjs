#!/usr/bin/env node
// The `ptdv` command in the project (`npx ptdv …`): runs the bundled CLI, out/main/cli.cjs, the same file the
// installed app runs. Compiling TypeScript at every start cost seconds; a stat of the sources costs milliseconds.
// When the bundle is missing (a fresh clone) or older than a source, esbuild rebuilds it first (about a second).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const BUNDLE = join(ROOT, 'out/main/cli.cjs');
// Everything the CLI bundle is made from; migrations are read at run time, not bundled.
const SOURCES = ['electron', 'db', 'package.json', 'build/scripts/build-main.mjs'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) {
    return stat.mtimeMs;
  }
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) {
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

function stale() {
  // The snapshot worker a backup starts is built with the CLI; a bundle from before it existed lacks it.
  if (!existsSync(BUNDLE) || !existsSync(join(ROOT, 'out/main/snapshot-worker.cjs'))) {
    return true;
  }
  const built = statSync(BUNDLE).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(ROOT, source)) > built);
}

if (stale()) {
  const { buildCli } = await import('../../build/scripts/build-main.mjs');
  await buildCli();
}
const { main } = createRequire(import.meta.url)(BUNDLE);
process.exitCode = await main(process.argv.slice(2));
