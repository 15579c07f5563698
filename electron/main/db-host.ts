import type { PdfRenderer } from '../core/pdf-port';
import type { Dispatch } from '../ipc/dispatcher';
import type { HostPorts } from '../ipc/handlers';
import type { Failure, Result } from '../ipc-contract';
import type { Log } from './log';

/**
 * The database, key derivation, imports and report building run in a worker thread (electron/main/db-worker.ts),
 * so a passphrase check or a batch of 500 bundles never freezes the window's event loop in main. Main keeps what
 * needs Electron: the dialogs (which grant paths) and printing to PDF; the worker asks for them by message.
 */

/** `actor` names who wrote, in the audit log: the desktop app unless the web host says otherwise. */
/** `today`: fixes the day (the web host under PTDV_TODAY); the desktop app always runs on the real day. */
export type WorkerConfig = { dataDir: string; migrationsDir: string; nativeBinding?: string; hasPdf: boolean; actor?: string; today?: string };

export type PortName = 'choosePath' | 'chooseFiles' | 'chooseFolder' | 'htmlToPdf';

export type ToWorker =
  | { type: 'call'; id: number; channel: string; raw: unknown }
  | { type: 'port-result'; id: number; ok: true; value: unknown }
  | { type: 'port-result'; id: number; ok: false; message: string }
  | { type: 'close' };

export type FromWorker =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'port'; id: number; name: PortName; input: unknown }
  | { type: 'log'; message: string }
  | { type: 'closed' };

/** The part of node:worker_threads' Worker used here. */
export type WorkerLike = {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker) => void): unknown;
  on(event: 'error', listener: (err: Error) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  terminate(): Promise<number>;
};

const WORKER_LOST: Failure = {
  ok: false,
  error: {
    kind: 'internal',
    message: 'Bộ xử lý dữ liệu của ptdv vừa gặp sự cố nên thao tác chưa hoàn tất; dữ liệu đã lưu không bị ảnh hưởng. Hãy mở khóa lại và thử lại.',
  },
};

export type DbHost = { dispatch: Dispatch; close(): Promise<void> };

/**
 * Starts the worker on first use and again after it died (its calls in flight fail with a Vietnamese message and
 * the database is locked again, as after a restart).
 */
export function startDbHost(spawn: () => WorkerLike, ports: HostPorts & { pdf?: PdfRenderer }, log: Log): DbHost {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, (result: Result<unknown>) => void>();

  async function answerPort(w: WorkerLike, id: number, name: PortName, input: unknown): Promise<void> {
    try {
      const value =
        name === 'htmlToPdf'
          ? await ports.pdf?.htmlToPdf(input as string)
          : name === 'chooseFiles'
            ? await ports.chooseFiles?.(input as Parameters<NonNullable<HostPorts['chooseFiles']>>[0])
            : name === 'chooseFolder'
              ? await ports.chooseFolder?.(input as Parameters<NonNullable<HostPorts['chooseFolder']>>[0])
              : await ports.choosePath(input as Parameters<HostPorts['choosePath']>[0]);
      w.postMessage({ type: 'port-result', id, ok: true, value });
    } catch (err) {
      log.error(`${name} failed`, err);
      w.postMessage({ type: 'port-result', id, ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  }

  function current(): WorkerLike {
    if (worker) {
      return worker;
    }
    const w = spawn();
    worker = w;
    w.on('message', (message) => {
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'port') {
        void answerPort(w, message.id, message.name, message.input);
      } else if (message.type === 'log') {
        log.error(message.message);
      }
    });
    w.on('error', (err) => log.error('database worker error', err));
    w.on('exit', (code) => {
      if (worker === w) {
        worker = null;
      }
      if (pending.size > 0) {
        log.error(`database worker exited (code ${code}) with ${pending.size} call(s) in flight`);
      }
      for (const resolve of pending.values()) {
        resolve(WORKER_LOST);
      }
      pending.clear();
    });
    return w;
  }

  return {
    dispatch: (channel, raw) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        current().postMessage({ type: 'call', id, channel, raw });
      }),
    async close() {
      const w = worker;
      if (!w) {
        return;
      }
      worker = null;
      await new Promise<void>((resolve) => {
        w.on('exit', () => resolve());
        w.on('message', (message) => message.type === 'closed' && void w.terminate());
        w.postMessage({ type: 'close' });
      });
    },
  };
}
