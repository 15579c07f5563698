import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerConfig } from './db-host';
import { runDbWorker } from './db-worker';

// Bundled to out/main/db-worker.cjs and started by main (electron/main/index.ts) as a worker thread.
if (parentPort) {
  runDbWorker(parentPort, workerData as WorkerConfig);
}
