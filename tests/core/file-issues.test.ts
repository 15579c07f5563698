import { describe, expect, it } from 'vitest';
import { loadRulebook } from '../../electron/core/domain/rules/rulebook';

function refusal(data: unknown): string {
  try {
    loadRulebook(data);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('accepted');
}

describe('a bad rulebook file', () => {
  it('is refused in Vietnamese naming the place, without the validator text', () => {
    const missing = refusal({ format: 'ptdv.rulebook/1', version: '2027', rules: [{ id: 'age', validFrom: '2027-01-01', source: 'x' }] });
    expect(missing).toContain('quy tắc thứ 1');
    expect(missing).toContain('Tệp không được nhập');
    const all = [missing, refusal({}), refusal({ format: 'ptdv.rulebook/1', version: 1, rules: 'x' })];
    for (const message of all) {
      expect(message).toMatch(/^Bộ quy tắc không hợp lệ: /);
      expect(message).not.toMatch(/mong đợi|nhận được|expected|received|invalid|undefined|string|number/i);
    }
    expect(refusal({})).toContain('thiếu mục version');
    expect(refusal({ format: 'ptdv.rulebook/1', version: '2027', rules: [] })).toContain('không có quy tắc nào (mục rules)');
  });
});
