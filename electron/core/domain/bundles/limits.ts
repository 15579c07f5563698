import type { SeqRange } from './sequence';

/**
 * Bounds of sync (docs/sync-limits.md): how many bad records a received unit-report may carry before it is refused
 * whole, how much of them a receipt lists, and how much one directive carries. They keep a unit's broken export from
 * growing the superior's database, its lists, or the directives back to the unit beyond what a 20 MB tar entry holds.
 */
export const SYNC_LIMITS = {
  /** More quarantined records than this in one unit-report: the whole bundle is refused (QUARANTINE_LIMIT). */
  maxQuarantinedRecords: 1_000,
  /** A receipt lists the first this-many quarantined records one by one… */
  receiptSampleRecords: 100,
  /** …and counts all of them per kind and reason, in at most this many groups (the rest summed in one). */
  receiptReasonGroups: 50,
  /** Pending items (receipts, decisions, notes) one directive carries, by their JSON size; the rest wait. */
  directiveItemsBytes: 8 * 1024 * 1024,
  /** …and by count of each kind, within data.json's schema. */
  directiveItemsPerKind: 5_000,
} as const;

export type QuarantinedSummaryInput = { recordKind: string; recordKey: string; reason: string };
export type ReasonCount = { recordKind: string; reason: string; count: number };

/** The reason without the record's own name and id in front ("Nguyễn Văn A (c-17): …"), so like reasons group. */
function reasonClass(q: QuarantinedSummaryInput): string {
  const marker = `(${q.recordKey}): `;
  const at = q.reason.indexOf(marker);
  return (at >= 0 ? q.reason.slice(at + marker.length) : q.reason).slice(0, 1000);
}

/** Kept for the "other reasons" group of a receipt, a reason no record has. */
export const OTHER_REASONS = 'Các lý do khác';

/**
 * The summary a receipt carries of `records`: the first {@link SYNC_LIMITS.receiptSampleRecords} as they are, and
 * counts per kind and reason, most frequent first, at most {@link SYNC_LIMITS.receiptReasonGroups} groups with
 * the rest summed under {@link OTHER_REASONS}. Its size is bounded whatever the number of records.
 */
export function summariseQuarantined(records: readonly QuarantinedSummaryInput[]): { sample: QuarantinedSummaryInput[]; counts: ReasonCount[] } {
  const groups = new Map<string, ReasonCount>();
  for (const q of records) {
    const reason = reasonClass(q);
    const key = `${q.recordKind}\0${reason}`;
    const group = groups.get(key);
    if (group) {
      group.count++;
    } else {
      groups.set(key, { recordKind: q.recordKind.slice(0, 40), reason, count: 1 });
    }
  }
  const sorted = [...groups.values()].sort((a, b) => b.count - a.count || a.recordKind.localeCompare(b.recordKind) || a.reason.localeCompare(b.reason));
  const keep = SYNC_LIMITS.receiptReasonGroups;
  const counts = sorted.length <= keep ? sorted : [...sorted.slice(0, keep - 1), { recordKind: 'khac', reason: OTHER_REASONS, count: sorted.slice(keep - 1).reduce((n, g) => n + g.count, 0) }];
  const sample = records.slice(0, SYNC_LIMITS.receiptSampleRecords).map((q) => ({ recordKind: q.recordKind.slice(0, 40), recordKey: q.recordKey.slice(0, 100), reason: q.reason.slice(0, 1000) }));
  return { sample, counts };
}

/** Sequence numbers as closed ranges (1, 2, 3, 5 → 1–3, 5), sorted; at most `max` ranges, the newest kept. */
export function toSeqRanges(seqs: readonly number[], max: number): SeqRange[] {
  const sorted = [...new Set(seqs)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => a - b);
  const ranges: SeqRange[] = [];
  for (const seq of sorted) {
    const last = ranges.at(-1);
    if (last && seq === last.to + 1) {
      last.to = seq;
    } else {
      ranges.push({ from: seq, to: seq });
    }
  }
  return ranges.slice(-max);
}

/** True when `seq` lies in one of `ranges`. */
export const inSeqRanges = (seq: number, ranges: readonly SeqRange[]): boolean => ranges.some((r) => seq >= r.from && seq <= r.to);
