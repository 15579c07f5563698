import type { DbOrTx } from '../../../db/types';
import { AppError } from '../errors';
import { decisionSchema } from '../model/bundle-data';
import type { QuarantineEntry, RetryResult } from '../model/sync';
import { audit, type ServiceContext } from './context';
import { applyDecision, applyRulebook } from './directive-apply';
import { checkerFor, freshSeen, insertRecord } from './mirror-apply';
import { inSavepoint } from '../store/savepoint';
import { countQuarantine, quarantinedPayload, resolveQuarantined, selectQuarantine, setQuarantineReason, unresolvedQuarantineRow, type QuarantineRow } from '../store/quarantine';
import { getUnit } from '../store/units';
import { inLedger, ledgerIds } from '../store/mirror';

/**
 * Quarantined records (docs/bundle-format.md: "visible, re-tryable"): a record of a received bundle that failed a semantic
 * check, kept with its reason. Re-trying runs today's checks again (after an update fixed a bug, or the unit's
 * missing person arrived) and applies the record if they pass.
 */

type Row = QuarantineRow;

/** Rows one call returns at most: a unit's bad export must never travel or render whole. */
export const QUARANTINE_PAGE_MAX = 500;

export type QuarantinePage = { offset?: number; limit?: number };

/** A page of unresolved quarantined records (of one sender, or all), oldest first; 100 rows unless asked. */
export function listQuarantine(db: DbOrTx, fromCode?: string, page: QuarantinePage = {}): QuarantineEntry[] {
  const limit = Math.min(Math.max(page.limit ?? 100, 1), QUARANTINE_PAGE_MAX);
  return selectQuarantine(db, fromCode, limit, Math.max(page.offset ?? 0, 0));
}

/** A page of the quarantine list with how many unresolved records there are in all (for the pager). */
export function quarantinePage(db: DbOrTx, fromCode: string | undefined, page: QuarantinePage): { total: number; rows: QuarantineEntry[] } {
  const total = countQuarantine(db, fromCode);
  return { total, rows: listQuarantine(db, fromCode, page) };
}

/** Applies one record of a unit's snapshot to its mirror; returns the reason when it still fails. */
function retryMirrorRecord(ctx: ServiceContext, row: Row): string | null {
  const kind = row.recordKind as 'candidate' | 'member' | 'target' | 'frozen-report';
  const verdict = checkerFor(row.fromCode, kind, freshSeen())(quarantinedPayload(row));
  if (!verdict.ok) {
    return verdict.reason;
  }
  const id = (verdict.value.record as { id: string }).id;
  if (inLedger(ctx.db, row.fromCode, kind, id)) {
    return `mã bản ghi ${id} đã có trong dữ liệu của đơn vị`;
  }
  insertRecord(ctx.db, row.fromCode, kind, verdict.value, { candidates: ledgerIds(ctx.db, row.fromCode, 'candidate'), members: ledgerIds(ctx.db, row.fromCode, 'member') });
  return null;
}

/** Applies one record of a directive at the unit (a decision or a rulebook). */
function retryDirectiveRecord(ctx: ServiceContext, row: Row): null {
  if (row.recordKind === 'decision') {
    applyDecision(ctx, decisionSchema.parse(quarantinedPayload(row)));
  } else {
    applyRulebook(ctx, quarantinedPayload(row));
  }
  return null;
}

const MIRROR_KINDS = new Set(['candidate', 'member', 'target', 'frozen-report']);
const DIRECTIVE_KINDS = new Set(['decision', 'rulebook']);

/** Re-tries one quarantined record; resolved when it now passes, otherwise its reason is brought up to date. */
export function retryQuarantined(ctx: ServiceContext, id: string): RetryResult {
  return ctx.db.transaction((tx) => {
    const row = unresolvedQuarantineRow(tx, id);
    if (!row) {
      throw new AppError('not-found', 'Không có bản ghi cách ly nào với mã này (có thể đã được xử lý).');
    }
    const mirrored = getUnit(tx, row.fromCode)?.origin === 'mirror';
    if (!(mirrored ? MIRROR_KINDS : DIRECTIVE_KINDS).has(row.recordKind)) {
      throw new AppError('validation', 'Mục này là cả một tệp bị cách ly (trùng số thứ tự, khác nội dung): cần liên hệ đơn vị gửi, không thử lại được.');
    }
    const result = inSavepoint(ctx.db, () => (mirrored ? retryMirrorRecord(ctx, row) : retryDirectiveRecord(ctx, row)));
    const reason = result.ok ? result.value : result.reason;
    if (reason === null) {
      resolveQuarantined(tx, id, ctx.clock.now());
    } else {
      setQuarantineReason(tx, id, reason);
    }
    audit(tx, ctx, 'retry', 'quarantine', id, { resolved: reason === null });
    return { id, resolved: reason === null, reason };
  });
}
