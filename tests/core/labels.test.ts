import { describe, expect, it } from 'vitest';
import * as printed from '../../electron/core/domain/reports/labels';
import { SEVERITIES } from '../../electron/core/domain/rules/findings';
import { EDUCATION_LEVELS, OCCUPATIONS } from '../../electron/core/model/dossier';
import * as screen from '../../renderer/src/lib/labels';

describe('words shared by the screens and the printed outputs', () => {
  it('names every occupation, education level and severity on the candidate page as the report counts it', () => {
    expect(OCCUPATIONS.map((o) => screen.OCCUPATION_LABELS[o])).toEqual(OCCUPATIONS.map((o) => printed.OCCUPATION_LABELS[o]));
    expect(EDUCATION_LEVELS.map((e) => screen.EDUCATION_LABELS[e])).toEqual(EDUCATION_LEVELS.map((e) => printed.EDUCATION_LABELS[e]));
    expect(SEVERITIES.map((s) => screen.SEVERITY_LABELS[s])).toEqual(SEVERITIES.map((s) => printed.SEVERITY_LABELS[s]));
    expect(screen.OCCUPATION_LABELS['cong-nhan']).toBe('Công nhân, người lao động');
    expect(screen.SEVERITY_LABELS.info).toBe('Nhắc việc');
  });

  it('keeps the report’s bucket for profiles that do not say', () => {
    expect(printed.OCCUPATION_LABELS['khong-ro']).toBe('Chưa rõ');
    expect(printed.EDUCATION_LABELS['khong-ro']).toBe('Chưa rõ');
  });
});

describe("a rule's source on the rulebook screen", () => {
  it('names events and papers in words and leaves out the evidence grades', () => {
    expect(screen.sourceInWords('gia hạn được ghi bằng sự kiện DECISION_EXTENDED (số ngày làm việc, tối đa 30)')).toBe(
      `gia hạn được ghi bằng sự kiện «${screen.EVENT_LABELS.DECISION_EXTENDED}» (số ngày làm việc, tối đa 30)`,
    );
    expect(screen.sourceInWords('phải có ý kiến đồng ý của cấp ủy cấp trên (DONG-Y-CAP-TREN) trước ngày lễ')).toBe('phải có ý kiến đồng ý của cấp ủy cấp trên trước ngày lễ');
    expect(screen.sourceInWords('thẩm tra lý lịch, TTLL, trước khi chi bộ xét')).toBe('thẩm tra lý lịch, kết quả thẩm tra lý lịch, trước khi chi bộ xét');
    expect(screen.sourceInWords('lập hồ sơ đảng viên trong 30 ngày làm việc sau lễ kết nạp [M]')).toBe('lập hồ sơ đảng viên trong 30 ngày làm việc sau lễ kết nạp');
  });
});
