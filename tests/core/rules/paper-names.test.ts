import { describe, expect, it } from 'vitest';
import { edit, evaluate, finding, setDoc, setEvent, votedCandidate } from './builders';

/**
 * A finding names the papers a secretary must find as they know them: an official form by its number (5-KNĐ), a paper
 * with no number by its name. The app's own codes for those (TTLL, DONG-Y-CAP-TREN) never reach a message.
 */
describe('papers named in findings', () => {
  it('a vote without the background check: «kết quả thẩm tra lý lịch» among the missing papers, not TTLL', () => {
    const e = evaluate(edit(votedCandidate(), (d) => setDoc(d, 'TTLL', null)), '2026-03-10');
    const missing = finding(e, 'DOCUMENT_MISSING');
    expect(missing?.message).toMatch(/^Hồ sơ còn thiếu .*kết quả thẩm tra lý lịch/);
    expect(missing?.message).not.toContain('TTLL');
    expect(missing?.refs).toContain('TTLL');
  });

  it('an overdue ceremony: the superior consent by its name, where to record it, not DONG-Y-CAP-TREN', () => {
    const d = edit(votedCandidate(), (x) => setEvent(x, { type: 'ADMISSION_DECIDED', date: '2026-04-06', number: '1-QĐ', received: null }));
    const overdue = finding(evaluate(d, '2026-07-01'), 'CEREMONY_OVERDUE');
    expect(overdue?.message).toContain('ở mục Tài liệu hồ sơ («Văn bản đồng ý của cấp ủy cấp trên (tổ chức lễ kết nạp muộn)»)');
    expect(overdue?.message).not.toContain('DONG-Y');
  });
});
