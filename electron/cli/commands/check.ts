import { AppError } from '../../core/errors';
import { formatViDate, isIsoDate } from '../../core/model/dates';
import { rulebookName } from '../../core/model/format';
import type { Dossier } from '../../core/model/dossier';
import { appliedRulebookVersion, findingsInChunks } from '../../core/services/check-service';
import { buildCalendar, VN_CALENDAR_SEED, type WorkingCalendar } from '../../core/domain/calendar/index';
import {
  DEFAULT_RULEBOOKS,
  evaluateDossier,
  loadRulebook,
  type EvalContext,
  type Rulebook,
  type Severity,
} from '../../core/domain/rules/index';
import { parse } from '../args';
import { clockOf, withDatabase, type OpenedDb } from '../database';
import { candidateText, presentChunk, type CheckedCandidate, type PresentedChunk } from '../check-output';
import { findingsWorkers, type FindingsWorkers, type WorkerOptions } from '../findings-workers';
import { loadDossierFiles, readJsonFile } from '../dossier-files';
import { UsageError, type CliIo } from '../io';
import type { Command } from './index';

export type CheckInput = { label: string; dossier: Dossier };

export type CheckReport = { asOf: string; rulebookVersion: string; candidates: CheckedCandidate[] };

let seededCalendar: WorkingCalendar | null = null;

/** The shipped rulebook and the seeded 2025–2027 calendar: what `ptdv check` uses without a database. */
export function defaultEvalContext(extraRulebooks: readonly Rulebook[] = []): EvalContext {
  seededCalendar ??= buildCalendar(VN_CALENDAR_SEED);
  const rulebooks = extraRulebooks.length > 0 ? [...DEFAULT_RULEBOOKS, ...extraRulebooks] : DEFAULT_RULEBOOKS;
  return { rulebooks, calendar: seededCalendar };
}

/**
 * Evaluates already loaded dossiers (from files now, from a database later) as of `asOf`. The report's
 * `rulebookVersion` is the version in force on `asOf`; `file` is each input's label.
 */
export function checkDossiers(inputs: readonly CheckInput[], asOf: string, ctx: EvalContext = defaultEvalContext()): CheckReport {
  let rulebookVersion = '';
  const candidates = inputs.map(({ label, dossier }) => {
    const evaluation = evaluateDossier(dossier, asOf, ctx);
    rulebookVersion = evaluation.rulebookVersion;
    const findings = evaluation.findings.map((f) => ({ code: f.code, severity: f.severity, rule: f.rule, message: f.message, due: f.due ?? null, refs: f.refs ?? [] }));
    return { file: label, name: dossier.candidate.fullName, stage: evaluation.stage, stageLabel: evaluation.stageLabel, findings };
  });
  if (rulebookVersion === '') {
    rulebookVersion = evaluateDossierVersion(asOf, ctx);
  }
  return { asOf, rulebookVersion, candidates };
}

function evaluateDossierVersion(asOf: string, ctx: EvalContext): string {
  const empty: Dossier = {
    format: 'ptdv.dossier/1',
    unit: { code: '-' },
    candidate: { fullName: '-', birthDate: asOf },
    events: [],
    documents: [],
    introducers: [],
    mentors: [],
  };
  return evaluateDossier(empty, asOf, ctx).rulebookVersion;
}

/** 1 when any finding is an error, else 0 (the documented exit codes of `ptdv check`). */
export function checkExitCode(report: CheckReport): number {
  return report.candidates.some((c) => c.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** Human-readable Vietnamese report, one block per candidate and a total line. */
export function renderCheckText(report: CheckReport): string {
  const lines = [`Kiểm tra hồ sơ tại ngày ${formatViDate(report.asOf)} (${rulebookName(report.rulebookVersion)})`];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const c of report.candidates) {
    c.findings.forEach((f) => totals[f.severity]++);
    lines.push(candidateText(c));
  }
  lines.push('', `Tổng cộng: ${report.candidates.length} hồ sơ; ${totals.error} lỗi, ${totals.warning} cảnh báo, ${totals.info} thông tin.`);
  return lines.join('\n');
}

/**
 * The shipped calendar lists the days off of a few years only: a due date outside them was counted without those
 * years' holidays and Tết, which the user must know before relying on it.
 */
function outsideSeededCalendar(report: CheckReport): string[] {
  const firstYear = VN_CALENDAR_SEED[0]!.date.slice(0, 4);
  const lastYear = VN_CALENDAR_SEED.at(-1)!.date.slice(0, 4);
  const dues = report.candidates.flatMap((c) => c.findings).flatMap((f) => (f.due === null ? [] : [f.due.slice(0, 4)]));
  const earlier = dues.filter((year) => year < firstYear).length;
  const later = dues.filter((year) => year > lastYear).length;
  const inApp = 'Kiểm tra trong ứng dụng (--db), nơi lịch được bổ sung theo thông báo chính thức.';
  return [
    ...(earlier > 0 ? [`Lưu ý: lịch ngày nghỉ có sẵn chỉ bắt đầu từ năm ${firstYear}; ${earlier} hạn trước năm đó được tính chưa trừ ngày lễ, Tết của năm ấy. ${inApp}`] : []),
    ...(later > 0 ? [`Lưu ý: lịch ngày nghỉ có sẵn chỉ đến hết năm ${lastYear}; ${later} hạn sau năm đó được tính chưa trừ ngày lễ, Tết của năm ấy. ${inApp}`] : []),
  ];
}

function loadRulebookFiles(files: readonly string[], io: CliIo): Rulebook[] {
  return files.map((file) => {
    const { json, error } = readJsonFile(file, io);
    if (error) {
      throw new AppError('validation', error);
    }
    try {
      return loadRulebook(json);
    } catch (err) {
      throw new AppError('validation', `${file}: ${(err as Error).message}`);
    }
  });
}

function workerOptions(io: CliIo): WorkerOptions {
  const threads = io.env.PTDV_CHECK_WORKERS;
  if (threads !== undefined && !/^\d{1,2}$/.test(threads)) {
    throw new UsageError(`PTDV_CHECK_WORKERS phải là số luồng (0 đến 99): "${threads}"`);
  }
  return { ...(io.env.PTDV_NATIVE_BINDING ? { nativeBinding: io.env.PTDV_NATIVE_BINDING } : {}), ...(threads !== undefined ? { threads: Number(threads) } : {}) };
}

/**
 * The chunks of a pass over every candidate of a database (own unit and mirrored units) with its findings on `asOf`,
 * through the same findings path as the app's screens and reports, checked in worker threads where the machine has
 * the cores; today's evaluations are stored on the way.
 */
async function* checkedChunks({ ctx, database }: OpenedDb, asOf: string, json: boolean, io: CliIo): AsyncGenerator<PresentedChunk> {
  let workers: FindingsWorkers | null = null;
  const parallel = (pass: { unitCodes: readonly string[]; lastRowid: number }) => (workers = findingsWorkers(database, asOf, json, pass, workerOptions(io)));
  try {
    yield* findingsInChunks(ctx, asOf, (rows) => presentChunk(rows, json), { parallel });
  } finally {
    await (workers as FindingsWorkers | null)?.close();
  }
}

/**
 * Evaluates and stores today's findings of every candidate, as the app does in the background on the first day it
 * opens a database: what `ptdv demo` leaves behind, so a demo database opens like one in daily use.
 */
export async function storeTodaysFindings(opened: OpenedDb, io: CliIo, onProgress: (done: number) => void): Promise<void> {
  let done = 0;
  for await (const chunk of checkedChunks(opened, opened.ctx.clock.today(), false, io)) {
    done += chunk.texts.length;
    onProgress(done);
  }
}

/** Prints every candidate of a database with its findings on `asOf`, a chunk at a time, so memory stays flat. */
async function checkDatabase(opened: OpenedDb, asOf: string, json: boolean, io: CliIo): Promise<number> {
  const rulebookVersion = appliedRulebookVersion(opened.ctx.db, asOf);
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let count = 0;
  if (json) {
    io.out(`{\n  "asOf": ${JSON.stringify(asOf)},\n  "rulebookVersion": ${JSON.stringify(rulebookVersion)},\n  "candidates": [`);
  } else {
    io.out(`Kiểm tra hồ sơ tại ngày ${formatViDate(asOf)} (${rulebookName(rulebookVersion)})`);
  }
  for await (const chunk of checkedChunks(opened, asOf, json, io)) {
    (Object.keys(totals) as Severity[]).forEach((severity) => (totals[severity] += chunk.totals[severity]));
    // The comma before each candidate but the first: only here is it known which is the first.
    io.out(json ? chunk.texts.map((t, i) => `${count + i > 0 ? '    ,' : '    '}${t}`).join('\n') : chunk.texts.join('\n'));
    count += chunk.texts.length;
  }
  io.out(json ? '  ]\n}' : `\nTổng cộng: ${count} hồ sơ; ${totals.error} lỗi, ${totals.warning} cảnh báo, ${totals.info} thông tin.`);
  return totals.error > 0 ? 1 : 0;
}

const OPTIONS = {
  'as-of': { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  rulebook: { type: 'string', multiple: true },
} as const;

export const command: Command = {
  path: ['check'],
  summary: 'Kiểm tra hồ sơ theo bộ quy tắc (tuổi, chứng nhận, giới thiệu, thời hạn…)',
  usage: 'ptdv check HỒ_SƠ.json… | --db FILE  [--as-of YYYY-MM-DD] [--json] [--rulebook QUY_TẮC.json]',
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS, true);
    const asOf = values['as-of'] ?? clockOf(io).today();
    if (!isIsoDate(asOf)) {
      throw new UsageError(`--as-of không hợp lệ: "${asOf}" (cần dạng YYYY-MM-DD)`);
    }
    if (values.db !== undefined && positionals.length > 0) {
      throw new UsageError('Chỉ dùng một nguồn: các tệp hồ sơ hoặc --db, không dùng cả hai.');
    }
    if (values.db === undefined && positionals.length === 0) {
      throw new UsageError('Cần ít nhất một tệp hồ sơ.');
    }
    if (values.db !== undefined && values.rulebook !== undefined) {
      throw new UsageError('Với --db, bộ quy tắc là các bộ đã có trong cơ sở dữ liệu (nhập thêm trong màn hình Bộ quy tắc); --rulebook chỉ dùng khi kiểm tra tệp hồ sơ.');
    }
    const extra = loadRulebookFiles(values.rulebook ?? [], io);
    const output = (report: CheckReport) => {
      io.out(values.json ? JSON.stringify({ asOf: report.asOf, rulebookVersion: report.rulebookVersion, candidates: report.candidates.map(({ stageLabel: _l, ...c }) => c) }, null, 2) : renderCheckText(report));
      return checkExitCode(report);
    };
    if (values.db !== undefined) {
      return withDatabase(values.db, io, (opened) => checkDatabase(opened, asOf, values.json === true, io));
    }
    // A check may look ahead (--as-of in the future); only what is later than both days cannot have happened.
    const today = clockOf(io).today();
    const { loaded: inputs, errors } = loadDossierFiles(positionals, io, asOf > today ? asOf : today);
    if (errors.length > 0) {
      errors.forEach((e) => io.err(e));
      io.err(`Không kiểm tra: ${errors.length} lỗi đầu vào ở trên. Sửa rồi chạy lại.`);
      return 2;
    }
    const report = checkDossiers(inputs, asOf, defaultEvalContext(extra));
    outsideSeededCalendar(report).forEach((notice) => io.err(notice));
    return output(report);
  },
};
