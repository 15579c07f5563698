import { writeFileAtomic } from '../../../db/atomic';
import { formatViDate, isIsoDate } from '../../core/model/dates';
import { parsePeriod } from '../../core/model/report';
import { REPORT_OUTPUT_FORMATS, type ReportOutputFormat } from '../../core/model/report-records';
import type { ReviewVerdict } from '../../core/model/report-review';
import { reviewReport } from '../../core/services/review-service';
import type { ServiceContext } from '../../core/services/context';
import { unitProfile } from '../../core/services/unit-service';
import { buildUnitReport, exportReport, freezeReport, listFrozenReports, reportMeta, renderReport, type ReportScope } from '../../core/services/report-service';
import { OWN_LINE, unitRows } from '../../core/domain/reports/unit-tables';
import { formatCell } from '../../core/domain/reports/table-model';
import type { UnitReport } from '../../core/model/report';
import { countingDay, outFile, parse, required } from '../args';
import { clockOf, withDatabase } from '../database';
import { UsageError } from '../io';
import { chromiumPdfRenderer } from '../pdf-chromium';
import type { Command } from './index';

function format(value: string | undefined): ReportOutputFormat {
  const f = required(value, '--format').toLowerCase();
  if (!(REPORT_OUTPUT_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(`Định dạng "${value}" không hỗ trợ; chọn một trong: ${REPORT_OUTPUT_FORMATS.join(', ')}`);
  }
  return f as ReportOutputFormat;
}

function date(value: string | undefined, flag: string): string | undefined {
  if (value !== undefined && !isIsoDate(value)) {
    throw new UsageError(`${flag} cần là ngày dạng YYYY-MM-DD (ví dụ 2026-12-31), không phải "${value}"`);
  }
  return value;
}

function scopeOf(values: { unit?: string | undefined; all?: boolean | undefined }): ReportScope {
  if (values.unit && values.all) {
    throw new UsageError('Chọn --unit MÃ hoặc --all, không dùng cả hai');
  }
  return { unitCode: values.unit, all: values.all };
}

/**
 * With neither --unit nor --all, a committee's report is its whole tree, as the app's Báo cáo screen shows it: its
 * own candidates alone are usually none, and a report of zeros must not be frozen and sent by mistake.
 */
function defaultScope(ctx: ServiceContext, scope: ReportScope): ReportScope {
  return scope.unitCode || scope.all || unitProfile(ctx).level === 'chi-bo' ? scope : { all: true };
}

/** `--frozen N`: a version number, never with the options that build a report anew. */
function frozenVersion(value: string | undefined, values: { 'as-of'?: string | undefined; number?: string | undefined }): number | null {
  if (value === undefined) {
    return null;
  }
  if (!/^[1-9]\d{0,3}$/.test(value)) {
    throw new UsageError(`--frozen cần là số phiên bản (1, 2…), không phải "${value}"`);
  }
  if (values['as-of'] !== undefined || values.number !== undefined) {
    throw new UsageError('--frozen in lại báo cáo đã lưu đúng như đã gửi: không dùng cùng --as-of hay --number');
  }
  return Number(value);
}

const scopeOptions = { db: { type: 'string' }, period: { type: 'string' }, unit: { type: 'string' }, all: { type: 'boolean' } } as const;

export const report: Command = {
  path: ['report'],
  summary: 'Lập báo cáo kết nạp đảng viên theo kỳ (XLSX, DOCX, PDF hoặc JSON)',
  usage:
    'ptdv report --db FILE --period 2026-Q4 --format xlsx|docx|pdf|json --out FILE [--unit MÃ | --all] [--as-of YYYY-MM-DD] [--number 05-BC/CB] [--place "Hà Nội"] [--frozen N]\n' +
    '  Kỳ: 2026 (năm), 2026-H1/H2, 2026-9M, 2026-Q1…Q4, 2026-01…12. --all: tổng hợp các đơn vị cấp dưới. PDF cần Chromium (PTDV_CHROMIUM).\n' +
    '  --frozen N: in lại phiên bản N đã lưu (report freeze) đúng như đã gửi, với số và ngày của nó (xem report list-frozen).',
  async run(args, io) {
    const { values } = parse(args, { ...scopeOptions, format: { type: 'string' }, out: { type: 'string' }, 'as-of': { type: 'string' }, number: { type: 'string' }, place: { type: 'string' }, frozen: { type: 'string' } });
    const file = required(values.db, '--db');
    const period = parsePeriod(required(values.period, '--period'));
    const kind = format(values.format);
    const out = outFile(io.cwd, values.out, { db: values.db, example: 'bao-cao.xlsx' });
    const scope = scopeOf(values);
    const asOf = countingDay(values['as-of'], clockOf(io).today());
    const version = frozenVersion(values.frozen, values);
    return withDatabase(file, io, async ({ database, ctx }) => {
      if (version !== null) {
        // As sent upward: its figures, number, date and signer as frozen, whatever changed since.
        const unitCode = scope.unitCode?.toUpperCase() ?? unitProfile(ctx).code;
        const frozen = listFrozenReports(database.db, { period: period.code, unitCode }).find((r) => r.version === version);
        if (!frozen) {
          throw new UsageError(`--frozen: ${unitCode} chưa lưu phiên bản ${version} của báo cáo ${period.label} (xem ptdv report list-frozen).`);
        }
        writeFileAtomic(out, await exportReport(database.db, { period: period.code, format: kind, frozenId: frozen.id, place: values.place }, ctx.clock.today(), io.pdf ?? chromiumPdfRenderer(io.env)));
        io.out(`Đã ghi báo cáo ${period.label} số ${frozen.number} ngày ${formatViDate(frozen.issuedOn)} (phiên bản ${version}, như đã gửi) vào ${out}.`);
        return 0;
      }
      const built = buildUnitReport(database.db, { ...defaultScope(ctx, scope), period, asOf });
      const meta = reportMeta(database.db, built, { number: values.number ?? null, place: values.place ?? null });
      const bytes = await renderReport(built, kind, meta, io.pdf ?? chromiumPdfRenderer(io.env));
      writeFileAtomic(out, bytes);
      const candidates = built.units.reduce((sum, u) => sum + u.candidates, 0);
      io.out(`Đã ghi báo cáo ${built.period.label} (${built.units.length} đơn vị, ${candidates} hồ sơ, tính đến ${formatViDate(built.countedTo)}) vào ${out}.`);
      return 0;
    });
  },
};

const vn = (v: number) => formatCell(v, 'number');

/** A row of `report units`: the figures a reader compares first, in the report's own words and number format. */
function unitLine(stt: string, label: string, u: UnitReport): string {
  const year = u.targets.find((t) => t.period === 'year' && t.source === 'superior') ?? u.targets.find((t) => t.period === 'year');
  const target = year ? `${vn(year.targetCount)}${year.percentAchieved === null ? '' : ` (đạt ${formatCell(year.percentAchieved, 'percent')}%)`}` : '—';
  const errors = u.quality.findings.reduce((a, f) => a + f.count, 0);
  return [stt, label, vn(u.candidates), vn(u.fullMembersAtYearStart), vn(u.flows.admitted), vn(u.quality.admissionsThisYear), target, vn(errors)].join('\t');
}

export const reportUnits: Command = {
  path: ['report', 'units'],
  summary: 'In bảng số liệu theo đơn vị của báo cáo: mỗi tổ chức cơ sở đảng một dòng, các chi bộ trực thuộc ngay dưới',
  usage: 'ptdv report units --db FILE --period 2026-Q4 [--unit MÃ | --all] [--as-of YYYY-MM-DD] [--json]',
  async run(args, io) {
    const { values } = parse(args, { ...scopeOptions, 'as-of': { type: 'string' }, json: { type: 'boolean' } });
    const file = required(values.db, '--db');
    const period = parsePeriod(required(values.period, '--period'));
    const scope = scopeOf(values);
    const asOf = countingDay(values['as-of'], clockOf(io).today());
    return withDatabase(file, io, ({ database, ctx }) => {
      const built = buildUnitReport(database.db, { ...defaultScope(ctx, scope), period, asOf });
      const rows = unitRows(built);
      if (values.json) {
        io.out(JSON.stringify({ period: built.period, countedTo: built.countedTo, scope: built.scope, rows, total: built.total }, null, 2));
        return 0;
      }
      io.out(`Số liệu theo đơn vị — ${built.scope?.name ?? rows[0]?.name ?? ''}, ${built.period.label} (tính đến ${formatCell({ date: built.countedTo }, 'date')})`);
      io.out(['STT', 'Đơn vị', 'Hồ sơ', 'Đảng viên đầu năm', 'Kết nạp trong kỳ', 'Kết nạp từ đầu năm', 'Chỉ tiêu năm', 'Lỗi, quá hạn'].join('\t'));
      rows.forEach((g, i) => {
        io.out(unitLine(`${i + 1}`, `${g.code} ${g.name}`, g));
        // The drill-down, indented: its rows add up to the row above them.
        g.units.forEach((u, j) => io.out(unitLine(`  ${i + 1}.${j + 1}`, `  ${u.code} ${u.name}${u.code === g.code ? ` ${OWN_LINE}` : ''}`, u)));
      });
      if (built.total) {
        io.out(unitLine('', 'Tổng cộng', built.total));
      }
      return 0;
    });
  },
};

export const reportFreeze: Command = {
  path: ['report', 'freeze'],
  summary: 'Lưu báo cáo đã gửi cấp trên (số, ngày); bản sửa là phiên bản mới',
  usage: 'ptdv report freeze --db FILE --period 2026-Q4 --number "05-BC/CB" [--issued YYYY-MM-DD] [--place "Hà Nội"] [--reason "lý do sửa"] [--unit MÃ | --all]',
  async run(args, io) {
    const { values } = parse(args, { ...scopeOptions, number: { type: 'string' }, issued: { type: 'string' }, place: { type: 'string' }, reason: { type: 'string' } });
    const file = required(values.db, '--db');
    const period = parsePeriod(required(values.period, '--period')).code;
    const number = required(values.number, '--number');
    const issuedOn = date(values.issued, '--issued') ?? null;
    const scope = scopeOf(values);
    return withDatabase(file, io, ({ ctx }) => {
      const info = freezeReport(ctx, { ...defaultScope(ctx, scope), period, number, issuedOn, place: values.place ?? null, reason: values.reason ?? null });
      io.out(`Đã lưu báo cáo số ${info.number} ${parsePeriod(info.period).label} của ${info.unitCode}, phiên bản ${info.version} (ngày ${formatViDate(info.issuedOn)}).`);
      return 0;
    });
  },
};

const reviewOptions = { db: { type: 'string' }, unit: { type: 'string' }, period: { type: 'string' }, comment: { type: 'string' }, json: { type: 'boolean' } } as const;

/** `report approve` and `report return`: the same review service as the unit page's buttons. */
function reviewCommand(verdict: ReviewVerdict): Command {
  const returning = verdict === 'returned';
  return {
    path: ['report', returning ? 'return' : 'approve'],
    summary: returning ? 'Cấp trên: trả lại báo cáo đơn vị cấp dưới đã gửi, kèm ý kiến (gửi trong gói chỉ đạo kế tiếp)' : 'Cấp trên: duyệt báo cáo đơn vị cấp dưới đã gửi (gửi trong gói chỉ đạo kế tiếp)',
    usage: returning
      ? 'ptdv report return --db FILE --unit MÃ --period 2026Q3 --comment "cần sửa gì" [--json]'
      : 'ptdv report approve --db FILE --unit MÃ --period 2026Q3 [--comment "ý kiến"] [--json]',
    async run(args, io) {
      const { values } = parse(args, reviewOptions);
      const file = required(values.db, '--db');
      const unitCode = required(values.unit, '--unit').toUpperCase();
      const period = parsePeriod(required(values.period, '--period')).code;
      const comment = returning ? required(values.comment, '--comment') : (values.comment ?? null);
      if (returning && !comment?.trim()) {
        throw new UsageError('--comment cần ghi rõ đơn vị phải sửa gì.');
      }
      return withDatabase(file, io, ({ ctx }) => {
        const review = reviewReport(ctx, { unitCode, period, verdict, comment });
        if (values.json) {
          io.out(JSON.stringify({ unitCode, ...review }, null, 2));
          return 0;
        }
        const what = `báo cáo ${parsePeriod(review.period).label} phiên bản ${review.version} của ${unitCode}`;
        io.out(`${returning ? `Đã trả lại ${what}: ${review.comment}` : `Đã duyệt ${what}`}. Ý kiến sẽ gửi trong gói chỉ đạo kế tiếp (ptdv directive export --to ${unitCode}).`);
        return 0;
      });
    },
  };
}

export const reportApprove = reviewCommand('approved');
export const reportReturn = reviewCommand('returned');
