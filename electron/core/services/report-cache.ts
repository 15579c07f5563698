import type { Db } from '../../../db/types';
import { changeStamp, connectionOf, type ChangeStamp } from '../store/changes';

/**
 * Memo of derived report data per open database. A superior's 50,000 candidates take seconds to read from the
 * encrypted file and about half a second to count, while the dashboard must answer at once and the data changes
 * only when a bundle or an edit arrives. Any write invalidates everything (`changeStamp`).
 * Values are shared between callers and must be treated as read-only. A computation may fill the findings store
 * (a cache the database invalidates itself, not data): what it wrote itself does not make it, nor the values computed
 * before it, out of date.
 */

type Memo = { stamp: ChangeStamp; entries: Map<string, unknown> };

/** Enough for a year, its quarters and the dashboard, without keeping stale copies of 50,000 dossiers around. */
const MAX_ENTRIES = 12;

const memos = new WeakMap<object, Memo>();

const same = (a: ChangeStamp, b: ChangeStamp) => a.changes === b.changes && a.version === b.version;

/** The value stored under `key` if it is still current for the database as it is now; never computes anything. */
export function peekMemo<T>(db: Db, key: string): T | undefined {
  const memo = memos.get(connectionOf(db));
  return memo && same(memo.stamp, changeStamp(db)) ? (memo.entries.get(key) as T | undefined) : undefined;
}

/** The value stored under `key` for the database as it is now, computing it when absent or out of date. */
export function memoized<T>(db: Db, key: string, compute: () => T): T {
  const stamp = changeStamp(db);
  let memo = memos.get(connectionOf(db));
  if (!memo || !same(memo.stamp, stamp)) {
    memo = { stamp, entries: new Map() };
    memos.set(connectionOf(db), memo);
  }
  if (memo.entries.has(key)) {
    return memo.entries.get(key) as T;
  }
  const value = compute();
  const after = changeStamp(db);
  // Only this connection wrote meanwhile (compute runs synchronously), and only to fill the findings store.
  if (after.version === stamp.version) {
    memo.stamp = after;
  }
  memo.entries.set(key, value);
  if (memo.entries.size > MAX_ENTRIES) {
    const oldest = memo.entries.keys().next().value;
    if (oldest !== undefined) {
      memo.entries.delete(oldest);
    }
  }
  return value;
}
