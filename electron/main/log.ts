import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type Log = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, err?: unknown): void;
  /** The current log file, named in error dialogs so the user can send it to whoever supports them. */
  readonly file: string;
};

export type LogOptions = {
  /** Rotate when the current file would pass this size (bytes). */
  maxBytes?: number;
  /** How many rotated files to keep beside the current one (main.1.log is the newest). */
  keep?: number;
  now?: () => Date;
  home?: string;
};

/**
 * What may go into the log: the error's kind and where it happened. Messages of unexpected errors can quote data
 * (a name in a constraint failure, a path under the user's profile), so the user's home folder is replaced by ~
 * and every line is capped; the IPC inputs themselves are never logged.
 */
export function describeError(err: unknown, home = homedir()): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  const scrubbed = home.length > 1 ? text.split(home).join('~') : text;
  return scrubbed.length > 4000 ? `${scrubbed.slice(0, 4000)}…` : scrubbed;
}

/**
 * A small rotating log under the user-data folder. A Windows GUI app has no console, so without this every error
 * of the main process would be lost. Writing never throws: a full disk must not turn a logged error into a crash.
 */
export function createLog(dir: string, options: LogOptions = {}): Log {
  const { maxBytes = 1_000_000, keep = 3, now = () => new Date(), home = homedir() } = options;
  const file = join(dir, 'main.log');
  const rotated = (n: number) => join(dir, `main.${n}.log`);

  function rotate(): void {
    rmSync(rotated(keep), { force: true });
    for (let n = keep - 1; n >= 1; n--) {
      if (existsSync(rotated(n))) {
        renameSync(rotated(n), rotated(n + 1));
      }
    }
    renameSync(file, rotated(1));
  }

  function write(level: string, message: string): void {
    const line = `${now().toISOString()} ${level} ${message.split(home).join('~').replaceAll('\n', '\n    ')}\n`;
    try {
      mkdirSync(dir, { recursive: true });
      if (existsSync(file) && statSync(file).size + Buffer.byteLength(line) > maxBytes) {
        rotate();
      }
      appendFileSync(file, line);
    } catch {
      // Nowhere left to report it; the app goes on.
    }
  }

  return {
    file,
    info: (message) => write('INFO', message),
    warn: (message) => write('WARN', message),
    error: (message, err) => write('ERROR', err === undefined ? message : `${message}: ${describeError(err, home)}`),
  };
}
