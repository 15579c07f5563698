import { describe, expect, it } from 'vitest';
import { formatBytes, formatViMoment, rulebookName } from '../../electron/core/model/format';
import { parseViDate } from '../../electron/core/model/dates';
import { dateRefusal } from '../../renderer/src/lib/form';

describe('formatBytes', () => {
  it('writes sizes the Vietnamese way, in the binary units a file manager shows', () => {
    expect(formatBytes(Math.round(217.4 * 1024 * 1024))).toBe('217,4 MB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5 MB');
    expect(formatBytes(400 * 1024 * 1024)).toBe('400 MB');
    expect(formatBytes(1024 * 1024 * 1024)).toBe('1 GB');
    expect(formatBytes(Math.round(1.78 * 1024 ** 3))).toBe('1,8 GB');
    expect(formatBytes(12 * 1024)).toBe('12 KB');
  });

  it('never says a non-empty file is 0 KB, nor an empty one 1 KB', () => {
    expect(formatBytes(0)).toBe('0 KB');
    expect(formatBytes(1)).toBe('1 KB');
    expect(formatBytes(1025)).toBe('2 KB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.024 KB');
  });
});

describe('formatViMoment', () => {
  it('says an instant the app wrote as hour and day in Vietnam time', () => {
    expect(formatViMoment('2026-12-06T14:05:09+07:00')).toBe('14:05 ngày 06/12/2026');
    expect(formatViMoment('2026-12-06T14:05:09')).toBe('14:05 ngày 06/12/2026');
  });

  it('moves an instant written in UTC to Vietnam time, across midnight', () => {
    expect(formatViMoment('2026-12-31T20:30:00.000Z')).toBe('03:30 ngày 01/01/2027');
  });

  it('returns what is not an instant as it is', () => {
    expect(formatViMoment('không rõ')).toBe('không rõ');
  });
});

describe('rulebookName', () => {
  it('names a shipped rulebook by the day it takes effect, and an imported one by its own name', () => {
    expect(rulebookName('2026-12-04')).toBe('bộ quy tắc ngày 04/12/2026');
    expect(rulebookName('2031-thu-nghiem')).toBe('bộ quy tắc 2031-thu-nghiem');
  });
});

describe('typed dates', () => {
  it('reads dd/mm/yyyy, and says what is wrong with a date the calendar does not have', () => {
    expect(parseViDate('5/3/2024')).toBe('2024-03-05');
    expect(parseViDate('31/02/2011')).toBeNull();
    expect(dateRefusal('31/02/2011')).toBe('Không có ngày 31/02/2011: tháng 2 năm 2011 có 28 ngày.');
    expect(dateRefusal('30.02.2024')).toBe('Không có ngày 30.02.2024: tháng 2 năm 2024 có 29 ngày.');
    expect(dateRefusal('01/13/2024')).toBe('Không có tháng 13: tháng là số từ 1 đến 12.');
    expect(dateRefusal('hôm qua')).toBe('Ngày không hợp lệ — nhập theo dạng ngày/tháng/năm, ví dụ 05/03/2024.');
  });
});
