import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CALENDAR_KINDS, calendarEntrySchema, type CalendarEntry, type CalendarKind } from '../../core/domain/calendar/calendar';
import { formatViDate, isIsoDate } from '../../core/model/dates';
import { parsePeriod } from '../../core/model/report';
import { setCalendarEntry } from '../../core/services/check-service';
import { importRulebookData, rulebookOverview } from '../../core/services/check-views';
import { dashboardPeople } from '../../core/services/dashboard-people';
import { buildDashboard } from '../../core/services/dashboard-service';
import { DASHBOARD_COUNTS, dashboardPeopleQuerySchema } from '../../core/model/dashboard';
import { underTccsd } from '../../core/domain/lists';
import { describeInputIssues } from '../../core/errors';
import { listFrozenReports } from '../../core/services/report-service';
import { calendarEntries } from '../../core/store/calendar';
import { countingDay, parse, required, yearOption } from '../args';
import { clockOf, withDatabase } from '../database';
import { UsageError } from '../io';
import { ADMISSION_TRAITS } from '../../core/domain/reports/admissions';
import { STAGE_LABELS, type Stage } from '../../core/domain/rules/index';
import type { Command } from './index';

// The same services and schemas as the window's IPC (dashboard:get, reports:list-frozen, rules:*, calendar:*),
// so an office's batch run and the screen never disagree.

function day(value: string | undefined, flag: string): string {
  const d = required(value, flag);
  if (!isIsoDate(d)) {
    throw new UsageError(`${flag} cần là ngày dạng YYYY-MM-DD (ví dụ 2026-09-02), không phải "${d}"`);
  }
  return d;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

export const dashboard: Command = {
  path: ['dashboard'],
  summary: 'Tổng quan của cấp trên: kết nạp so với chỉ tiêu, tiến trình, quá hạn theo đơn vị',
  usage: 'ptdv dashboard --db FILE --year 2026 [--as-of YYYY-MM-DD] [--json]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, 'as-of': { type: 'string' }, json: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const y = yearOption(values.year);
    const asOf = countingDay(values['as-of'], clockOf(io).today());
    return withDatabase(file, io, ({ database }) => {
      const d = buildDashboard(database.db, { year: y, asOf });
      if (values.json) {
        io.out(json(d));
        return 0;
      }
      io.out(`Tổng quan năm ${d.year}${d.scope ? ` — ${d.scope.name}` : ''} (tính đến ${formatViDate(d.countedTo)})`);
      io.out(['Đơn vị', 'Hồ sơ', 'Kết nạp', 'Chỉ tiêu', 'Quá hạn/lỗi'].join('\t'));
      // A cell's dashboard has one line, its own, which is also its total.
      const ownTotal = d.units.includes(d.total);
      // As on the screen: each chi bộ right under its đảng ủy cơ sở, set in.
      const { rows, sub } = underTccsd(d.units);
      for (const u of ownTotal ? rows : [...rows, d.total]) {
        const target = u.target ? `${u.target.targetCount}${u.target.percentAchieved === null ? '' : ` (${u.target.percentAchieved.toLocaleString('vi-VN')}%)`}` : '—';
        const place = u.tccsd ? ` (thuộc ${u.tccsd.code})` : u.subtree ? ` (cả đảng bộ: ${u.subtree.candidates} hồ sơ, kết nạp ${u.subtree.admissions})` : '';
        io.out([u === d.total && !ownTotal ? 'Tổng cộng' : `${sub.has(u.code) ? '  ' : ''}${u.code} ${u.name}${place}`, u.candidates, u.admissions, target, u.overdue].join('\t'));
      }
      if (d.unitsWithoutAdmission.length > 0) {
        io.out(`Chưa kết nạp được ai trong năm: ${d.unitsWithoutAdmission.map((u) => u.code).join(', ')}`);
      }
      if (d.unitsNotReported.length > 0) {
        io.out(`Chưa gửi báo cáo: ${d.unitsNotReported.map((u) => u.code).join(', ')}`);
      }
      if (d.duplicates.length > 0) {
        io.out(`Cùng một người có hồ sơ ở nhiều đơn vị (${d.duplicates.length}):`);
        for (const dup of d.duplicates) {
          const where = dup.occurrences.map((o) => `${o.unitCode} (${STAGE_LABELS[o.stage as Stage] ?? o.stage})`).join(', ');
          io.out(`  ${dup.occurrences[0]?.fullName ?? dup.name}, sinh ${formatViDate(dup.birthDate)}: ${where}`);
        }
      }
      return 0;
    });
  },
};

export const dashboardPeopleCommand: Command = {
  path: ['dashboard', 'people'],
  summary: 'Những người một con số của Tổng quan đếm (kết nạp trong năm, một bước, hồ sơ của đơn vị)',
  usage: `ptdv dashboard people --db FILE --year 2026 --count ${DASHBOARD_COUNTS.join('|')} [--stage cam-tinh] [--flow listed --from YYYY-MM-DD] [--from D --to D] [--trait women|age:18-30|… --from D] [--lead listing-admission|ceremony-recognition --from D] [--unit MÃ] [--as-of YYYY-MM-DD] [--json]`,
  async run(args, io) {
    const { values } = parse(args, {
      db: { type: 'string' },
      year: { type: 'string' },
      count: { type: 'string' },
      stage: { type: 'string' },
      flow: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      trait: { type: 'string' },
      lead: { type: 'string' },
      unit: { type: 'string' },
      'as-of': { type: 'string' },
      json: { type: 'boolean' },
    });
    const file = required(values.db, '--db');
    const query = dashboardPeopleQuerySchema.safeParse({
      year: yearOption(values.year),
      count: required(values.count, '--count'),
      ...(values.stage ? { stage: values.stage } : {}),
      ...(values.flow ? { flow: values.flow } : {}),
      ...(values.from ? { from: day(values.from, '--from') } : {}),
      ...(values.to ? { to: day(values.to, '--to') } : {}),
      ...(values.trait ? { trait: values.trait } : {}),
      ...(values.lead ? { lead: values.lead } : {}),
      ...(values.unit ? { unitCode: values.unit } : {}),
      offset: 0,
      limit: 0,
    });
    if (!query.success) {
      throw new UsageError(describeInputIssues(query.error.issues));
    }
    if (query.data.trait !== undefined && !ADMISSION_TRAITS.includes(query.data.trait)) {
      throw new UsageError(`--trait không hợp lệ: "${query.data.trait}". Chọn một trong: ${ADMISSION_TRAITS.join(', ')}.`);
    }
    if (query.data.to !== undefined && query.data.count !== 'admissions') {
      throw new UsageError(`--to chỉ dùng với --count admissions (những người kết nạp từ --from đến --to); "${query.data.count}" đếm đến ngày tính số liệu.`);
    }
    if (query.data.from !== undefined && query.data.to !== undefined && query.data.to < query.data.from) {
      throw new UsageError(`--to (${formatViDate(query.data.to)}) trước --from (${formatViDate(query.data.from)}): đổi lại hai ngày.`);
    }
    const asOf = countingDay(values['as-of'], clockOf(io).today());
    return withDatabase(file, io, ({ database }) => {
      // Every person, not a page: the list is for a batch run or a spreadsheet.
      const total = dashboardPeople(database.db, { ...query.data, asOf }).total;
      const list = dashboardPeople(database.db, { ...query.data, asOf, limit: total });
      if (values.json) {
        io.out(json(list));
        return 0;
      }
      io.out(`${list.total} người (tính đến ${formatViDate(list.countedTo)})`);
      for (const p of list.rows) {
        io.out([p.fullName, p.birthDate ? formatViDate(p.birthDate) : '', `${p.unitCode} ${p.unitName}`, p.stageLabel, p.admittedOn ? formatViDate(p.admittedOn) : ''].join('\t'));
      }
      return 0;
    });
  },
};

export const reportListFrozen: Command = {
  path: ['report', 'list-frozen'],
  summary: 'Danh sách báo cáo đã lưu (số, ngày, phiên bản)',
  usage: 'ptdv report list-frozen --db FILE [--period 2026-Q4] [--unit MÃ] [--json]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, period: { type: 'string' }, unit: { type: 'string' }, json: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const filter = { ...(values.period ? { period: parsePeriod(values.period).code } : {}), ...(values.unit ? { unitCode: values.unit.toUpperCase() } : {}) };
    return withDatabase(file, io, ({ database }) => {
      const rows = listFrozenReports(database.db, filter);
      if (values.json) {
        io.out(json(rows));
        return 0;
      }
      if (rows.length === 0) {
        io.out('Chưa có báo cáo nào được lưu.');
      }
      for (const r of rows) {
        io.out(`${r.unitCode}\t${r.period}\tsố ${r.number}\tngày ${formatViDate(r.issuedOn)}\tphiên bản ${r.version}${r.reason ? `\t(sửa: ${r.reason})` : ''}`);
      }
      return 0;
    });
  },
};

export const rulebookList: Command = {
  path: ['rulebook', 'list'],
  summary: 'Các bộ quy tắc đã có và bộ đang áp dụng',
  usage: 'ptdv rulebook list --db FILE [--json]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, json: { type: 'boolean' } });
    const file = required(values.db, '--db');
    return withDatabase(file, io, ({ database, ctx }) => {
      const o = rulebookOverview(database.db, ctx.clock.today());
      if (values.json) {
        io.out(json(o));
        return 0;
      }
      io.out(`Áp dụng cho việc làm ngày ${o.asOf}: bộ ${o.applied}`);
      for (const b of o.rulebooks) {
        io.out(`${b.version}\t${b.title}\ttừ ${b.validFrom}${b.validTo ? ` đến ${b.validTo}` : ''}\t${b.rules} quy tắc`);
      }
      return 0;
    });
  },
};

export const rulebookImport: Command = {
  path: ['rulebook', 'import'],
  summary: 'Nhập bộ quy tắc mới từ tệp JSON',
  usage: 'ptdv rulebook import --db FILE TỆP.json',
  async run(args, io) {
    const { values, positionals } = parse(args, { db: { type: 'string' } }, true);
    const file = required(values.db, '--db');
    if (positionals.length !== 1) {
      throw new UsageError('Ghi đúng một tệp bộ quy tắc (JSON) sau --db');
    }
    const path = resolve(io.cwd, positionals[0]!);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(path, 'utf8'));
    } catch {
      throw new UsageError(`Không đọc được tệp JSON ${path}`);
    }
    return withDatabase(file, io, ({ ctx }) => {
      const added = importRulebookData(ctx, data);
      io.out(`Đã nhập bộ quy tắc ${added.version} (${added.title}).`);
      return 0;
    });
  },
};

const KIND_LABELS: Record<CalendarKind, string> = {
  holiday: 'ngày lễ',
  compensatory: 'nghỉ bù',
  'swapped-day-off': 'nghỉ hoán đổi',
  'swapped-workday': 'làm bù',
};

function kindOf(value: string | undefined): CalendarKind {
  const k = required(value, '--kind');
  if (!(CALENDAR_KINDS as readonly string[]).includes(k)) {
    throw new UsageError(`--kind cần là một trong: ${CALENDAR_KINDS.join(', ')}; không phải "${k}"`);
  }
  return k as CalendarKind;
}

const entryLine = (e: CalendarEntry) => `${e.date}\t${KIND_LABELS[e.kind]}\t${e.name}\t${e.confirmed ? 'đã xác nhận' : 'chưa xác nhận'}${e.source ? `\t${e.source}` : ''}`;

export const calendarList: Command = {
  path: ['calendar', 'list'],
  summary: 'Lịch ngày nghỉ, nghỉ bù, làm bù dùng để tính ngày làm việc',
  usage: 'ptdv calendar list --db FILE [--year 2026] [--json]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, year: { type: 'string' }, json: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const y = values.year === undefined ? undefined : String(yearOption(values.year));
    return withDatabase(file, io, ({ database }) => {
      const rows = calendarEntries(database.db).filter((e) => y === undefined || e.date.startsWith(y));
      if (values.json) {
        io.out(json(rows));
        return 0;
      }
      for (const e of rows) {
        io.out(entryLine(e));
      }
      return 0;
    });
  },
};

export const calendarAdd: Command = {
  path: ['calendar', 'add'],
  summary: 'Thêm hoặc sửa một ngày trong lịch (chưa xác nhận cho đến khi calendar confirm)',
  usage: `ptdv calendar add --db FILE --date YYYY-MM-DD --kind ${CALENDAR_KINDS.join('|')} --name "Tên" [--source "Văn bản"] [--confirmed]`,
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, date: { type: 'string' }, kind: { type: 'string' }, name: { type: 'string' }, source: { type: 'string' }, confirmed: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const parsed = calendarEntrySchema.safeParse({ date: day(values.date, '--date'), kind: kindOf(values.kind), name: required(values.name, '--name'), source: values.source ?? '', confirmed: values.confirmed ?? false });
    if (!parsed.success) {
      throw new UsageError(`Ngày lịch không hợp lệ: ${describeInputIssues(parsed.error.issues)}`);
    }
    return withDatabase(file, io, ({ ctx }) => {
      setCalendarEntry(ctx, parsed.data);
      io.out(`Đã ghi ${entryLine(parsed.data).replaceAll('\t', ' — ')}.`);
      return 0;
    });
  },
};

export const calendarConfirm: Command = {
  path: ['calendar', 'confirm'],
  summary: 'Xác nhận một ngày trong lịch sau khi đối chiếu văn bản',
  usage: 'ptdv calendar confirm --db FILE --date YYYY-MM-DD [--source "Văn bản"]',
  async run(args, io) {
    const { values } = parse(args, { db: { type: 'string' }, date: { type: 'string' }, source: { type: 'string' } });
    const file = required(values.db, '--db');
    const date = day(values.date, '--date');
    return withDatabase(file, io, ({ ctx }) => {
      const entry = calendarEntries(ctx.db).find((e) => e.date === date);
      if (!entry) {
        io.err(`Lịch chưa có ngày ${date}; thêm bằng ptdv calendar add trước.`);
        return 1;
      }
      const confirmed = { ...entry, confirmed: true, ...(values.source === undefined ? {} : { source: values.source.trim() }) };
      setCalendarEntry(ctx, confirmed);
      io.out(`Đã xác nhận ${entryLine(confirmed).replaceAll('\t', ' — ')}.`);
      return 0;
    });
  },
};

