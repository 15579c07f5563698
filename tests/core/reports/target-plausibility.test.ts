import { describe, expect, it } from 'vitest';
import { exceedsFullMembers } from '../../../electron/core/domain/reports/targets';

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
