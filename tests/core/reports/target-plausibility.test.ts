import { describe, expect, it } from 'vitest';
import { exceedsFullMembers, readTypedTarget } from '../../../electron/core/domain/reports/targets';

describe('a target larger than the unit', () => {
  it('is a number of people above the full members on 1 January, never a percent nor a unit with no known members', () => {
    expect(exceedsFullMembers({ kind: 'count', value: 99999 }, 20)).toBe(true);
    expect(exceedsFullMembers({ kind: 'count', value: 21 }, 20)).toBe(true);
    expect(exceedsFullMembers({ kind: 'count', value: 20 }, 20)).toBe(false);
    expect(exceedsFullMembers({ kind: 'percent-of-full-members', value: 100 }, 20)).toBe(false);
    expect(exceedsFullMembers({ kind: 'count', value: 5 }, 0)).toBe(false);
    expect(exceedsFullMembers({ kind: 'count', value: 5 }, null)).toBe(false);
  });
});

describe('a target as typed', () => {
  const count = (typed: string) => readTypedTarget(typed, 'count');
  const percent = (typed: string) => readTypedTarget(typed, 'percent-of-full-members');

  it('reads numbers as a Vietnamese user types them', () => {
    expect(count('3')).toEqual({ value: 3, error: null });
    expect(count(' 1.000 ')).toEqual({ value: 1000, error: null });
    expect(percent('7,5')).toEqual({ value: 7.5, error: null });
    expect(percent('20%')).toEqual({ value: 20, error: null });
    expect(count('')).toEqual({ value: null, error: null });
  });

  it('says what is wrong with what was typed, not one message for all', () => {
    expect(count('abc').error).toBe('Nhập số người bằng chữ số, ví dụ 3.');
    expect(count('1e3').error).toBe('Nhập số người bằng chữ số, ví dụ 3.');
    expect(count('-3').error).toBe('Chỉ tiêu không thể là số âm.');
    expect(count('20%').error).toMatch(/^Số người không có dấu %/);
    expect(count('7,5').error).toBe('Số người phải là số nguyên, ví dụ 3.');
    expect(count('99999999999999999999').error).toBe('Chỉ tiêu tối đa 100.000 người.');
    expect(percent('120').error).toBe('Tỷ lệ phải từ 0 đến 100%.');
    expect(count('0').error).toBe('Chỉ tiêu phải lớn hơn 0; không giao chỉ tiêu thì để trống.');
  });
});
