import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { parsePeriod } from '../../../electron/core/model/report';
import { targetSchema } from '../../../electron/core/model/targets';

describe('parsePeriod', () => {
  it.each([
    ['2026', 'year', 'Năm 2026', '2026-01-01', '2026-12-31'],
    ['2026-H1', 'half', '6 tháng đầu năm 2026', '2026-01-01', '2026-06-30'],
    ['2026-h2', 'half', '6 tháng cuối năm 2026', '2026-07-01', '2026-12-31'],
    ['2026-9M', 'nine-months', '9 tháng đầu năm 2026', '2026-01-01', '2026-09-30'],
    ['2026-Q1', 'quarter', 'Quý I năm 2026', '2026-01-01', '2026-03-31'],
    ['2026-Q4', 'quarter', 'Quý IV năm 2026', '2026-10-01', '2026-12-31'],
    ['2026q3', 'quarter', 'Quý III năm 2026', '2026-07-01', '2026-09-30'],
    ['2026-02', 'month', 'Tháng 02 năm 2026', '2026-02-01', '2026-02-28'],
    [' 2028-02 ', 'month', 'Tháng 02 năm 2028', '2028-02-01', '2028-02-29'],
  ])('reads %s as %s "%s" from %s to %s', (text, kind, label, start, end) => {
    expect(parsePeriod(text)).toMatchObject({ kind, label, start, end });
  });

  it.each(['2026-Q5', '2026-13', '2026-00', '202612', '26-Q1', 'Q4 2026', ''])('rejects "%s" with a Vietnamese message', (text) => {
    expect(() => parsePeriod(text)).toThrow(AppError);
    expect(() => parsePeriod(text)).toThrow(/Kỳ báo cáo .* không hợp lệ/);
  });
});

describe('targetSchema', () => {
  it('rejects a percent target above 100 and a fractional head count', () => {
    const base = { unitCode: 'CB01', year: 2026, period: 'year', source: 'unit' };
    expect(targetSchema.safeParse({ ...base, kind: 'percent-of-full-members', value: 7 }).success).toBe(true);
    expect(targetSchema.safeParse({ ...base, kind: 'percent-of-full-members', value: 700 }).success).toBe(false);
    expect(targetSchema.safeParse({ ...base, kind: 'count', value: 2.5 }).success).toBe(false);
  });
});
