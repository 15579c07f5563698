import { describe, expect, it } from 'vitest';
import { ensureFindingsFresh } from '../../electron/core/services/check-service';
import { createMember, updateMember } from '../../electron/core/services/member-service';
import { testContext } from '../helpers/db';
import { fillUnit } from '../helpers/sync';

const cached = (t: ReturnType<typeof testContext>) => t.database.sqlite.prepare('SELECT count(*) FROM candidate_findings').pluck().get() as number;

describe('the findings cache follows the roster', () => {
  it('drops the unit’s cached findings when a member is added or changed, so no screen counts a stale 2/3 or introducer', () => {
    const t = testContext('2026-12-28');
    fillUnit(t, 30);
    // Filling a new database leaves the cache empty: nothing was evaluated yet.
    expect(cached(t)).toBe(0);
    ensureFindingsFresh(t.ctx);
    expect(cached(t)).toBe(30);

    const member = createMember(t.ctx, { fullName: 'Hà Thị Mới', status: 'chinh-thuc', joinedOn: '2015-05-19', fullMemberSince: '2016-05-19' });
    expect(cached(t)).toBe(0);

    ensureFindingsFresh(t.ctx);
    expect(cached(t)).toBe(30);
    updateMember(t.ctx, member.id, { fullName: 'Hà Thị Mới', status: 'chinh-thuc', joinedOn: '2015-05-19', fullMemberSince: '2016-06-19' });
    expect(cached(t)).toBe(0);
  });
});
