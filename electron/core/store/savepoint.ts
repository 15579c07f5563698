import type { Db } from '../../../db/types';
import { AppError } from '../errors';

/**
 * Applies one received record in a savepoint of the caller's transaction: when it is refused (an AppError, or its
 * ids clash with rows already here) its half-written rows are undone and the reason returned, so the record can be
 * quarantined while the rest of the bundle applies. Anything else is a bug and aborts the whole import.
 */
export function inSavepoint<T>(db: Db, apply: () => T): { ok: true; value: T } | { ok: false; reason: string } {
  try {
    return { ok: true, value: db.transaction(apply) };
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, reason: error.message.slice(0, 1000) };
    }
    if ((error as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
      return { ok: false, reason: 'mã bản ghi trùng với dữ liệu đã có' };
    }
    throw error;
  }
}
