// Bundles the Electron main process, the sandboxed preload and the CLI to CommonJS with esbuild.
// Usage: node build/scripts/build-main.mjs [--outdir DIR] [--test-hooks]   (default: out/; --test-hooks only for kill tests)
import { renameSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');
const common = { bundle: true, format: 'cjs', logLevel: 'warning', legalComments: 'none', absWorkingDir: ROOT };

// The sources are ESM and some use import.meta.dirname (e.g. to find migrations/ beside them). CommonJS has no
// import.meta, and esbuild would silently leave it empty, so each use is rewritten to the source file's own
// folder, computed from the bundle's __dirname: the bundle then finds the same files the sources would.
function importMetaToCjs(bundleDir) {
  return {
    name: 'import-meta-to-cjs',
    setup(b) {
      b.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (args.path.includes(`${join('node_modules')}`)) {
          return undefined;
        }
        const source = await readFile(args.path, 'utf8');
        if (!source.includes('import.meta')) {
          return undefined;
        }
        const toDir = JSON.stringify(relative(bundleDir, dirname(args.path)));
        const toFile = JSON.stringify(relative(bundleDir, args.path));
        const contents = source
          .replaceAll('import.meta.dirname', `require("node:path").join(__dirname, ${toDir})`)
          .replaceAll('import.meta.filename', `require("node:path").join(__dirname, ${toFile})`)
          .replaceAll('import.meta.url', `require("node:url").pathToFileURL(require("node:path").join(__dirname, ${toFile})).href`);
        return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

// The preload needs the contract's channel names, not its zod schemas (which would make it ~460 KB): the names
// are read from the real contract at build time and the preload's import of it is swapped for a list of them.
async function contractChannels() {
  const result = await build({ ...common, format: 'esm', platform: 'node', write: false, entryPoints: [join(ROOT, 'electron/ipc-contract.ts')] });
  const code = result.outputFiles[0]?.text ?? '';
  const contract = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return Object.keys(contract.invoke);
}

function channelsOnly(channels) {
  const contents = `const channels = new Set(${JSON.stringify(channels)});\nexport function isInvokeChannel(value) { return channels.has(value); }\n`;
  return {
    name: 'contract-channels-only',
    setup(b) {
      b.onResolve({ filter: /[/\\]ipc-contract$/ }, () => ({ path: 'ipc-contract', namespace: 'contract-channels' }));
      b.onLoad({ filter: /.*/, namespace: 'contract-channels' }, () => ({ contents, loader: 'js' }));
    },
  };
}

function nodeOptions(mainDir, testHooks) {
  // Kill tests build with testHooks so db/crash-point.ts can stop the process at a named step; the app never can.
  const define = testHooks ? {} : { 'process.env.PTDV_TEST_CRASH_AT': 'undefined' };
  return { ...common, platform: 'node', target: 'node20', external: ['electron', 'better-sqlite3'], plugins: [importMetaToCjs(mainDir)], define };
}

/**
 * out/main/cli.cjs: run directly (`node cli.cjs …`, as the crash tests do) it runs the command line; required (by
 * electron/cli/bin.mjs, or by the app's main bundle for `ptdv --cli …`) it only exports `main`. Written to a
 * temporary name and renamed, so a CLI started by a parallel test never loads a half-written bundle.
 */
export async function buildCli({ outDir = join(ROOT, 'out'), testHooks = false } = {}) {
  const mainDir = join(outDir, 'main');
  const outfile = join(mainDir, 'cli.cjs');
  const partial = `${outfile}.${process.pid}.tmp`;
  const node = nodeOptions(mainDir, testHooks);
  // The worker threads of `ptdv check --db` (electron/cli/findings-workers.ts), beside the CLI, written first so a
  // CLI never runs without the worker it starts.
  const worker = join(mainDir, 'findings-worker.cjs');
  await build({ ...node, entryPoints: [join(ROOT, 'electron/cli/findings-worker.ts')], outfile: `${worker}.${process.pid}.tmp` });
  renameSync(`${worker}.${process.pid}.tmp`, worker);
  await buildSnapshotWorker(mainDir, node);
  await build({
    ...node,
    // The CLI prints PDFs through playwright-core, which finds its own files beside its package.json and breaks
    // when inlined; it is loaded only when a PDF is asked for (the desktop app prints with Electron instead).
    external: [...node.external, 'playwright-core'],
    stdin: {
      contents:
        "const { main } = require('./electron/cli/main.ts');\nmodule.exports = { main };\n" +
        'if (require.main === module) {\n  void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n}\n',
      resolveDir: ROOT,
      sourcefile: 'cli-entry.js',
      loader: 'js',
    },
    banner: { js: '#!/usr/bin/env node' },
    outfile: partial,
  });
  renameSync(partial, outfile);
  return outfile;
}

/**
 * out/main/snapshot-worker.cjs: the thread a backup takes its snapshot on (db/snapshot.ts), started from whichever
 * bundle runs beside it (the CLI, the app's database worker). Built with the CLI, and before it, so a CLI that can
 * run always finds it; renamed into place like the CLI.
 */
async function buildSnapshotWorker(mainDir, node) {
  const outfile = join(mainDir, 'snapshot-worker.cjs');
  const partial = `${outfile}.${process.pid}.tmp`;
  await build({ ...node, entryPoints: [join(ROOT, 'db/snapshot-worker.ts')], outfile: partial });
  renameSync(partial, outfile);
}

/**
 * Builds out/main/index.cjs, out/main/db-worker.cjs, out/preload/index.cjs, out/main/cli.cjs and
 * out/main/snapshot-worker.cjs under `outDir`.
 */
export async function buildMain({ outDir = join(ROOT, 'out'), testHooks = false } = {}) {
  const mainDir = join(outDir, 'main');
  const node = nodeOptions(mainDir, testHooks);
  const channels = await contractChannels();
  const [, , , cli] = await Promise.all([
    build({ ...node, entryPoints: [join(ROOT, 'electron/main/index.ts')], outfile: join(mainDir, 'index.cjs') }),
    build({ ...node, entryPoints: [join(ROOT, 'electron/main/db-worker-entry.ts')], outfile: join(mainDir, 'db-worker.cjs') }),
    // Sandboxed preloads may require only 'electron' and a few polyfills, so everything else is inlined.
    build({
      ...common,
      platform: 'browser',
      target: 'es2022',
      external: ['electron'],
      plugins: [channelsOnly(channels)],
      entryPoints: [join(ROOT, 'electron/preload/index.ts')],
      outfile: join(outDir, 'preload', 'index.cjs'),
    }),
    buildCli({ outDir, testHooks }),
  ]);
  return { main: join(mainDir, 'index.cjs'), worker: join(mainDir, 'db-worker.cjs'), snapshot: join(mainDir, 'snapshot-worker.cjs'), preload: join(outDir, 'preload', 'index.cjs'), cli };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const { values } = parseArgs({ options: { outdir: { type: 'string' }, 'test-hooks': { type: 'boolean' } } });
  const built = await buildMain({ ...(values.outdir ? { outDir: resolve(values.outdir) } : {}), testHooks: values['test-hooks'] ?? false });
  console.log(`Đã đóng gói / built:\n  ${Object.values(built).map((p) => relative(process.cwd(), p)).join('\n  ')}`);
}
