import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateEvent, Dossier } from '../../electron/core/model/dossier';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { createMember } from '../../electron/core/services/member-service';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { docxText } from '../helpers/docx-text';

const AS_OF = '2026-11-23';
const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: AS_OF };

function dossier(fullName: string, birthDate: string, events: CandidateEvent[]): { label: string; dossier: Dossier } {
  return { label: fullName, dossier: { format: 'ptdv.dossier/1', unit: { code: 'CB014' }, candidate: { fullName, birthDate }, events, documents: [], introducers: [], mentors: [] } };
}

describe('ptdv form', () => {
  let dir = '';
  let db = '';
  const out = (name: string) => join(dir, name);
  const form = (...args: string[]) => runCli(['form', '--db', db, ...args], env);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ptdv-form-cli-'));
    const { ctx, database, file } = testContext(AS_OF, undefined, dir);
    ctx.db.transaction((tx) => {
      for (let i = 1; i <= 10; i++) {
        createMember(ctx, { fullName: `Đảng viên ${i}`, status: 'chinh-thuc', joinedOn: '2010-01-05', fullMemberSince: '2011-01-05' }, tx);
      }
    });
    importDossiers(ctx, [
      dossier('Nguyễn Thị Lan', '2001-05-14', [{ type: 'DOSSIER_STARTED', date: '2026-03-02' }, { type: 'CHI_BO_VOTED', date: '2026-06-01', yes: 8, eligible: 10 }]),
      dossier('Võ Thị Thu', '1996-02-03', [{ type: 'ADMISSION_DECIDED', date: '2025-01-15', number: '45-QĐ/ĐU' }, { type: 'CEREMONY_HELD', date: '2025-03-05' }]),
      dossier('Trần Văn An', '1990-01-01', [{ type: 'LISTED', date: '2026-01-05' }]),
      dossier('Trần Văn An', '1993-09-09', [{ type: 'LISTED', date: '2026-02-05' }]),
    ]);
    database.close();
    db = file;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes 6-KNĐ for a candidate named without diacritics, with the vote numbers and the meeting day', async () => {
    const r = await form('--form', '6', '--candidate', 'nguyen thi lan', '--out', out('6.docx'), '--number', '07-NQ/CB', '--place', 'Đà Nẵng');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toContain(`Đã ghi bản nháp mẫu 6-KNĐ (Nguyễn Thị Lan) vào ${out('6.docx')}.`);
    const text = (await docxText(readFileSync(out('6.docx')))).replace(/\s+/g, ' ');
    expect(text).toContain('Số 07-NQ/CB');
    expect(text).toContain('Đà Nẵng, ngày 01 tháng 06 năm 2026');
    expect(text).toContain('Tổng số đảng viên chính thức của chi bộ: 10 đồng chí.');
    expect(text).toContain('tán thành việc kết nạp: 8 đồng chí, bằng 80%');
  });

  it('writes the 18-KNĐ register of the cell', async () => {
    const r = await form('--form', '18-KND', '--out', out('18.docx'));
    expect(r.code).toBe(0);
    const text = await docxText(readFileSync(out('18.docx')));
    expect(text).toContain('Võ Thị Thu');
    expect(text).toContain('05/03/2026');
    expect(text).not.toContain('Nguyễn Thị Lan');
  });

  it('refuses 1-KNĐ, which is handwritten, and a candidate form without a candidate, as usage errors', async () => {
    const one = await form('--form', '1', '--out', out('1.docx'));
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('Đơn xin vào Đảng (1-KNĐ) do người xin vào Đảng tự viết tay, ptdv không lập.');
    const missing = await form('--form', '13', '--out', out('13.docx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Mẫu 13-KNĐ lập cho một người');
    expect(existsSync(out('1.docx')) || existsSync(out('13.docx'))).toBe(false);
  });

  it('says why a form cannot be drafted yet, and asks for the id when a name is shared, writing nothing', async () => {
    const early = await form('--form', '13', '--candidate', 'Nguyễn Thị Lan', '--out', out('13-lan.docx'));
    expect(early.code).toBe(2);
    expect(early.stderr).toContain('Lỗi: Nguyễn Thị Lan — mẫu 13-KNĐ: Chưa có: chưa ghi sự kiện chi bộ biểu quyết công nhận chính thức');
    const shared = await form('--form', '5', '--candidate', 'tran van an', '--out', out('5-an.docx'));
    expect(shared.code).toBe(2);
    expect(shared.stderr).toContain('Có 2 người khớp "tran van an"');
    expect(shared.stderr).toContain('sinh ngày 01/01/1990');
    expect(existsSync(out('13-lan.docx')) || existsSync(out('5-an.docx'))).toBe(false);
    expect(shared.stderr).not.toMatch(/\bat \w+ \(/);
  });
});

describe('ptdv form --form 18 at a committee', () => {
  it('refuses the register of a đảng ủy that follows no probationary member itself, instead of an empty book', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ptdv-form-ducs-'));
    const { database, file } = testContext(AS_OF, { code: 'DU001', name: 'Đảng ủy Công ty Cơ khí', level: 'dang-bo-co-so', parentCode: 'DUK01' }, dir);
    database.close();
    const r = await runCli(['form', '--db', file, '--form', '18', '--out', join(dir, '18.docx')], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Sổ 18-KNĐ là sổ của chi bộ: Đảng ủy Công ty Cơ khí không trực tiếp theo dõi đảng viên dự bị nào.');
    expect(existsSync(join(dir, '18.docx'))).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
