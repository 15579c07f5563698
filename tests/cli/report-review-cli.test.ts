import { describe, expect, it } from 'vitest';
import { exportUnitReport } from '../../electron/core/services/bundle-export';
import { importBundle } from '../../electron/core/services/bundle-import';
import { listCandidates } from '../../electron/core/services/candidate-service';
import { addNote, exportDirective } from '../../electron/core/services/directive-service';
import { freezeReport } from '../../electron/core/services/report-service';
import { runCli } from '../helpers/cli';
import { TEST_PASSPHRASE } from '../helpers/db';
import { asFile, enrolledPair, readyForAdmission, TODAY } from '../helpers/sync';

const ptdv = (argv: string[]) => runCli(argv, { PTDV_PASSPHRASE: TEST_PASSPHRASE, PTDV_TODAY: TODAY });

/** A superior database file holding CB014's frozen report for 2026 Q4. */
async function superiorWithReport(): Promise<string> {
  const { superior, unit } = await enrolledPair();
  freezeReport(unit.ctx, { period: '2026-Q4', number: '07-BC/CB' });
  await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
  superior.database.close();
  unit.database.close();
  return superior.file;
}

describe('ptdv report approve | return', () => {
  it('refuses bad input with exit 2 and a Vietnamese message, changing nothing', async () => {
    const db = await superiorWithReport();
    const noComment = await ptdv(['report', 'return', '--db', db, '--unit', 'CB014', '--period', '2026Q4']);
    expect(noComment.code).toBe(2);
    expect(noComment.stderr).toContain('Thiếu tham số bắt buộc --comment');
    const blank = await ptdv(['report', 'return', '--db', db, '--unit', 'CB014', '--period', '2026Q4', '--comment', '   ']);
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('--comment cần ghi rõ');
    const badPeriod = await ptdv(['report', 'approve', '--db', db, '--unit', 'CB014', '--period', 'quý 4']);
    expect(badPeriod.code).toBe(2);
    expect(badPeriod.stderr).toMatch(/kỳ/i);
    const unknown = await ptdv(['report', 'approve', '--db', db, '--unit', 'CB999', '--period', '2026Q4']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không có đơn vị cấp dưới mã CB999');
    const list = JSON.parse((await ptdv(['report', 'list-frozen', '--db', db, '--json'])).stdout);
    expect(list).toEqual([expect.objectContaining({ unitCode: 'CB014', version: 1, review: null })]);
  });

  it('returns with a comment (text), then, before it is sent, approves instead (--json); list-frozen shows the verdict', async () => {
    const db = await superiorWithReport();
    const returned = await ptdv(['report', 'return', '--db', db, '--unit', 'cb014', '--period', '2026Q4', '--comment', 'Thiếu số liệu quý IV.']);
    expect(returned.code).toBe(0);
    expect(returned.stdout).toContain('Đã trả lại báo cáo Quý IV năm 2026 phiên bản 1 của CB014: Thiếu số liệu quý IV.');
    let list = JSON.parse((await ptdv(['report', 'list-frozen', '--db', db, '--json'])).stdout);
    expect(list[0].review).toMatchObject({ verdict: 'returned', comment: 'Thiếu số liệu quý IV.', sent: false });

    const approved = await ptdv(['report', 'approve', '--db', db, '--unit', 'CB014', '--period', '2026-Q4', '--json']);
    expect(approved.code).toBe(0);
    expect(JSON.parse(approved.stdout)).toMatchObject({ unitCode: 'CB014', period: '2026-Q4', version: 1, verdict: 'approved', comment: null, sent: false });
    list = JSON.parse((await ptdv(['report', 'list-frozen', '--db', db, '--json'])).stdout);
    expect(list[0].review).toMatchObject({ verdict: 'approved' });

    // Once a directive carried it, the verdict stands (exit 1: refused, not bad input).
    expect((await ptdv(['directive', 'export', '--db', db, '--to', 'CB014', '--out', `${db}-out`])).code).toBe(0);
    const again = await ptdv(['report', 'return', '--db', db, '--unit', 'CB014', '--period', '2026Q4', '--comment', 'Đổi ý']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('đã gửi cho đơn vị');
  });
});

describe('ptdv directive resolve', () => {
  it('marks a request about a candidate handled at the unit, with an answer; list shows what is still open', async () => {
    const { superior, unit } = await enrolledPair();
    readyForAdmission(unit);
    await importBundle(superior.ctx, asFile(await exportUnitReport(unit.ctx, '2026Q4')));
    const copy = listCandidates(superior.ctx.db, { unitCode: 'CB014', offset: 0, limit: 10 }).rows[0]!;
    addNote(superior.ctx, { unitCode: 'CB014', kind: 'request-dossier', text: 'Bổ sung lý lịch.', candidateId: copy.id });
    await importBundle(unit.ctx, asFile(await exportDirective(superior.ctx, 'CB014')));
    superior.database.close();
    unit.database.close();

    const before = await ptdv(['directive', 'list', '--db', unit.file]);
    const id = /\[chưa xử lý — ptdv directive resolve --id (\S+)\]/.exec(before.stdout)?.[1];
    expect(before.stdout).toContain('Bổ sung lý lịch. — Vi Văn Khánh');
    expect(id).toBeDefined();
    const unknown = await ptdv(['directive', 'resolve', '--db', unit.file, '--id', 'khong-co']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không có ý kiến hay yêu cầu nào của cấp trên với mã này.');
    const done = await ptdv(['directive', 'resolve', '--db', unit.file, '--id', id!, '--answer', 'Đã bổ sung.']);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain('Đã đánh dấu đã xử lý: Bổ sung lý lịch. — Vi Văn Khánh.');
    const after = await ptdv(['directive', 'list', '--db', unit.file]);
    expect(after.stdout).not.toContain('chưa xử lý');
    expect(after.stdout).toMatch(/Bổ sung lý lịch\. — Vi Văn Khánh {2}\[đơn vị đã xử lý ngày \d\d\/\d\d\/\d{4}: Đã bổ sung\.\]/);
  });
});
