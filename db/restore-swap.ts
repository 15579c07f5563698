import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { syncFolder, writeFileAtomic } from './atomic';
import { crashPoint } from './crash-point';
import { DbError } from './errors';
import { holdExclusive } from './lock';

/**
 * The file swap of a restore, made crash-safe with a journal. Before the first rename, `<db>.dang-khoi-phuc.json`
 * lists every rename in order (old database, its WAL and key moved aside; the checked backup and its key moved in).
 * A rename is atomic, so after a crash each listed rename is either done or not; whoever opens the data folder next
 * replays the list (`finishInterruptedRestore`), and a database and its key are again under their names.
 *
 * Replaying is always possible: the journal is written only after the incoming files are complete on disk, and a
 * step is redone exactly when its source exists and its target does not (each target is a fresh name, or a name the
 * earlier steps have already emptied).
 */
const journalSchema = z.strictObject({
  format: z.literal('ptdv.restore-journal/1'),
  /** File names inside the database's folder, so a copied folder still repairs itself. */
  steps: z.array(z.strictObject({ name: z.string(), from: z.string(), to: z.string() })),
});
export type SwapStep = z.infer<typeof journalSchema>['steps'][number];

export function journalPath(dbFile: string): string {
  return `${dbFile}.dang-khoi-phuc.json`;
}

/** Incoming files of a restore are staged under this prefix; left over only if a restore died before its journal. */
export function stagedPrefix(dbFile: string): string {
  return `${basename(dbFile)}.dang-nhan-`;
}

function replay(dbFile: string, steps: SwapStep[]): void {
  const dir = dirname(dbFile);
  for (const step of steps) {
    const from = join(dir, step.from);
    const to = join(dir, step.to);
    if (existsSync(from) && !existsSync(to)) {
      renameSync(from, to);
      syncFolder(dir);
    }
    crashPoint(`swap:${step.name}`);
  }
}

/**
 * What a killed restore can leave that no journal refers to: staged incoming files (killed while checking the
 * backup), and a journal still under its temporary name (killed while writing it, before any file moved).
 */
function isStray(dbFile: string, name: string): boolean {
  return name.startsWith(stagedPrefix(dbFile)) || name.startsWith(`${basename(journalPath(dbFile))}.tmp-`);
}

/** Removes what {@link isStray} names. Needs the exclusive lock. */
function removeStrayStaging(dbFile: string): void {
  const dir = dirname(dbFile);
  for (const name of readdirSync(dir)) {
    if (isStray(dbFile, name)) {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/**
 * Moves the files named in `steps` (old ones aside, new ones in) under the journal. The caller holds the exclusive
 * lock and has made the incoming files durable.
 */
export function swapFiles(dbFile: string, steps: SwapStep[]): void {
  writeFileAtomic(journalPath(dbFile), JSON.stringify({ format: 'ptdv.restore-journal/1', steps }, null, 2));
  crashPoint('swap:journal-written');
  replay(dbFile, steps);
  rmSync(journalPath(dbFile));
  syncFolder(dirname(dbFile));
  crashPoint('swap:journal-removed');
}

/**
 * Finishes a restore that was interrupted (a crash, a power cut) and clears what a killed restore left behind. The
 * caller holds the exclusive lock. Returns true when an interrupted swap was finished.
 */
export function repairUnderLock(dbFile: string): boolean {
  const path = journalPath(dbFile);
  if (!existsSync(path)) {
    removeStrayStaging(dbFile);
    return false;
  }
  const parsed = journalSchema.safeParse(safeJson(readFileSync(path, 'utf8')));
  // The journal is written atomically, so a damaged one was not written by ptdv; acting on it could move the wrong
  // files, so it and the files it may name stay for a person to look at, and the database is opened as it is.
  if (!parsed.success) {
    return false;
  }
  replay(dbFile, parsed.data.steps);
  rmSync(path);
  syncFolder(dirname(dbFile));
  removeStrayStaging(dbFile);
  return true;
}

/** At every open of the data folder (app and CLI): takes the exclusive lock only when there is something to repair. */
export function finishInterruptedRestore(dbFile: string, nativeBinding?: string): boolean {
  if (!existsSync(dirname(dbFile))) {
    return false;
  }
  const pending = existsSync(journalPath(dbFile)) || readdirSync(dirname(dbFile)).some((n) => isStray(dbFile, n));
  if (!pending) {
    return false;
  }
  let lock;
  try {
    lock = holdExclusive(dbFile, nativeBinding);
  } catch (err) {
    // Busy means a restore is running elsewhere (it holds the lock), or another window is repairing right now.
    // Leftover staging alone is harmless, but with a journal the files may be half swapped: do not open them.
    if (err instanceof DbError && err.code === 'DB_IN_USE' && !existsSync(journalPath(dbFile))) {
      return false;
    }
    if (err instanceof DbError && err.code === 'DB_IN_USE') {
      throw new DbError('conflict', 'Đang khôi phục dữ liệu từ bản sao lưu ở một cửa sổ hoặc lệnh ptdv khác. Hãy chờ xong rồi mở lại.', 'DB_RESTORING');
    }
    throw err;
  }
  try {
    return repairUnderLock(dbFile);
  } finally {
    lock.release();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** The databases a restore moved aside (`<db>.truoc-khoi-phuc-…`), oldest name first; their keys sit beside them. */
export function movedAsideCopies(dbFile: string): string[] {
  const dir = dirname(dbFile);
  if (!existsSync(dir)) {
    return [];
  }
  const prefix = `${basename(dbFile)}.truoc-khoi-phuc-`;
  return readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && !/(\.key|-wal|-shm)$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}
