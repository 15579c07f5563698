import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySequence, formatSeqRanges, missingSequenceNumbers } from '../../../electron/core/domain/bundles/sequence';

describe('sequence classification (docs/bundle-format.md step 7)', () => {
  it('applies the next bundle, and reports the numbers skipped by a gap', () => {
    expect(classifySequence(1, null, null, 'h1')).toEqual({ status: 'applied', missing: null });
    expect(classifySequence(18, 17, null, 'h')).toEqual({ status: 'applied', missing: null });
    expect(classifySequence(21, 17, null, 'h')).toEqual({ status: 'applied', missing: { from: 18, to: 20 } });
    expect(classifySequence(3, null, null, 'h')).toEqual({ status: 'applied', missing: { from: 1, to: 2 } });
  });

  it('treats the same seq with the same hash as a duplicate, and with another hash as a conflict', () => {
    expect(classifySequence(17, 17, 'h', 'h').status).toBe('duplicate');
    expect(classifySequence(17, 17, 'h', 'other').status).toBe('conflict');
    expect(classifySequence(12, 17, 'h', 'h').status).toBe('duplicate');
    expect(classifySequence(17, 17, null, 'h').status).toBe('conflict');
  });

  it('archives a lower seq as stale without applying it', () => {
    expect(classifySequence(15, 17, null, 'h')).toEqual({ status: 'stale', missing: null });
  });

  it('ends at the highest seq whatever the arrival order, applying each seq at most once and repeats as duplicates', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 40 }), (arrivals) => {
        let last: number | null = null;
        const received = new Map<number, string>();
        const applied: number[] = [];
        for (const seq of arrivals) {
          const hash = `h${seq}`;
          const decision = classifySequence(seq, last, received.get(seq) ?? null, hash);
          expect(decision.status).toBe(received.has(seq) ? 'duplicate' : seq > (last ?? 0) ? 'applied' : 'stale');
          received.set(seq, hash);
          if (decision.status === 'applied') {
            applied.push(seq);
            last = seq;
          }
        }
        expect(applied).toEqual([...applied].sort((a, b) => a - b));
        expect(last).toBe(Math.max(...arrivals));
        expect(new Set(applied).size).toBe(applied.length);
      }),
    );
  });
});

describe('missing sequence numbers', () => {
  it('lists the gaps below the highest received number as ranges', () => {
    expect(missingSequenceNumbers([5, 1, 2, 9, 2])).toEqual([{ from: 3, to: 4 }, { from: 6, to: 8 }]);
    expect(missingSequenceNumbers([1, 2, 3])).toEqual([]);
    expect(missingSequenceNumbers([])).toEqual([]);
    expect(formatSeqRanges(missingSequenceNumbers([2, 4, 9]))).toBe('1, 3, 5–8');
  });
});
