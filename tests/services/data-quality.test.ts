import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { candidates, members, units } from '../../db/schema/index';
import { TRICKS } from '../helpers/unicode-tricks';
import { candidateDetail } from '../../electron/core/store/candidates';
import { addEvent, createCandidate, listCandidates, updateProfile } from '../../electron/core/services/candidate-service';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { createMember, listMembers, updateMember } from '../../electron/core/services/member-service';
import { buildUnitReport } from '../../electron/core/services/report-service';
import type { DossierInput } from '../../electron/core/model/dossier';
import { dossierSchema } from '../../electron/core/model/dossier';
import { testContext } from '../helpers/db';
import { superiorContext } from './report-fixtures';

let open: Database[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});
function setup() {
  const t = testContext('2026-11-23');
  open.push(t.database);
  return t.ctx;
}

const LAN = { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-14', gender: 'nu' as const };
const MAI = { fullName: 'Lê Thị Mai', status: 'chinh-thuc' as const, birthDate: '1985-02-03', joinedOn: '2010-01-05', fullMemberSince: '2011-01-05' };

describe('one person, one record within a unit', () => {
  it.each(TRICKS)('refuses a second candidate written with %s unless the user confirms two people', (_, trick) => {
    const ctx = setup();
    const name = trick(LAN.fullName);
    createCandidate(ctx, LAN);
    expect(() => createCandidate(ctx, { ...LAN, fullName: name })).toThrow(/Đã có người "Nguyễn Thị Lan" cùng ngày sinh 14\/05\/2001/);
    expect(ctx.db.select().from(candidates).all()).toHaveLength(1);
    createCandidate(ctx, { ...LAN, fullName: name }, undefined, { confirmDuplicate: true });
    expect(ctx.db.select().from(candidates).all()).toHaveLength(2);
  });

  it.each(TRICKS)('refuses a second member written with %s, the second "Lê Thị Mai" counted twice otherwise', (_, trick) => {
    const ctx = setup();
    createMember(ctx, MAI);
    const name = trick(MAI.fullName);
    expect(() => createMember(ctx, { ...MAI, fullName: name })).toThrow(/Đã có đảng viên "Lê Thị Mai"/);
    expect(() => createMember(ctx, MAI)).toThrow(/Đã có đảng viên/);
    expect(listMembers(ctx.db, {})).toHaveLength(1);
    createMember(ctx, { ...MAI, confirmDuplicate: true });
    expect(listMembers(ctx.db, {})).toHaveLength(2);
  });

  it('refuses "Ð" (U+00D0) for "Đ", and an edit that turns one record into a copy of another', () => {
    const ctx = setup();
    createCandidate(ctx, { ...LAN, fullName: 'Đặng Thị Hà' });
    expect(() => createCandidate(ctx, { ...LAN, fullName: '\u00d0ặng Thị Hà' })).toThrow(/Đã có người "Đặng Thị Hà"/);
    const other = createCandidate(ctx, { ...LAN, fullName: 'Đặng Thị Hoa' });
    expect(() => updateProfile(ctx, other, { ...LAN, fullName: 'Đặng Thị Hà' })).toThrow(/Đã có người/);
    expect(updateProfile(ctx, other, { ...LAN, fullName: 'Đặng Thị Hoa', hometown: 'Xã Tân Lập, tỉnh Phú Thọ' }).profile.hometown).toBe('Xã Tân Lập, tỉnh Phú Thọ');
    const member = createMember(ctx, MAI);
    expect(updateMember(ctx, member.id, { ...MAI, note: 'sửa ghi chú' }).note).toBe('sửa ghi chú');
  });

  it('stores a name typed in decomposed form (NFD) as NFC, without invisible characters', () => {
    const ctx = setup();
    const id = createCandidate(ctx, { ...LAN, fullName: 'Nguyễn\u200b Thị\u202e Lan'.normalize('NFD') });
    createMember(ctx, { ...MAI, fullName: 'Lê Thị Mai'.normalize('NFD') });
    expect(candidateDetail(ctx.db, id).profile.fullName).toBe('Nguyễn Thị Lan');
    expect(ctx.db.select({ n: candidates.fullName }).from(candidates).get()!.n).toBe('Nguyễn Thị Lan'.normalize('NFC'));
    expect(ctx.db.select({ n: members.fullName }).from(members).get()!.n).toBe('Lê Thị Mai'.normalize('NFC'));
  });

  it.each(TRICKS)('finds the person when the search carries %s', (_, trick) => {
    const ctx = setup();
    const name = trick(LAN.fullName);
    createCandidate(ctx, LAN);
    createMember(ctx, { ...MAI, fullName: 'Nguyễn Thị Lan' });
    expect(listCandidates(ctx.db, { query: name, offset: 0, limit: 10 }).rows.map((r) => r.fullName)).toEqual(['Nguyễn Thị Lan']);
    expect(listCandidates(ctx.db, { query: 'L\u200ban', offset: 0, limit: 10 }).total).toBe(1);
    expect(listMembers(ctx.db, { query: name }).map((m) => m.fullName)).toEqual(['Nguyễn Thị Lan']);
  });
});

describe('impossible dates in the services', () => {
  it('refuses the member born in 2011, admitted in 2010 and full in 2030, naming the fields, and stores nothing', () => {
    const ctx = setup();
    const impossible = { fullName: 'Lê Thị Mai', status: 'chinh-thuc' as const, birthDate: '2011-03-01', joinedOn: '2010-01-05', fullMemberSince: '2030-01-05' };
    expect(() => createMember(ctx, impossible)).toThrow(/Ngày vào Đảng/);
    expect(() => createMember(ctx, { ...impossible, joinedOn: '2030-01-05', fullMemberSince: '2031-01-05' })).toThrow(/Ngày vào Đảng \(05\/01\/2030\) không thể sau ngày hôm nay/);
    expect(listMembers(ctx.db, { includeLeft: true })).toEqual([]);
  });

  it('refuses a candidate born 31/12/9999 or in 1899, an event before the birth and an admission under 18', () => {
    const ctx = setup();
    expect(() => createCandidate(ctx, { ...LAN, birthDate: '9999-12-31' })).toThrow(/Ngày sinh \(31\/12\/9999\) không thể sau ngày hôm nay/);
    expect(() => createCandidate(ctx, { ...LAN, birthDate: '1899-12-31' })).toThrow(/không thể trước năm 1900/);
    const young = createCandidate(ctx, { ...LAN, birthDate: '2009-01-10' }, { type: 'SOURCE_PROPOSED', date: '2025-01-10', by: 'doan' });
    expect(() => addEvent(ctx, young, { type: 'LISTED', date: '2008-01-01' })).toThrow(/phải sau ngày sinh/);
    expect(() => addEvent(ctx, young, { type: 'CEREMONY_HELD', date: '2026-11-20' })).toThrow(/chưa đủ 18 tuổi/);
    expect(() => updateProfile(ctx, young, { ...LAN, birthDate: '2025-06-01' })).toThrow(/Ngày của sự kiện \(10\/01\/2025\) phải sau ngày sinh/);
    expect(candidateDetail(ctx.db, young).events).toHaveLength(1);
  });
});

function dossier(fullName: string, extra: Partial<DossierInput> = {}): DossierInput {
  return { format: 'ptdv.dossier/1', unit: { code: 'CB014' }, candidate: { fullName, birthDate: '2001-05-14' }, events: [], documents: [], introducers: [], mentors: [], ...extra };
}
const parsed = (d: DossierInput) => dossierSchema.parse(d);

describe('dossier import', () => {
  it('stores free text in one Unicode form, however the accents were typed', () => {
    const nfd = (t: string) => t.normalize('NFD');
    const file = parsed(
      dossier('Trần Thị Hoa', {
        candidate: { fullName: 'Trần Thị Hoa', birthDate: '2001-05-14', ethnicity: nfd('Tày'), religion: nfd(' Phật giáo '), hometown: nfd('Hà Giang') },
        documents: [{ form: '3-KNĐ', date: '2025-04-02', signer: nfd('Nguyễn Văn Hưng') }],
      }),
    );
    expect([file.candidate.ethnicity, file.candidate.religion, file.candidate.hometown, file.documents[0]!.signer]).toEqual(['Tày', 'Phật giáo', 'Hà Giang', 'Nguyễn Văn Hưng']);
  });

  it('does not link the introducer "Nguyễn Văn Hưng" to the member "Nguyễn Văn Hùng", and says so', () => {
    const ctx = setup();
    const hung = createMember(ctx, { fullName: 'Nguyễn Văn Hùng', status: 'chinh-thuc', joinedOn: '2010-01-05', fullMemberSince: '2011-01-05' });
    const file = parsed(dossier('Trần Thị Hoa', { introducers: [{ name: 'Nguyễn Văn Hưng', fullMemberSince: '2012-03-03' }], mentors: [{ name: 'Nguyễn Văn Hùng'.normalize('NFD'), role: 'pre-admission', from: '2025-02-05' }] }));
    const [outcome] = importDossiers(ctx, [{ label: 'hoa.json', dossier: file }]);
    expect(outcome!.note).toContain('không có đảng viên tên đúng "Nguyễn Văn Hưng" (chỉ có "Nguyễn Văn Hùng"');
    const detail = candidateDetail(ctx.db, outcome!.candidateId);
    expect(detail.introducers[0]!.memberId).not.toBe(hung.id);
    expect(detail.mentors[0]!.memberId).toBe(hung.id);
  });

  it('leaves an introducer unlinked when two members bear the exact name, with a question to the user', () => {
    const ctx = setup();
    createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', birthDate: '1970-01-01', fullMemberSince: '2000-01-01' });
    createMember(ctx, { fullName: 'Trần Văn Bình', status: 'chinh-thuc', birthDate: '1980-01-01', fullMemberSince: '2005-01-01' });
    const [outcome] = importDossiers(ctx, [{ label: 'x.json', dossier: parsed(dossier('Trần Thị Hoa', { introducers: [{ name: 'Trần Văn Bình' }] })) }]);
    expect(outcome!.note).toContain('có 2 đảng viên cùng tên "Trần Văn Bình"');
    expect(candidateDetail(ctx.db, outcome!.candidateId).introducers[0]!.memberId).toBeNull();
  });

  it('reports a person already in the unit under a Unicode trick, and refuses impossible dates writing nothing', () => {
    const ctx = setup();
    createCandidate(ctx, LAN);
    const [outcome] = importDossiers(ctx, [{ label: 'lan.json', dossier: parsed(dossier('Nguyễn Thị L\u0430n')) }]);
    expect(outcome).toMatchObject({ status: 'skipped' });
    expect(outcome!.note).toContain('trùng với "Nguyễn Thị Lan"');
    expect(() => importDossiers(ctx, [{ label: 'a.json', dossier: parsed(dossier('Võ Văn A', { candidate: { fullName: 'Võ Văn A', birthDate: '9999-12-31' } })) }])).toThrow(/a\.json: candidate\.birthDate: Ngày sinh \(31\/12\/9999\)/);
    expect(ctx.db.select().from(candidates).all()).toHaveLength(1);
  });
});

describe('duplicates across units at the superior', () => {
  it.each([...TRICKS, ['"Ð" for "Đ"', (n: string) => n.replace('Đ', '\u00d0')] as const])('lists the same person followed by two units when one wrote the name with %s', (_, trick) => {
    const t = superiorContext();
    open.push(t.database);
    const { ctx } = t;
    for (const code of ['CB02', 'CB03']) {
      ctx.db.insert(units).values({ code, name: `Chi bộ ${code}`, level: 'chi-bo', parentCode: 'DUK01', origin: 'mirror' }).run();
    }
    const plain = 'Đặng Thị Lan';
    const name = trick(plain);
    const events = [{ type: 'SOURCE_PROPOSED' as const, date: '2026-03-01' }];
    importDossiers(ctx, [{ label: 'b', dossier: parsed(dossier(plain, { unit: { code: 'CB02' }, events })) }], 'CB02');
    importDossiers(ctx, [{ label: 'c', dossier: parsed(dossier(name, { unit: { code: 'CB03' }, events })) }], 'CB03');
    const report = buildUnitReport(ctx.db, { period: '2026', all: true, asOf: '2026-11-23' });
    expect(report.duplicates.map((d) => d.occurrences.map((o) => o.unitCode))).toEqual([['CB02', 'CB03']]);
  });
});
