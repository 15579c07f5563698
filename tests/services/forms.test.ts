import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { units } from '../../db/schema/index';
import type { Database } from '../../db/client';
import type { CandidateEvent, Dossier } from '../../electron/core/model/dossier';
import { candidateDetail } from '../../electron/core/store/candidates';
import { addEvent, listCandidates, voidEvent } from '../../electron/core/services/candidate-service';
import type { ServiceContext } from '../../electron/core/services/context';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { formDraft } from '../../electron/core/services/form-service';
import { createMember } from '../../electron/core/services/member-service';
import { testContext } from '../helpers/db';
import { docxText } from '../helpers/docx-text';

// A cell of 13 full members (one exempt from activities, so 12 can vote), two probationary members admitted in
// January and one in July, under "Đảng ủy phường Ba Đình"; today is 23/11/2026.
const TODAY = '2026-11-23';
let open: Database[] = [];
afterEach(() => {
  open.forEach((d) => d.close());
  open = [];
});

function cell(): ServiceContext {
  const t = testContext(TODAY, { code: 'CB005', name: 'Chi bộ Khu dân cư số 5', level: 'chi-bo', parentCode: 'DU001' });
  open.push(t.database);
  const ctx = t.ctx;
  // What the superior's trust file brings: its name.
  ctx.db.update(units).set({ name: 'Đảng ủy phường Ba Đình' }).where(eq(units.code, 'DU001')).run();
  ctx.db.transaction((tx) => {
    for (let i = 1; i <= 13; i++) {
      createMember(ctx, { fullName: `Đảng viên ${i}`, status: 'chinh-thuc', joinedOn: '2010-01-05', fullMemberSince: '2011-01-05', exempt: i === 13 }, tx);
    }
    createMember(ctx, { fullName: 'Dự bị Một', status: 'du-bi', joinedOn: '2026-01-10' }, tx);
    createMember(ctx, { fullName: 'Dự bị Hai', status: 'du-bi', joinedOn: '2026-01-20' }, tx);
    createMember(ctx, { fullName: 'Dự bị Ba', status: 'du-bi', joinedOn: '2026-07-02' }, tx);
  });
  return ctx;
}

function add(ctx: ServiceContext, fullName: string, events: CandidateEvent[]): string {
  const dossier: Dossier = {
    format: 'ptdv.dossier/1',
    unit: { code: 'CB005' },
    candidate: { fullName, gender: 'nu', birthDate: '2001-05-14', ethnicity: 'Tày', education: 'dai-hoc', occupation: 'cong-nhan', introductionPath: 'doan' },
    events,
    documents: [],
    introducers: [{ name: 'Lê Thị Hoa' }, { name: 'Đảng viên 2' }],
    mentors: [],
  };
  importDossiers(ctx, [{ label: fullName, dossier }]);
  return listCandidates(ctx.db, { query: fullName, offset: 0, limit: 1 }).rows[0]!.id;
}

const preparing: CandidateEvent[] = [
  { type: 'LISTED', date: '2025-02-05' },
  { type: 'COURSE_CERTIFIED', date: '2025-03-01' },
  { type: 'DOSSIER_STARTED', date: '2026-03-02' },
];
const lan = (ctx: ServiceContext) => add(ctx, 'Nguyễn Thị Lan', [...preparing, { type: 'CHI_BO_VOTED', date: '2026-06-01', yes: 9, eligible: 12 }]);
const thu = (ctx: ServiceContext) =>
  add(ctx, 'Võ Thị Thu', [
    ...preparing,
    { type: 'CHI_BO_VOTED', date: '2024-12-02', yes: 10, eligible: 12 },
    { type: 'ADMISSION_DECIDED', date: '2025-01-15', number: '45-QĐ/ĐU' },
    { type: 'CEREMONY_HELD', date: '2025-03-05' },
    { type: 'RECOGNITION_VOTED', date: '2026-03-09', yes: 11, eligible: 14 },
  ]);
/** Word splits a line where it likes; the reader sees words separated by spaces. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('form drafts filled from the database', () => {
  it('6-KNĐ carries the name, the meeting day, the recorded vote and the roster’s probationary members that day', async () => {
    const ctx = cell();
    const draft = await formDraft(ctx.db, { form: '6-KNĐ', candidateId: lan(ctx), number: '12-NQ/CB', place: 'Hà Nội' });
    const t = flat(await docxText(draft.bytes));
    expect(draft.subject).toBe('Nguyễn Thị Lan');
    for (const s of [
      'ĐẢNG BỘ PHƯỜNG BA ĐÌNH',
      'CHI BỘ KHU DÂN CƯ SỐ 5',
      'Số 12-NQ/CB',
      'Hà Nội, ngày 01 tháng 06 năm 2026',
      'Ngày 01/06/2026, Chi bộ Khu dân cư số 5 đã họp để xét đề nghị kết nạp vào Đảng đối với quần chúng Nguyễn Thị Lan.',
      'Tổng số đảng viên chính thức của chi bộ: 12 đồng chí.',
      'Tổng số đảng viên dự bị: 2 đồng chí.',
      'Sinh ngày: 14/05/2001; dân tộc: Tày',
      'Nghề nghiệp: Công nhân, người lao động; trình độ học vấn: Đại học',
      'Người giới thiệu: đồng chí Lê Thị Hoa và đồng chí Đảng viên 2; tổ chức giới thiệu: Đoàn Thanh niên Cộng sản Hồ Chí Minh.',
      'tán thành việc kết nạp: 9 đồng chí, bằng 75%',
      'Chi bộ đề nghị Đảng ủy phường Ba Đình xem xét, kết nạp quần chúng Nguyễn Thị Lan',
    ]) {
      expect(t).toContain(s);
    }
    expect(draft.notes).toEqual([]);
  });

  it('13-KNĐ carries the ceremony, the end of probation and the recognition vote, and flags a count the roster does not match', async () => {
    const ctx = cell();
    const draft = await formDraft(ctx.db, { form: '13-KNĐ', candidateId: thu(ctx) });
    const t = flat(await docxText(draft.bytes));
    for (const s of [
      'Đề nghị công nhận đảng viên chính thức',
      'Ngày 09/03/2026, Chi bộ Khu dân cư số 5 đã họp',
      'Quyết định kết nạp số 45-QĐ/ĐU ngày 15/01/2025; kết nạp vào Đảng (lễ kết nạp) ngày 05/03/2025.',
      'Hết thời hạn dự bị ngày: 05/03/2026',
      'Tổng số đảng viên chính thức của chi bộ: 14 đồng chí.',
      'tán thành việc công nhận: 11 đồng chí, bằng 78,6%',
    ]) {
      expect(t).toContain(s);
    }
    // No place given: the secretary writes it in by hand.
    expect(t).toContain('……………, ngày 09 tháng 03 năm 2026');
    expect(draft.notes).toEqual([
      'Biểu quyết ngày 09/03/2026 ghi 14 đảng viên chính thức, còn danh sách đảng viên của chi bộ ngày đó có 12 người có quyền biểu quyết. Mẫu dùng số đã ghi khi biểu quyết; hãy kiểm tra lại trước khi ký.',
    ]);
  });

  it('5-KNĐ is offered once the cell lets the dossier start, and refused before with the reason', async () => {
    const ctx = cell();
    const listed = add(ctx, 'Trần Quốc Huy', [{ type: 'LISTED', date: '2025-02-05' }]);
    await expect(formDraft(ctx.db, { form: '5-KNĐ', candidateId: listed })).rejects.toThrow('Trần Quốc Huy — mẫu 5-KNĐ: Chưa có: chi bộ chưa cho làm hồ sơ');
    addEvent(ctx, listed, { type: 'DOSSIER_STARTED', date: '2026-04-01' });
    const t = flat(await docxText((await formDraft(ctx.db, { form: '5-KNĐ', candidateId: listed })).bytes));
    expect(t).toContain('TỔNG HỢP Ý KIẾN NHẬN XÉT');
    expect(t).toContain('Họ và tên quần chúng: Trần Quốc Huy');
    expect(t).toContain('Ngày vào danh sách cảm tình Đảng: 05/02/2025');
  });

  it('refuses 6-KNĐ once the only chi bộ vote is voided, and any draft for a unit below’s record', async () => {
    const ctx = cell();
    const id = lan(ctx);
    const vote = candidateDetail(ctx.db, id).events.find((e) => e.event.type === 'CHI_BO_VOTED')!;
    voidEvent(ctx, id, vote.id, 'Ghi nhầm ngày họp');
    await expect(formDraft(ctx.db, { form: '6-KNĐ', candidateId: id })).rejects.toThrow('chưa ghi sự kiện chi bộ biểu quyết đề nghị kết nạp');

    ctx.db.insert(units).values({ code: 'CB099', name: 'Chi bộ 99', level: 'chi-bo', parentCode: 'CB005', origin: 'mirror' }).run();
    importDossiers(ctx, [{ label: 'x', dossier: { format: 'ptdv.dossier/1', unit: { code: 'CB099' }, candidate: { fullName: 'Đỗ Văn Nam', birthDate: '1999-01-01' }, events: [...preparing], documents: [], introducers: [], mentors: [] } }], 'CB099');
    const mirrored = listCandidates(ctx.db, { unitCode: 'CB099', offset: 0, limit: 1 }).rows[0]!.id;
    await expect(formDraft(ctx.db, { form: '5-KNĐ', candidateId: mirrored })).rejects.toThrow('hồ sơ này do đơn vị CB099 gửi lên');
  });

  it('18-KNĐ lists the members whose ceremony is recorded, with the end of probation, and no one else', async () => {
    const ctx = cell();
    lan(ctx);
    thu(ctx);
    const draft = await formDraft(ctx.db, { form: '18-KNĐ' });
    const t = await docxText(draft.bytes);
    expect(draft.subject).toBe('Chi bộ Khu dân cư số 5');
    expect(t).toContain('SỔ THEO DÕI ĐẢNG VIÊN DỰ BỊ');
    expect(t).toMatch(/Võ Thị Thu\n14\/05\/2001\n45-QĐ\/ĐU, 15\/01\/2025\n05\/03\/2025\n05\/03\/2026\n/);
    expect(t).not.toContain('Nguyễn Thị Lan');
    expect(draft.notes).toEqual([]);
  });
});
