import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Database } from '../../db/client';
import { AppError } from '../core/errors';
import type { CheckedChunk, ParallelCheck } from '../core/services/check-service';
import type { PresentedChunk } from './check-output';
import type { FindingsRequest, FindingsWorkerData } from './findings-worker';

/**
 * Worker threads for `ptdv check --db`: each reads and evaluates chunks of candidates on its own connection while
 * the command's thread stores the findings and prints. Reading the dossiers and evaluating them is most of a first
 * check of the day, and it spreads over every core.
 */

/** The worker's bundle, beside the CLI's (build-main.mjs); run from the sources there is none, and checks stay in-thread. */
const WORKER_FILE = typeof __dirname === 'string' ? join(__dirname, 'findings-worker.cjs') : '';

/** Below this many rowids the pass is over before the threads would have started. */
const MIN_ROWIDS = 10_000;

/**
 * Young-generation room per worker: a chunk's dossiers are alive while it is evaluated, and with the default room
 * most of the worker's time went into copying them between collections.
 */
const YOUNG_MB = 64;

type Chunk = CheckedChunk<PresentedChunk>;

export type FindingsWorkers = ParallelCheck<PresentedChunk> & { close(): Promise<void> };

export type WorkerOptions = {
  /** Where better-sqlite3's native module is, inside the app (PTDV_NATIVE_BINDING). */
  nativeBinding?: string;
  /**
   * How many threads (PTDV_CHECK_WORKERS): 0 for none; when set, used however small the pass, and failing to start
   * them is an error. By default one per core (at most 4) when the machine has two or more and the pass is large.
   */
  threads?: number;
};

/** Workers for a pass over `lastRowid` rowids of `database` on `day`, or null when the pass is checked in-thread. */
export function findingsWorkers(database: Database, day: string, json: boolean, pass: { unitCodes: readonly string[]; lastRowid: number }, options: WorkerOptions = {}): FindingsWorkers | null {
  const count = options.threads ?? (pass.lastRowid < MIN_ROWIDS ? 0 : Math.min(availableParallelism(), 4));
  if (count < (options.threads === undefined ? 2 : 1)) {
    return null;
  }
  if (WORKER_FILE === '' || !existsSync(WORKER_FILE)) {
    if (options.threads !== undefined) {
      throw new AppError('internal', `Không tìm thấy tệp luồng kiểm tra ${WORKER_FILE || 'findings-worker.cjs'} bên cạnh ptdv.`);
    }
    return null;
  }
  const workerData: FindingsWorkerData = { file: database.file, dataKey: new Uint8Array(database.dataKey), day, json, unitCodes: [...pass.unitCodes], ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
  const waiting = new Map<number, { resolve(chunk: Chunk): void; reject(err: Error): void }>();
  const busy = new Map<Worker, number>();
  const fail = (err: Error) => {
    for (const { reject } of waiting.values()) {
      reject(err);
    }
    waiting.clear();
  };
  const exited = new Map<Worker, Promise<void>>();
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(WORKER_FILE, { workerData, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    busy.set(worker, 0);
    exited.set(worker, new Promise((resolve) => worker.once('exit', () => resolve())));
    worker.on('message', (answer: { id: number; chunk?: Chunk; error?: string }) => {
      busy.set(worker, (busy.get(worker) ?? 1) - 1);
      const task = waiting.get(answer.id);
      waiting.delete(answer.id);
      if (answer.chunk) {
        task?.resolve(answer.chunk);
      } else {
        task?.reject(new Error(answer.error));
      }
    });
    worker.on('error', fail);
    return worker;
  });
  let ids = 0;
  return {
    // Three chunks per worker: while this thread stores a batch (several chunks' findings), workers go on.
    inFlight: count * 3,
    check: (after, upTo) =>
      new Promise<Chunk>((resolve, reject) => {
        const id = ids++;
        waiting.set(id, { resolve, reject });
        const worker = workers.reduce((a, b) => ((busy.get(b) ?? 0) < (busy.get(a) ?? 0) ? b : a));
        busy.set(worker, (busy.get(worker) ?? 0) + 1);
        worker.postMessage({ id, after, upTo } satisfies FindingsRequest);
      }),
    close: async () => {
      for (const worker of workers) {
        worker.postMessage({ close: true } satisfies FindingsRequest);
      }
      await Promise.all(exited.values());
    },
  };
}
