import { describe, expect, it } from 'vitest';
import { createMember, getMember, markMemberLeft } from '../../electron/core/services/member-service';
import { testContext } from '../helpers/db';

describe('recording that a member left the cell', () => {
  it('refuses a date before they joined, after today, or a second time, in Vietnamese, and changes nothing', () => {
    const { ctx } = testContext('2026-11-23');
    const m = createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', joinedOn: '2010-03-01', fullMemberSince: '2011-03-01' });
    const refusal = (date: string) => {
      try {
        markMemberLeft(ctx, m.id, date, 'Chuyển sinh hoạt');
      } catch (err) {
        return (err as Error).message;
      }
      return null;
    };
    expect(refusal('2009-12-31')).toBe('Ngày rời chi bộ (31/12/2009) không thể trước ngày vào Đảng (01/03/2010).');
    expect(refusal('2026-11-24')).toBe('Ngày rời chi bộ (24/11/2026) không thể sau ngày hôm nay.');
    expect(getMember(ctx.db, m.id).leftOn).toBeNull();
    expect(markMemberLeft(ctx, m.id, '2026-11-23', 'Chuyển sinh hoạt').leftOn).toBe('2026-11-23');
    expect(refusal('2026-11-23')).toBe('Trần Văn Bình đã được ghi rời chi bộ ngày 23/11/2026.');
  });
});
