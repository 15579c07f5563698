import { describe, expect, it } from 'vitest';
import { createMember, getMember, markMemberLeft, updateMember } from '../../electron/core/services/member-service';
import { testContext } from '../helpers/db';

describe('member dates that contradict each other', () => {
  it('refuses a leave date before the admission date in Vietnamese and changes nothing', () => {
    const { ctx, database } = testContext();
    const m = createMember(ctx, { fullName: 'Nguyễn Văn An', status: 'chinh-thuc', joinedOn: '2015-03-02', fullMemberSince: '2016-03-02' });
    expect(() => markMemberLeft(ctx, m.id, '2014-12-31', 'Chuyển công tác')).toThrow('Ngày rời chi bộ (31/12/2014) không thể trước ngày vào Đảng (02/03/2015).');
    expect(getMember(ctx.db, m.id).leftOn).toBeNull();
    expect(markMemberLeft(ctx, m.id, '2020-01-15', 'Chuyển công tác').leftOn).toBe('2020-01-15');
    database.close();
  });

  it('refuses an official date before the admission date and keeps the record as it was', () => {
    const { ctx, database } = testContext();
    const m = createMember(ctx, { fullName: 'Trần Thị Bình', status: 'chinh-thuc', joinedOn: '2015-03-02', fullMemberSince: '2016-03-02' });
    expect(() => updateMember(ctx, m.id, { fullName: 'Trần Thị Bình', status: 'chinh-thuc', joinedOn: '2015-03-02', fullMemberSince: '2014-03-02' })).toThrow(
      'Ngày chính thức (02/03/2014) không thể trước ngày vào Đảng (02/03/2015).',
    );
    expect(getMember(ctx.db, m.id).fullMemberSince).toBe('2016-03-02');
    database.close();
  });
});
