import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE, testContext } from '../helpers/db';
import { docxText } from '../helpers/docx-text';
import { createMember } from '../../electron/core/services/member-service';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp';

const env = { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: '2026-11-23' };

describe('ptdv unit', () => {
  it('shows and sets the profile; bad input changes nothing', async () => {
    const { database, file } = testContext('2026-11-23', { code: 'CB014', name: 'Chi bộ Kỹ thuật', level: 'chi-bo', parentCode: 'DUCS01' });
    database.close();
    const set = await runCli(['unit', 'set', '--db', file, '--parent', 'DUK01', '--secretary', 'Nguyễn Văn Hùng', '--place', 'Hà Nội', '--trade-union', 'khong'], env);
    expect(set.code).toBe(0);
    const shown = await runCli(['unit', 'show', '--db', file], env);
    expect(shown.stdout).toContain('Cấp trên:\tDUK01 (chưa đăng ký');
    expect(shown.stdout).toContain('Bí thư (người ký):\tNguyễn Văn Hùng');
    expect(shown.stdout).toContain('Địa danh trên văn bản:\tHà Nội');
    expect(shown.stdout).toContain('Có Công đoàn:\tkhông');
    const bad = await runCli(['unit', 'set', '--db', file, '--youth-union', 'maybe', '--name', 'Khác'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--youth-union/);
    const badCode = await runCli(['unit', 'set', '--db', file, '--parent', 'mã sai!'], env);
    expect(badCode.code).toBe(2);
    const self = await runCli(['unit', 'set', '--db', file, '--parent', 'CB014'], env);
    expect(self.code).toBe(2);
    expect(self.stderr).toContain('UNIT_IDENTITY_TAKEN');
    expect((await runCli(['unit', 'show', '--db', file], env)).stdout).toContain('Tên đơn vị:\tChi bộ Kỹ thuật\n');
  });

  it("fills the secretary and the place into a 5-KNĐ draft", async () => {
    const dir = tempDir();
    const { ctx, database, file } = testContext('2026-11-23', undefined, dir);
    ctx.db.transaction((tx) => {
      for (let i = 1; i <= 5; i++) {
        createMember(ctx, { fullName: `Đảng viên ${i}`, status: 'chinh-thuc', joinedOn: '2010-01-05', fullMemberSince: '2011-01-05' }, tx);
      }
    });
    importDossiers(ctx, [
      { label: 'Lan', dossier: { format: 'ptdv.dossier/1', unit: { code: 'CB014' }, candidate: { fullName: 'Nguyễn Thị Lan', birthDate: '2001-05-14' }, events: [{ type: 'DOSSIER_STARTED', date: '2026-03-02' }, { type: 'CHI_BO_VOTED', date: '2026-06-01', yes: 5, eligible: 5 }], documents: [], introducers: [], mentors: [] } },
    ]);
    database.close();
    expect((await runCli(['unit', 'set', '--db', file, '--secretary', 'Trần Thị Bình', '--place', 'Đà Nẵng'], env)).code).toBe(0);
    const out = join(dir, 'mau5.docx');
    const made = await runCli(['form', '--db', file, '--form', '5', '--candidate', 'Nguyễn Thị Lan', '--out', out], env);
    expect(made.stderr).toBe('');
    const text = await docxText(readFileSync(out));
    expect(text).toContain('Trần Thị Bình');
    expect(text).toContain('Đà Nẵng');
  });
});
