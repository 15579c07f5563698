import { describe, expect, it } from 'vitest';
import { findDuplicates } from '../../electron/core/domain/reports/duplicates';
import { cleanName, identityKey, sameName, searchKey } from '../../electron/core/domain/names';
import { memberDateProblems } from '../../electron/core/domain/plausibility';
import { memberInputSchema } from '../../electron/core/model/entities';
import { TRICKS } from '../helpers/unicode-tricks';
import { candidate, unit } from './reports/fixtures';

describe('one person, one key', () => {
  it.each(TRICKS)('gives %s the same duplicate key as the plain name', (_, trick) => {
    const name = trick('Nguyễn Thị Lan');
    expect(name).not.toBe('Nguyễn Thị Lan');
    expect(identityKey(name, '2001-05-14')).toBe(identityKey('Nguyễn Thị Lan', '2001-05-14'));
    expect(identityKey(name, '2001-05-14')).not.toBe(identityKey('Nguyễn Thị Lan', '2001-05-15'));
  });

  it('reads "Ð" (U+00D0) as "Đ" and Greek capitals as their Latin look-alikes', () => {
    expect(identityKey('\u00d0ặng Văn \u00d0ức', '1990-01-01')).toBe(identityKey('Đặng Văn Đức', '1990-01-01'));
    expect(searchKey('\u039fanh')).toBe('oanh');
  });

  it('stores names NFC without invisible characters, and tells Hưng from Hùng', () => {
    const stored = cleanName(' Nguyễn\u200b  Văn   Hưng\u202c '.normalize('NFD'));
    expect(stored).toBe('Nguyễn Văn Hưng');
    expect(stored === stored.normalize('NFC')).toBe(true);
    expect(sameName('Nguyễn Văn Hưng'.normalize('NFD'), 'Nguyễn Văn Hưng')).toBe(true);
    expect(sameName('Nguyễn Văn Hưng', 'Nguyễn Văn Hùng')).toBe(false);
  });

  it('lists at the superior a person whose name carries a trick in one unit, by the same key', () => {
    const a = candidate('CB01', { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-14' }, {});
    const b = candidate('CB02', { fullName: 'Nguy\u0435̃n\u200b Thị L\u0430n', birthDate: '2001-05-14' }, {});
    const [duplicate] = findDuplicates([unit('CB01', [a]), unit('CB02', [b])]);
    expect(`${duplicate!.name}|${duplicate!.birthDate}`).toBe(identityKey('Nguyễn Thị Lan', '2001-05-14'));
    expect(duplicate!.occurrences.map((o) => o.unitCode)).toEqual(['CB01', 'CB02']);
  });
});

describe('impossible dates', () => {
  it('refuses the member born in 2011, admitted in 2010 and full in 2030, naming each field', () => {
    const problems = memberDateProblems({ birthDate: '2011-03-01', joinedOn: '2010-01-05', fullMemberSince: '2030-01-05' }, '2026-11-23');
    const errors = problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.field).sort()).toEqual(['fullMemberSince', 'joinedOn']);
    expect(errors.map((p) => p.message).join(' ')).toContain('Ngày vào Đảng (05/01/2010) phải sau ngày sinh (01/03/2011)');
    expect(errors.map((p) => p.message).join(' ')).toContain('Ngày chính thức (05/01/2030) không thể sau ngày hôm nay (23/11/2026)');
  });

  it('refuses the same member in the input schema, even without knowing today', () => {
    const parsed = memberInputSchema.safeParse({ fullName: 'Lê Thị Mai', status: 'chinh-thuc', birthDate: '2011-03-01', joinedOn: '2010-01-05', fullMemberSince: '2030-01-05' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain('joinedOn');
  });

  it('refuses an admission under 18 and a date before 1900; warns when full membership is not 12 months on', () => {
    const young = memberDateProblems({ birthDate: '2000-06-15', joinedOn: '2018-05-31', fullMemberSince: '2019-05-31' }, '2026-11-23');
    expect(young.filter((p) => p.severity === 'error').map((p) => p.field)).toEqual(['joinedOn']);
    expect(young[0]!.message).toContain('chưa đủ 18 tuổi');
    expect(memberDateProblems({ birthDate: '2000-06-15', joinedOn: '2018-06-01', fullMemberSince: '2019-06-01' }, '2026-11-23')).toEqual([]);
    expect(memberDateProblems({ birthDate: '1899-12-31' }, null)[0]!.message).toContain('không thể trước năm 1900');
    const late = memberDateProblems({ birthDate: '1990-01-01', joinedOn: '2020-01-10', fullMemberSince: '2021-03-10' }, '2026-11-23');
    expect(late).toEqual([expect.objectContaining({ field: 'fullMemberSince', severity: 'warning' })]);
    expect(late[0]!.message).toContain('10/01/2021');
  });

  it('refuses full membership one day after admission: probation is 12 months and cannot be shortened', () => {
    const early = memberDateProblems({ birthDate: '1990-01-01', joinedOn: '2020-01-10', fullMemberSince: '2020-01-11' }, '2026-11-23');
    expect(early).toEqual([
      {
        field: 'fullMemberSince',
        severity: 'error',
        message: 'Ngày chính thức (11/01/2020) không thể trước khi hết 12 tháng dự bị, tức 10/01/2021 (vào Đảng ngày 10/01/2020).',
      },
    ]);
    expect(memberDateProblems({ birthDate: '1990-01-01', joinedOn: '2020-01-10', fullMemberSince: '2021-01-09' }, '2026-11-23')[0]!.severity).toBe('error');
    expect(memberDateProblems({ birthDate: '1990-01-01', joinedOn: '2020-01-10', fullMemberSince: '2021-01-10' }, '2026-11-23')).toEqual([]);
    // A veteran admitted under an earlier Charter, or from an approximate old record: a warning, still saved.
    expect(memberDateProblems({ birthDate: '1948-05-01', joinedOn: '1972-03-01', fullMemberSince: '1972-09-01' }, '2026-11-23')).toEqual([
      expect.objectContaining({ field: 'fullMemberSince', severity: 'warning' }),
    ]);
  });

  it('refuses a birth date of 9999-12-31 instead of computing a negative age from it', () => {
    expect(memberDateProblems({ birthDate: '9999-12-31' }, '2026-11-23')[0]!.message).toContain('Ngày sinh (31/12/9999) không thể sau ngày hôm nay');
  });
});
