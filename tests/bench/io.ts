import { existsSync, readFileSync, statSync } from 'node:fs';

/**
 * Bytes this process caused to be written to storage (Linux `/proc/self/io` `write_bytes`: page-cache pages dirtied
 * for a disk-backed file, counted whether or not the kernel has flushed them yet), and bytes handed to write(2)
 * (`wchar`). Both cover every thread of the process; 0 where /proc is absent, so the bench still runs elsewhere.
 */
export function ioCounters(): { writeBytes: number; wchar: number } {
  if (!existsSync('/proc/self/io')) {
    return { writeBytes: 0, wchar: 0 };
  }
  const fields = new Map(readFileSync('/proc/self/io', 'utf8').split('\n').filter(Boolean).map((line) => line.split(': ') as [string, string]));
  return { writeBytes: Number(fields.get('write_bytes') ?? 0), wchar: Number(fields.get('wchar') ?? 0) };
}

export type Written = { writeBytes: number; wchar: number; seconds: number };

/** What `fn` wrote, measured around it in this process (run nothing else meanwhile). */
export async function measureWrites<T>(fn: () => T | Promise<T>): Promise<{ value: T } & Written> {
  const before = ioCounters();
  const started = performance.now();
  const value = await fn();
  const seconds = (performance.now() - started) / 1000;
  const after = ioCounters();
  return { value, writeBytes: after.writeBytes - before.writeBytes, wchar: after.wchar - before.wchar, seconds };
}

/** Size on disk of a database: the main file and its write-ahead log. */
export function databaseBytes(file: string): { db: number; wal: number } {
  const size = (f: string) => (existsSync(f) ? statSync(f).size : 0);
  return { db: size(file), wal: size(`${file}-wal`) };
}

export const mib = (bytes: number): number => +(bytes / 1024 / 1024).toFixed(1);

/** "123.4 MiB (2.1× the 58.8 MiB it changes)": bytes written beside the data the operation changed. */
export function writtenPerChanged(written: number, changed: number): string {
  return `${mib(written)} MiB (${changed > 0 ? (written / changed).toFixed(1) : '∞'}× the ${mib(changed)} MiB it changes)`;
}
