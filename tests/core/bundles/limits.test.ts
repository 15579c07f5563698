import { describe, expect, it } from 'vitest';
import { OTHER_REASONS, summariseQuarantined, SYNC_LIMITS, toSeqRanges } from '../../../electron/core/domain/bundles/index';

describe('receipt summary of quarantined records', () => {
  it('groups like reasons whatever the person, keeps the first records, and stays bounded with thousands of distinct reasons', () => {
    const people = Array.from({ length: 300 }, (_, i) => ({ recordKind: 'candidate', recordKey: `c-${i}`, reason: `Nguyễn Văn ${i} (c-${i}): birthDate: ngày không hợp lệ` }));
    const { sample, counts } = summariseQuarantined(people);
    expect(sample).toHaveLength(SYNC_LIMITS.receiptSampleRecords);
    expect(sample[0]).toEqual(people[0]);
    expect(counts).toEqual([{ recordKind: 'candidate', reason: 'birthDate: ngày không hợp lệ', count: 300 }]);

    const distinct = Array.from({ length: 5_000 }, (_, i) => ({ recordKind: 'member', recordKey: `m-${i}`, reason: `lỗi số ${i % 200}` }));
    const bounded = summariseQuarantined(distinct).counts;
    expect(bounded).toHaveLength(SYNC_LIMITS.receiptReasonGroups);
    expect(bounded.at(-1)).toMatchObject({ reason: OTHER_REASONS, count: 5_000 - 25 * (SYNC_LIMITS.receiptReasonGroups - 1) });
    expect(bounded.reduce((n, c) => n + c.count, 0)).toBe(5_000);
  });
});

describe('acknowledged directive numbers', () => {
  it('folds applied numbers into ranges and keeps the newest when there are too many', () => {
    expect(toSeqRanges([3, 1, 2, 2, 5, 7, 8], 10)).toEqual([{ from: 1, to: 3 }, { from: 5, to: 5 }, { from: 7, to: 8 }]);
    expect(toSeqRanges([1, 3, 5], 2)).toEqual([{ from: 3, to: 3 }, { from: 5, to: 5 }]);
  });
});
