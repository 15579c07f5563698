import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { matchesSearch, MEMBER_COLUMNS, sortByColumn, sortRows } from '../../electron/core/domain/lists';
import { createCandidate, listCandidates } from '../../electron/core/services/candidate-service';
import { todoPage } from '../../electron/core/services/check-views';
import { exportList } from '../../electron/core/services/list-export';
import { createMember } from '../../electron/core/services/member-service';
import { testContext } from '../helpers/db';

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

async function sheetRows(bytes: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1);
    rows.push(values.map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ''))));
  });
  return rows;
}

describe('list search and sort', () => {
  it('finds every word typed without diacritics, in any of the texts', () => {
    expect(matchesSearch('nguyen lan', 'Nguyễn Thị Lan')).toBe(true);
    expect(matchesSearch('DUC', 'Trần Văn Đức')).toBe(true);
    expect(matchesSearch('lan hoa', 'Nguyễn Thị Lan')).toBe(false);
    expect(matchesSearch('cb014', 'Chi bộ Kỹ thuật', 'CB014')).toBe(true);
    expect(matchesSearch('  ', 'x')).toBe(true);
  });

  it('keeps empty values at the bottom whichever way a column is sorted', () => {
    const rows = [{ v: 2 }, { v: null }, { v: 10 }, { v: 1 }];
    expect(sortRows(rows, (r) => r.v, 'asc').map((r) => r.v)).toEqual([1, 2, 10, null]);
    expect(sortRows(rows, (r) => r.v, 'desc').map((r) => r.v)).toEqual([10, 2, 1, null]);
  });

  it('sorts people by given name, then the rest, as Vietnamese lists are sorted', () => {
    // Names whose sort keys a collator would reorder (a key starting "[" or "Z[" sorted before letters).
    const names = ['Vũ Hồng Uyên', 'Đặng Phương Yến', 'Trần Thu Trang', 'Bùi Hữu An', 'Lê Văn Hải', 'Ngô Văn Hùng', 'Phạm Minh Tuấn', 'Hoàng Thị Ánh'];
    const members = names.map((fullName) => ({ fullName }) as Parameters<(typeof MEMBER_COLUMNS)[number]['cell']>[0]);
    const sorted = (dir: 'asc' | 'desc') => sortByColumn(members, MEMBER_COLUMNS, { column: 'name', dir }).map((m) => m.fullName);
    expect(sorted('asc')).toEqual(['Bùi Hữu An', 'Hoàng Thị Ánh', 'Lê Văn Hải', 'Ngô Văn Hùng', 'Trần Thu Trang', 'Phạm Minh Tuấn', 'Vũ Hồng Uyên', 'Đặng Phương Yến']);
    expect(sorted('desc')).toEqual([...sorted('asc')].reverse());
  });

  it('sorts candidates by birth date or stage in the database, name order breaking ties', () => {
    const ctx = setup();
    createCandidate(ctx, { fullName: 'Nguyễn Thị Lan', birthDate: '1999-01-01' }, { type: 'LISTED', date: '2026-02-05' });
    createCandidate(ctx, { fullName: 'Trần Văn Đức', birthDate: '2001-01-01' }, { type: 'SOURCE_PROPOSED', date: '2026-01-10', by: 'doan' });
    createCandidate(ctx, { fullName: 'Lê Thị Ánh', birthDate: '2000-01-01' }, { type: 'SOURCE_PROPOSED', date: '2026-01-10', by: 'doan' });
    const names = (sort: { column: string; dir: 'asc' | 'desc' }) => listCandidates(ctx.db, { sort, offset: 0, limit: 10 }).rows.map((r) => r.fullName);
    expect(names({ column: 'birthDate', dir: 'desc' })).toEqual(['Trần Văn Đức', 'Lê Thị Ánh', 'Nguyễn Thị Lan']);
    expect(names({ column: 'stage', dir: 'desc' })).toEqual(['Nguyễn Thị Lan', 'Lê Thị Ánh', 'Trần Văn Đức']);
    expect(names({ column: 'name', dir: 'desc' })).toEqual(['Nguyễn Thị Lan', 'Trần Văn Đức', 'Lê Thị Ánh']);
  });
});

describe('Xuất Excel of a list', () => {
  it('writes the members as searched and sorted on screen, with Vietnamese headers and real dates', async () => {
    const ctx = setup();
    for (const [fullName, fullMemberSince] of [
      ['Trần Văn Bình', '2011-03-03'],
      ['Đỗ Thị Hà', '2015-01-01'],
      ['Trần Thị Hoa', '2009-06-01'],
    ] as const) {
      ctx.db.transaction((tx) => createMember(ctx, { fullName, status: 'chinh-thuc', fullMemberSince }, tx));
    }
    const out = await exportList(ctx, { list: 'members', query: 'tran', sort: { column: 'fullMemberSince', dir: 'asc' } });
    expect(out.rows).toBe(2);
    const rows = await sheetRows(out.bytes);
    expect(rows[0]?.[0]).toBe('DANH SÁCH ĐẢNG VIÊN');
    expect(rows[1]?.[0]).toContain('Chi bộ Kỹ thuật');
    // A printed copy says how it was narrowed and ordered, so it is not taken for the whole list.
    expect(rows[1]?.[0]).toMatch(/ · lọc: tìm “tran”; xếp theo .+ tăng dần$/);
    expect(rows[2]?.slice(0, 4)).toEqual(['Họ và tên', 'Giới tính', 'Ngày sinh', 'Trạng thái']);
    expect(rows.slice(3).map((r) => [r[0], r[3], r[5]])).toEqual([
      ['Trần Thị Hoa', 'Chính thức', '2009-06-01'],
      ['Trần Văn Bình', 'Chính thức', '2011-03-03'],
    ]);
  });

  it('writes every to-do item matching a name typed without diacritics, with the finding in words', async () => {
    const ctx = setup();
    createCandidate(ctx, { fullName: 'Nguyễn Thị Lan', birthDate: '1999-01-01' }, { type: 'LISTED', date: '2025-02-05' });
    createCandidate(ctx, { fullName: 'Trần Văn Đức', birthDate: '2001-01-01' }, { type: 'LISTED', date: '2025-02-05' });
    const onScreen = todoPage(ctx, { query: 'nguyen', offset: 0, limit: 100 });
    expect(onScreen.total).toBeGreaterThan(0);
    expect(onScreen.rows.every((r) => r.name === 'Nguyễn Thị Lan')).toBe(true);
    const out = await exportList(ctx, { list: 'todo', query: 'nguyen' });
    expect(out.rows).toBe(onScreen.total);
    const rows = await sheetRows(out.bytes);
    expect(rows[1]?.[0]).toContain('lọc: tìm “nguyen”');
    expect(rows[2]).toContain('Việc cần làm');
    const body = rows.slice(3);
    expect(body.every((r) => r[2] === 'Nguyễn Thị Lan')).toBe(true);
    // The finding is named in words; the code only follows in its own column for tools.
    expect(body.every((r) => !/^[A-Z_]+$/.test(r[4] ?? ''))).toBe(true);
  });

  it('pages through a sorted, searched to-do list in one order, and sees a new candidate after a change', () => {
    const ctx = setup();
    for (const name of ['Nguyễn Thị Lan', 'Nguyễn Văn Bình', 'Nguyễn Thị Ánh', 'Trần Văn Đức']) {
      createCandidate(ctx, { fullName: name, birthDate: '1999-01-01' }, { type: 'LISTED', date: '2025-02-05' });
    }
    const page = (offset: number) => todoPage(ctx, { query: 'nguyen', sort: { column: 'name', dir: 'desc' }, offset, limit: 1 }).rows.map((r) => r.name);
    expect([...page(0), ...page(1), ...page(2)]).toEqual(['Nguyễn Thị Lan', 'Nguyễn Văn Bình', 'Nguyễn Thị Ánh']);
    createCandidate(ctx, { fullName: 'Nguyễn Văn Minh', birthDate: '1999-01-01' }, { type: 'LISTED', date: '2025-02-05' });
    expect(page(0)).toEqual(['Nguyễn Văn Minh']);
  });

  it('writes all candidates, not only the first page', async () => {
    const ctx = setup();
    for (let i = 0; i < 120; i++) {
      createCandidate(ctx, { fullName: `Phạm Văn Số ${i}`, birthDate: `19${70 + (i % 30)}-01-01` });
    }
    const out = await exportList(ctx, { list: 'candidates', sort: { column: 'birthDate', dir: 'asc' } });
    expect(out.rows).toBe(120);
    const rows = (await sheetRows(out.bytes)).slice(3);
    expect(rows).toHaveLength(120);
    expect(rows[0]?.[2]).toBe('1970-01-01');
    expect(rows.at(-1)?.[2]).toBe('1999-01-01');
  });
});
