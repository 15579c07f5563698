/**
 * docs/bundle-format.md import step 7: where a verified bundle sits in its sender's sequence. Ordering uses only `seq`, never
 * clocks, so importing the same set of files in any order, or twice, ends in the same state.
 */

export type SequenceStatus = 'applied' | 'duplicate' | 'conflict' | 'stale';

/** A closed range of sequence numbers. */
export type SeqRange = { from: number; to: number };

export type SequenceDecision = {
  status: SequenceStatus;
  /** On `applied` after a gap: the numbers never received between the last applied one and this one. */
  missing: SeqRange | null;
};

/** Vietnamese explanation of each outcome, for import summaries and the CLI. */
export const SEQUENCE_MESSAGES: Record<SequenceStatus, string> = {
  applied: 'Đã cập nhật dữ liệu từ gói này.',
  duplicate: 'Gói này đã được nhập trước đó: không có thay đổi.',
  conflict: 'Gói có cùng số thứ tự nhưng nội dung khác với gói đã nhận: đã cách ly để kiểm tra.',
  stale: 'Gói cũ hơn dữ liệu đã áp dụng: chỉ lưu trữ, không áp dụng.',
};

/**
 * Classifies a bundle by its `seq` against the sender's last applied number (null before any) and the hash of a
 * bundle already received with the same `seq` (null if none). Pass the bundle's `sumsSha256` as the hash: it
 * names the signed content, so the same bundle re-encrypted still counts as a duplicate. A same-`seq` bundle
 * whose earlier hash is unknown is a conflict, because nothing proves it is the same content.
 */
export function classifySequence(
  seq: number,
  lastApplied: number | null,
  existingHashForSeq: string | null,
  hash: string,
): SequenceDecision {
  const last = lastApplied ?? 0;
  if (existingHashForSeq !== null) {
    return { status: existingHashForSeq === hash ? 'duplicate' : 'conflict', missing: null };
  }
  if (seq === last) {
    return { status: 'conflict', missing: null };
  }
  if (seq < last) {
    return { status: 'stale', missing: null };
  }
  return { status: 'applied', missing: seq > last + 1 ? { from: last + 1, to: seq - 1 } : null };
}

/**
 * Gaps in a sender's sequence: the numbers from `first` (1, or where an accepted new numbering began) up to the
 * highest received that never arrived, as ranges (for the units page). `received` may be unsorted and hold repeats.
 */
export function missingSequenceNumbers(received: readonly number[], first = 1): SeqRange[] {
  const sorted = [...new Set(received)].filter((n) => Number.isInteger(n) && n >= first).sort((a, b) => a - b);
  const gaps: SeqRange[] = [];
  let next = first;
  for (const seq of sorted) {
    if (seq > next) {
      gaps.push({ from: next, to: seq - 1 });
    }
    next = seq + 1;
  }
  return gaps;
}

/** "3, 5–9" for a list of ranges, as the units page and import summaries show them. */
export function formatSeqRanges(ranges: readonly SeqRange[]): string {
  return ranges.map((r) => (r.from === r.to ? String(r.from) : `${r.from}–${r.to}`)).join(', ');
}
