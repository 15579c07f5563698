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
