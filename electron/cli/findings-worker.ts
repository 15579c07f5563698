import { parentPort, workerData } from 'node:worker_threads';
import { openReader } from '../../db/client';
import { chunkChecker } from '../core/services/check-service';
import { presentChunk } from './check-output';

/**
 * A worker thread of `ptdv check --db` (findings-workers.ts): reads, evaluates and lays out the chunks it is sent on
 * a connection of its own, and answers each with its text and the findings to store. It never writes.
 */
export type FindingsWorkerData = { file: string; dataKey: Uint8Array; nativeBinding?: string; day: string; unitCodes: string[]; json: boolean };
export type FindingsRequest = { id: number; after: number; upTo: number } | { close: true };

const data = workerData as FindingsWorkerData;
const reader = openReader(data.file, Buffer.from(data.dataKey), data.nativeBinding);
const checker = chunkChecker(reader.db, data.day, data.unitCodes, (rows) => presentChunk(rows, data.json));

parentPort?.on('message', (request: FindingsRequest) => {
  if ('close' in request) {
    reader.close();
    parentPort?.close();
    return;
  }
  try {
    parentPort?.postMessage({ id: request.id, chunk: checker.check(request.after, request.upTo) });
  } catch (err) {
    parentPort?.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) });
  }
});
