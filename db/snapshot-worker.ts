import { parentPort, workerData } from 'node:worker_threads';
import Sqlite from 'better-sqlite3';
import { applyDataKey } from './cipher';

/** What db/snapshot.ts asks of this worker: a `VACUUM INTO` of `file` (opened with `dataKey`) to `out`. */
export type SnapshotJob = { file: string; out: string; dataKey: Uint8Array; nativeBinding?: string; busyTimeoutMs: number };
export type SnapshotReply = { ok: true } | { ok: false; message: string; code?: string };

// Bundled to out/main/snapshot-worker.cjs (build/scripts/build-main.mjs); run from source through tsx in tests.
// Its own connection reads a consistent state of the database while the thread that started it keeps answering.
if (parentPort) {
  const job = workerData as SnapshotJob;
  let reply: SnapshotReply;
  try {
    const sqlite = new Sqlite(job.file, { readonly: true, timeout: job.busyTimeoutMs, ...(job.nativeBinding ? { nativeBinding: job.nativeBinding } : {}) });
    try {
      applyDataKey(sqlite, job.dataKey);
      sqlite.prepare('VACUUM INTO ?').run(job.out);
    } finally {
      sqlite.close();
    }
    reply = { ok: true };
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    reply = { ok: false, message: err instanceof Error ? err.message : String(err), ...(typeof code === 'string' ? { code } : {}) };
  }
  parentPort.postMessage(reply);
}
