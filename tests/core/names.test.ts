import { describe, expect, it } from 'vitest';
import { searchKey, sortKey, splitName } from '../../electron/core/domain/names';

const collator = new Intl.Collator('vi');
const byViCollator = (a: string, b: string) => {
  const x = splitName(a);
  const y = splitName(b);
  return collator.compare(x.given, y.given) || collator.compare(x.rest, y.rest);
};
const bySortKey = (a: string, b: string) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0);

describe('Vietnamese names', () => {
  it('finds "Nguyễn Thị Lan" from "nguyen thi lan" and Đ from d', () => {
    expect(searchKey('Nguyễn Thị Lan')).toBe('nguyen thi lan');
    expect(searchKey('  Đặng   Văn ĐỨC ')).toBe('dang van duc');
  });

  it('sorts by given name first, in Vietnamese letter order (Đ after D, Ư after U)', () => {
    const names = ['Trần Văn Đức', 'Nguyễn Văn Dũng', 'Lê Thị Ánh', 'Phạm Ân', 'Hoàng An', 'Vũ Văn Ư', 'Đỗ Uyên'];
    expect([...names].sort(bySortKey)).toEqual([
      'Hoàng An',
      'Lê Thị Ánh',
      'Phạm Ân',
      'Nguyễn Văn Dũng',
      'Trần Văn Đức',
      'Đỗ Uyên',
      'Vũ Văn Ư',
    ]);
  });

  it('agrees with Intl.Collator("vi") on a mixed set of names', () => {
    const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
    const middle = ['Văn', 'Thị', 'Đức', 'Minh', 'Ngọc', 'Thu', 'Hữu', ''];
    const given = ['An', 'Ân', 'Ánh', 'Anh', 'Bình', 'Dũng', 'Dung', 'Đức', 'Hà', 'Hạ', 'Hải', 'Lan', 'Lân', 'Ơn', 'Ôn', 'Uyên', 'Ưng', 'Yến'];
    const names: string[] = [];
    for (let i = 0; i < 400; i++) {
      const parts = [family[i % family.length], middle[(i * 7) % middle.length], given[(i * 11) % given.length]];
      names.push(parts.filter(Boolean).join(' '));
    }
    const expected = [...names].sort(byViCollator);
    expect([...names].sort(bySortKey)).toEqual(expected);
  });
});
