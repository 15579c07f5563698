import { formatViDate } from '../model/dates';
import { noProgress, stepOf, type ProgressSink } from '../progress';
import type { Db, DbOrTx } from '../../../db/types';
import { countingWindow, reportFromCounts } from '../domain/reports/build-report';
import type { ReportInput } from '../domain/reports/types';
import { reportToDocx } from '../domain/reports/docx';
import { reportToHtml } from '../domain/reports/html';
import { DOTS, type PartyDocumentMeta } from '../domain/reports/party-document';
import { reportToXlsx } from '../domain/reports/xlsx';
import { AppError, describeInputIssues } from '../errors';
import type { Unit } from '../model/entities';
import { parsePeriod, readReport, ReportNeedsUpdate, type Period, type Report } from '../model/report';
import type { FrozenReportInfo, ReportOutputFormat } from '../model/report-records';
import type { PdfRenderer } from '../pdf-port';
import { audit, newId, type ServiceContext } from './context';
import { memoized } from './report-cache';
import { countReportUnits, loadReportUnits } from './report-loader';
import { reviewOf, reviewsOf } from '../store/reviews';
import { frozenReportRow, frozenReportRows, hasCandidates, insertFrozenReport, latestFrozenVersion, reportingUnits, unitsReportedSince, type FrozenReportRow } from '../store/reports';
import { getSelfProfile, getSelfUnit, getUnit, mirroredUnits, unconfirmedUnitCodes } from '../store/units';
import { placedOn } from '../store/moves';
import { targetsForReport } from './target-service';

/** Which units a report covers: one unit (the own unit by default), or every mirrored unit below (`all`). */
export type ReportScope = { unitCode?: string | undefined; all?: boolean | undefined };
export type ReportRequest = ReportScope & { period: string | Period; asOf: string };

/**
 * Of `codes`, the units below whose data came through bundles from which no unit report was applied since `since`:
 * they sent nothing for the period, or what they sent was refused. A unit directly below is enrolled (it has a key);
 * a chi bộ a đảng ủy cơ sở forwards reports through its snapshot, applied only when the chi bộ signed a new one.
 */
function notReportedSince(db: Db, codes: readonly string[], since: string): string[] {
  const reported = unitsReportedSince(db, since);
  const enrolled = reportingUnits(db);
  return codes.filter((c) => enrolled.has(c) && !reported.has(c));
}

/** The units a scope covers and the superior the total is made for (null for a single unit). */
export function resolveScope(db: Db, scope: ReportScope, day: string | null = null): { units: Unit[]; scope: Report['scope']; unconfirmed: { code: string; name: string }[] } {
  if (scope.all && scope.unitCode) {
    throw new AppError('validation', 'Chọn một đơn vị hoặc tất cả các đơn vị, không chọn cả hai.');
  }
  const self = getSelfUnit(db);
  if (!scope.all) {
    const unit = scope.unitCode ? getUnit(db, scope.unitCode.trim().toUpperCase()) : self;
    if (!unit || unit.origin === 'parent') {
      throw new AppError('not-found', `Không có đơn vị mã ${scope.unitCode} trong cơ sở dữ liệu này.`);
    }
    return { units: [unit], scope: null, unconfirmed: [] };
  }
  const held = mirroredUnits(db);
  // Each unit counts where it stood on the last day counted: a unit that moved counts at one superior per period.
  const all = placedOn(db, held, day);
  const pending = unconfirmedUnitCodes(db);
  const mirrors = all.filter((u) => !pending.has(u.code));
  const unconfirmed = all.filter((u) => pending.has(u.code)).map((u) => ({ code: u.code, name: u.name }));
  if (held.length === 0) {
    throw new AppError('validation', 'Chưa có đơn vị cấp dưới nào gửi dữ liệu lên, nên chưa có báo cáo tổng hợp.');
  }
  // A grassroots committee may also follow candidates itself; they count like one more unit.
  const own = hasCandidates(db, self.code) ? [self] : [];
  return { units: [...own, ...mirrors], scope: { code: self.code, name: self.name, level: self.level }, unconfirmed };
}

/**
 * The scope's report input for `year` as of `asOf`, with findings evaluated on `findingsOn` (by default the last day
 * of the year the report counts): what every report and the dashboard of that year count from.
 */
export function reportInput(db: Db, req: ReportScope & { year: number; asOf: string; findingsOn?: string }): ReportInput {
  const findingsOn = req.findingsOn ?? countedTo(`${req.year}-12-31`, req.asOf);
  const { units, scope, unconfirmed } = resolveScope(db, req, findingsOn);
  const scopeKey = scope ? `all:${scope.code}` : units[0]!.code;
  return memoized(db, `input|${scopeKey}|${req.year}|${req.asOf}|${findingsOn}`, () => ({ scope, unconfirmed, units: loadReportUnits(db, units, req.year, findingsOn) }));
}

/** The last day a report counts: its period's end, or the counting day when that comes first. */
const countedTo = (periodEnd: string, asOf: string) => (periodEnd < asOf ? periodEnd : asOf);

/**
 * The report of docs/reports.md for `period` as of `asOf`: for one unit, or for all mirrored units with their total.
 * Findings come from the findings cache where it can answer, otherwise from the rules engine. Memoised until the
 * database changes, so the superior's dashboard and report screens answer at once; treat the result as read-only.
 */
export function buildUnitReport(db: Db, req: ReportRequest): Report {
  const period = typeof req.period === 'string' ? parsePeriod(req.period) : req.period;
  if (req.asOf < period.start) {
    throw new AppError('validation', `Kỳ báo cáo ${period.label} chưa bắt đầu vào ngày ${formatViDate(req.asOf)}.`);
  }
  // Stocks, flows and quality all refer to the period's last counted day: a past quarter's findings are those of
  // its last day, not today's.
  const findingsOn = countedTo(period.end, req.asOf);
  const { units, scope, unconfirmed } = resolveScope(db, req, findingsOn);
  const scopeKey = scope ? `all:${scope.code}` : units[0]!.code;
  return memoized(db, `report|${scopeKey}|${period.code}|${req.asOf}`, () => {
    const notReported = scope ? notReportedSince(db, units.map((u) => u.code), period.start) : [];
    const { counts, duplicates } = countReportUnits(db, units, { period: period.code, year: period.year, findingsOn, window: countingWindow(period, req.asOf) });
    // The scope's own line (if it follows candidates itself) carries the same targets; the total takes them over.
    const scopeTargets = scope ? targetsForReport(db, period.year).filter((t) => t.unitCode === scope.code) : [];
    return reportFromCounts({ scope, unconfirmed, notReported, counts, duplicates, scopeTargets }, period, req.asOf);
  });
}

const SIGNER: Record<string, { onBehalfOf: string; position: string; keep: string }> = {
  'chi-bo': { onBehalfOf: 'T/M CHI BỘ', position: 'BÍ THƯ', keep: 'Lưu chi bộ' },
  'dang-bo-co-so': { onBehalfOf: 'T/M ĐẢNG ỦY', position: 'BÍ THƯ', keep: 'Lưu văn phòng đảng ủy' },
  'cap-tren': { onBehalfOf: 'T/M BAN THƯỜNG VỤ', position: 'BÍ THƯ', keep: 'Lưu văn phòng' },
};

export type MetaOptions = { number?: string | null; issuedOn?: string | null; place?: string | null; signerName?: string | null };

/** Header and signature of the report as a Party document: issued by the report's unit, sent to its superior. */
export function reportMeta(db: DbOrTx, report: Report, options: MetaOptions = {}): PartyDocumentMeta {
  const subject = report.scope ?? report.units[0] ?? { code: '', name: '', level: 'chi-bo' };
  const unit = getUnit(db, subject.code);
  const superior = unit?.parentCode ? getUnit(db, unit.parentCode) : null;
  // A superior known only by its code (set up before its trust file arrived) is left for the secretary to write in.
  const superiorName = superior && superior.name !== superior.code ? superior.name : null;
  const signer = SIGNER[subject.level] ?? SIGNER['chi-bo']!;
  // The own unit's report is signed by its secretary at its place, as Cài đặt records them (a place given for one
  // report wins); a mirrored unit's report leaves both for the hand.
  const self = unit?.origin === 'self' ? getSelfProfile(db) : null;
  return {
    superiorBody: superiorName ?? DOTS,
    issuingBody: subject.name,
    number: options.number ?? '',
    place: options.place?.trim() || self?.documentPlace || DOTS,
    date: options.issuedOn ?? null,
    recipients: [`${superiorName ?? 'Cấp ủy cấp trên'} (để báo cáo)`, signer.keep],
    signer: { onBehalfOf: signer.onBehalfOf, position: signer.position, name: options.signerName ?? self?.secretaryName ?? '' },
  };
}

/** The report in one output format; PDF goes through the host's renderer from the same HTML the app shows. */
export async function renderReport(report: Report, format: ReportOutputFormat, meta: PartyDocumentMeta, pdf?: PdfRenderer): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
    case 'xlsx':
      return reportToXlsx(report);
    case 'docx':
      return reportToDocx(report, meta);
    case 'pdf':
      if (!pdf) {
        throw new AppError('internal', 'Chưa có trình tạo PDF trong môi trường này; hãy xuất tệp Word hoặc Excel.');
      }
      return pdf.htmlToPdf(reportToHtml(report, meta));
  }
}

function toInfo(db: DbOrTx, r: FrozenReportRow, reviews = reviewsOf(db, r.unitCode)): FrozenReportInfo {
  return { id: r.id, unitCode: r.unitCode, period: r.period, version: r.version, number: r.number, issuedOn: r.issuedOn, frozenAt: r.frozenAt, reason: r.reason, review: reviewOf(reviews, r.period, r.version) };
}

export type FreezeInput = ReportScope & { period: string; number: string; issuedOn?: string | null; reason?: string | null; place?: string | null };

/**
 * Freezes the report as sent upward today, with its number and date, as version n+1 of its unit and period.
 * A later version is a correction and must say why; earlier versions stay as they were sent.
 */
export function freezeReport(ctx: ServiceContext, input: FreezeInput): FrozenReportInfo {
  const number = input.number.trim();
  if (!number) {
    throw new AppError('validation', 'Nhập số và ký hiệu của báo cáo (ví dụ 05-BC/CB).');
  }
  if (!/\d/.test(number)) {
    const message = `Số và ký hiệu "${number}" thiếu số thứ tự của văn bản: ghi như 05-BC/CB.`;
    throw new AppError('validation', message, undefined, [{ field: 'number', message }]);
  }
  const today = ctx.clock.today();
  const issuedOn = input.issuedOn ?? today;
  if (issuedOn > today) {
    const message = `Ngày báo cáo ${formatViDate(issuedOn)} chưa đến (hôm nay ${formatViDate(today)}).`;
    throw new AppError('validation', message, undefined, [{ field: 'issuedOn', message }]);
  }
  // The date printed on the report is the day it is signed: its numbers are counted to that day (or the period's
  // end, if earlier), never past it, so the document says nothing of what happened after it was signed.
  const report = buildUnitReport(ctx.db, { ...input, asOf: issuedOn });
  const unitCode = report.scope?.code ?? report.units[0]!.code;
  return ctx.db.transaction((tx) => {
    const version = (latestFrozenVersion(tx, unitCode, report.period.code) ?? 0) + 1;
    const reason = input.reason?.trim() || null;
    if (version > 1 && !reason) {
      throw new AppError('validation', `Báo cáo ${report.period.label} đã gửi ${version - 1} lần; bản sửa cần ghi rõ lý do sửa.`);
    }
    // The header is kept as printed today: a new secretary or place in Cài đặt later must not re-sign what was sent.
    const header = reportMeta(tx, report, { number, issuedOn, place: input.place ?? null });
    const row = { id: newId(), unitCode, period: report.period.code, version, number, issuedOn, frozenAt: ctx.clock.now(), reason, content: report, header };
    insertFrozenReport(tx, row);
    audit(tx, ctx, 'freeze', 'report', row.id, { unitCode, period: row.period, version, number });
    return toInfo(tx, row);
  });
}

/** Frozen reports, newest period first and every version of each, optionally of one period or unit. */
export function listFrozenReports(db: Db, filter: { period?: string | undefined; unitCode?: string | undefined } = {}): FrozenReportInfo[] {
  const rows = frozenReportRows(db, { period: filter.period ? parsePeriod(filter.period).code : undefined, unitCode: filter.unitCode });
  const reviews = new Map<string, ReturnType<typeof reviewsOf>>();
  return rows.map((r) => {
    const ofUnit = reviews.get(r.unitCode) ?? reviewsOf(db, r.unitCode);
    reviews.set(r.unitCode, ofUnit);
    return toInfo(db, r, ofUnit);
  });
}

/** One frozen report exactly as it was sent. */
export function getFrozenReport(db: Db, id: string): { info: FrozenReportInfo; report: Report; header: PartyDocumentMeta | null } {
  const row = frozenReportRow(db, id);
  if (!row) {
    throw new AppError('not-found', 'Không tìm thấy báo cáo đã gửi.');
  }
  let parsed: ReturnType<typeof readReport>;
  try {
    parsed = readReport(row.content);
  } catch (err) {
    if (err instanceof ReportNeedsUpdate) {
      throw new AppError('conflict', err.message, 'REPORT_NEEDS_UPDATE');
    }
    throw err;
  }
  if (!parsed.success) {
    throw new AppError('internal', `Báo cáo đã lưu không đọc được — ${describeInputIssues(parsed.error.issues)}`);
  }
  return { info: toInfo(db, row), report: parsed.data, header: row.header };
}

export type ExportInput = ReportScope & { period: string; format: ReportOutputFormat; asOf?: string | undefined; frozenId?: string | undefined; number?: string | undefined; place?: string | undefined };

/** The report an export or preview shows, with its header: a frozen version as sent (its number and date), or built now. */
function reportForOutput(db: Db, input: Omit<ExportInput, 'format'>, today: string): { report: Report; meta: PartyDocumentMeta } {
  if (input.frozenId) {
    const { info, report, header } = getFrozenReport(db, input.frozenId);
    if (header) {
      // As sent; only a place left blank then may be written in on a later copy.
      const place = header.place === DOTS ? input.place?.trim() || DOTS : header.place;
      return { report, meta: { ...header, place } };
    }
    return { report, meta: reportMeta(db, report, { number: info.number, issuedOn: info.issuedOn, place: input.place ?? null }) };
  }
  const report = buildUnitReport(db, { ...input, asOf: input.asOf ?? today });
  return { report, meta: reportMeta(db, report, { number: input.number ?? null, place: input.place ?? null }) };
}

/** The file content of a report export: a frozen version as sent, or the report built now. */
const FILE_KINDS: Record<ReportOutputFormat, string> = { json: 'tệp dữ liệu', xlsx: 'tệp Excel', docx: 'tệp Word', pdf: 'tệp PDF' };

export async function exportReport(db: Db, input: ExportInput, today: string, pdf?: PdfRenderer, progress: ProgressSink = noProgress): Promise<Buffer> {
  const parts = ['Lập số liệu báo cáo', `Tạo ${FILE_KINDS[input.format]}`];
  await stepOf(progress, parts, 0);
  const { report, meta } = reportForOutput(db, input, today);
  await stepOf(progress, parts, 1);
  return renderReport(report, input.format, meta, pdf);
}

export type PreviewInput = Omit<ExportInput, 'format'>;

/** The HTML the app shows for a report, the very page PDF export prints: a frozen version as sent, or built now. */
export function previewReport(db: Db, input: PreviewInput, today: string): { html: string; report: Report } {
  const { report, meta } = reportForOutput(db, input, today);
  return { html: reportToHtml(report, meta), report };
}
