import { describe, expect, it } from 'vitest';
import { periodInSentence } from '../../electron/core/domain/reports/summary-text';
import { parsePeriod } from '../../electron/core/model/report';

describe('a period inside a sentence', () => {
  it('keeps the Roman numeral upper case: "quý III năm 2026", never "quý iii"', () => {
    expect(periodInSentence(parsePeriod('2026-Q3').label)).toBe('quý III năm 2026');
    expect(periodInSentence(parsePeriod('2026-Q4').label)).toBe('quý IV năm 2026');
  });
});
