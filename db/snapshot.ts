import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DEFAULT_BUSY_TIMEOUT_MS, type Database } from './client';
import type { SnapshotJob, SnapshotReply } from './snapshot-worker';

/** How often the size of the snapshot being written is looked at: the screen asks every 100 ms. */
const POLL_MS = 50;

/**
 * Starts the worker. In a bundle (out/main/*.cjs, inside app.asar when packaged) esbuild leaves `__filename` to the
 * bundle that runs, and the worker is its own bundle beside it. The sources run as ES modules (tsx, vitest) and the
 * worker is the source beside this file; a thread gets no TypeScript loader from its parent (Node 20 runs `--import`
 * hooks in the main thread only), so it first registers tsx's require hook, then requires the source.
 */
function startWorker(workerData: SnapshotJob): Worker {
  if (typeof __filename === 'string' && __filename.endsWith('.cjs')) {
    return new Worker(join(dirname(__filename), 'snapshot-worker.cjs'), { workerData });
  }
  const require = createRequire(import.meta.url);
  const source = fileURLToPath(new URL('./snapshot-worker.ts', import.meta.url));
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();\nrequire(${JSON.stringify(source)});\n`;
  return new Worker(code, { eval: true, workerData });
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Writes a consistent, compacted copy of an open database to `out` (`VACUUM INTO`, encrypted with the same key) on a
 * worker thread, so this thread keeps answering meanwhile; `onBytes` hears the bytes written so far against the
 * size expected (the pages in use now), as the file grows. Resolves with the copy's size.
 */
export async function snapshotDatabase(database: Database, out: string, onBytes: (done: number, total: number) => void): Promise<number> {
  const pragma = (name: string) => Number(database.sqlite.pragma(name, { simple: true }));
  const expected = (pragma('page_count') - pragma('freelist_count')) * pragma('page_size');
  onBytes(0, expected);
  const job: SnapshotJob = {
    file: database.file,
    out,
    dataKey: database.dataKey,
    busyTimeoutMs: DEFAULT_BUSY_TIMEOUT_MS,
    ...(database.nativeBinding ? { nativeBinding: database.nativeBinding } : {}),
  };
  const worker = startWorker(job);
  let seen = 0;
  const timer = setInterval(() => {
    const size = Math.min(sizeOf(out), expected);
    if (size !== seen) {
      seen = size;
      onBytes(size, expected);
    }
  }, POLL_MS);
  try {
    const reply = await new Promise<SnapshotReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the snapshot worker ended (code ${code}) without an answer`)));
    });
    if (!reply.ok) {
      // The code (SQLITE_FULL, SQLITE_IOERR…) travels so the caller can say in Vietnamese what went wrong.
      throw Object.assign(new Error(reply.message), reply.code ? { code: reply.code } : {});
    }
  } finally {
    clearInterval(timer);
  }
  const size = sizeOf(out);
  onBytes(size, size);
  return size;
}
