import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../errors';
import { bundleError, CORRUPT_GZIP } from './errors';
import { formatBytes } from '../../model/format';

/**
 * gzip a piece at a time without leaving synchronous code. A snapshot is applied inside one database transaction,
 * which cannot wait for node's asynchronous zlib streams, and node has no synchronous streaming zlib.
 */

const MiB = 1024 * 1024;
/** Input compressed as one gzip member: large enough that restarting the dictionary costs nothing measurable. */
const MEMBER_BYTES = MiB;

/**
 * Compresses what is written to it as consecutive gzip members of {@link MEMBER_BYTES} of input each. Concatenated
 * members are one valid gzip stream (RFC 1952 §2.2) to gzip, tar and every earlier ptdv.
 */
export class GzipWriter {
  private pending: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly out: (chunk: Uint8Array) => void) {}

  write(chunk: Uint8Array): void {
    this.pending.push(chunk);
    this.size += chunk.length;
    if (this.size >= MEMBER_BYTES) {
      this.flush();
    }
  }

  end(): void {
    this.flush();
  }

  private flush(): void {
    this.out(new Uint8Array(gzipSync(Buffer.concat(this.pending), { level: constants.Z_DEFAULT_COMPRESSION })));
    this.pending = [];
    this.size = 0;
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];
/** deflate expands at most 1032-fold, so a payload this small inflates to at most 264 MB: done at once. */
const INFLATE_AT_ONCE = 256 * 1024;

/**
 * The worker that inflates a large payload a piece at a time: the caller blocks on {@link Atomics.wait} while it
 * works, so inflating looks synchronous to the caller. One per process, created on first use, never keeping the
 * process alive.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { createGunzip } = require('node:zlib');
const { port, signal } = workerData;
const flag = new Int32Array(signal);
let source = null;
port.on('message', async (message) => {
  let reply;
  try {
    if (message.stop) {
      // The caller read what it needed: the rest of the payload and the inflater's buffers are let go now.
      const stopped = source;
      source = null;
      if (stopped) await stopped.return();
      reply = { done: true };
    } else if (message.input) {
      const gunzip = createGunzip();
      gunzip.end(message.input);
      source = gunzip[Symbol.asyncIterator]();
      reply = { ready: true };
    } else {
      const chunks = [];
      let size = 0;
      let done = false;
      while (size < ${MiB}) {
        const next = await source.next();
        if (next.done) {
          done = true;
          break;
        }
        chunks.push(next.value);
        size += next.value.length;
      }
      reply = { chunk: Buffer.concat(chunks), done };
    }
  } catch (error) {
    source = null;
    reply = { error: String((error && error.message) || error) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

type Reply = { ready?: true; chunk?: Uint8Array; done?: boolean; error?: string };
type Inflater = { port: MessagePort; flag: Int32Array };
let inflater: Inflater | null = null;
/** A worker that answers nothing for this long has died; nothing legitimate takes a minute per megabyte. */
const WORKER_TIMEOUT_MS = 120_000;

function call(message: { input?: Uint8Array; next?: true; stop?: true }, transfer: ArrayBuffer[] = []): Reply {
  if (!inflater) {
    const { port1, port2 } = new MessageChannel();
    const signal = new SharedArrayBuffer(4);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { port: port2, signal }, transferList: [port2] });
    worker.unref();
    port1.unref();
    inflater = { port: port1, flag: new Int32Array(signal) };
  }
  const { port, flag } = inflater;
  Atomics.store(flag, 0, 0);
  port.postMessage(message, transfer);
  if (Atomics.wait(flag, 0, 0, WORKER_TIMEOUT_MS) === 'timed-out') {
    inflater = null;
    throw new AppError('internal', 'Không giải nén được gói: tiến trình phụ không trả lời.');
  }
  return (receiveMessageOnPort(port)?.message ?? { error: 'không có trả lời' }) as Reply;
}

const tooLarge = (maxBytes: number) => bundleError('TAR_TOO_LARGE', `tối đa ${formatBytes(maxBytes)} sau khi giải nén`);

/**
 * Hands `emit` the archive inside a decrypted bundle a piece at a time: a gzip-compressed one inflated (refused past
 * `maxBytes` with TAR_TOO_LARGE, corrupt with TAR_INVALID), a bare one (files written before compression) as is. A
 * large payload that fills its own buffer is handed over to the worker, and is unusable afterwards. `emit` returning
 * false stops the inflating there: the rest is never read.
 */
export function inflateChunks(payload: Uint8Array, maxBytes: number, emit: (chunk: Uint8Array) => unknown): void {
  if (payload[0] !== GZIP_MAGIC[0] || payload[1] !== GZIP_MAGIC[1]) {
    emit(payload);
    return;
  }
  if (payload.length <= INFLATE_AT_ONCE) {
    emit(inflateAtOnce(payload, maxBytes));
    return;
  }
  // The worker takes the payload's memory rather than a copy: the caller decrypts it afresh for each read.
  const started = call({ input: payload }, payload.byteOffset === 0 && payload.byteLength === payload.buffer.byteLength ? [payload.buffer as ArrayBuffer] : []);
  let total = 0;
  let finished = false;
  try {
    for (let reply = started; !reply.done; ) {
      if (reply.error !== undefined) {
        throw bundleError('TAR_INVALID', CORRUPT_GZIP);
      }
      reply = call({ next: true });
      if (reply.chunk && reply.chunk.length > 0) {
        total += reply.chunk.length;
        if (total > maxBytes) {
          throw tooLarge(maxBytes);
        }
        if (emit(new Uint8Array(reply.chunk.buffer, reply.chunk.byteOffset, reply.chunk.length)) === false) {
          return;
        }
      }
    }
    finished = true;
  } finally {
    // Stopped early (by `emit`, a limit or a corrupt stream): the worker would otherwise hold the payload until the next bundle.
    if (!finished && inflater) {
      call({ stop: true });
    }
  }
}

function inflateAtOnce(payload: Uint8Array, maxBytes: number): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(payload, { maxOutputLength: maxBytes }));
  } catch (error) {
    if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw tooLarge(maxBytes);
    }
    throw bundleError('TAR_INVALID', CORRUPT_GZIP);
  }
}
