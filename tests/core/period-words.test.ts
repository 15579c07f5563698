import { describe, expect, it } from 'vitest';
import { reportTables } from '../../electron/core/domain/reports/report-tables';
import { periodInSentence, summarySentences } from '../../electron/core/domain/reports/summary-text';
import { parsePeriod } from '../../electron/core/model/report';
import { sampleReport } from './reports/sample-report';

describe('a period inside a sentence', () => {
  it('keeps the Roman numeral upper case: "quý III năm 2026", never "quý iii"', () => {
    expect(periodInSentence(parsePeriod('2026-Q3').label)).toBe('quý III năm 2026');
    expect(periodInSentence(parsePeriod('2026-Q4').label)).toBe('quý IV năm 2026');
  });
});

describe('the report text beside its table', () => {
  it('splits the cảm tình list into the numbers the table shows, so the text and the table read alike', () => {
    const report = sampleReport();
    const row = (label: string) => reportTables(report).find((t) => t.id === 'summary')!.rows.find((r) => r[0] === label)![1] as number;
    const notYet = row('Cuối kỳ: Cảm tình Đảng');
    const course = row('Cuối kỳ: Đã học lớp nhận thức');
    const filing = row('Cuối kỳ: Đang làm hồ sơ');
    // Still quần chúng on the list until the ceremony: proposed by the chi bộ, before the committee, decided.
    const proposed = row('Cuối kỳ: Chi bộ đề nghị') + row('Cuối kỳ: Cấp ủy cơ sở xét');
    const decided = row('Cuối kỳ: Có quyết định kết nạp');
    expect(notYet).toBeGreaterThan(0);
    expect(proposed + decided).toBeGreaterThan(0);
    expect(summarySentences(report)[1]).toContain(
      `có ${notYet + course + filing + proposed + decided} quần chúng trong danh sách cảm tình Đảng (${notYet} chưa học lớp bồi dưỡng nhận thức về Đảng, ${course} đã học lớp, ${filing} đang hoàn thiện hồ sơ, ${proposed} chi bộ đã đề nghị, chờ cấp ủy cấp trên xét, ${decided} đã có quyết định, chờ lễ kết nạp)`,
    );
  });
});
