import { AppError } from '../../core/errors';
import { formatViDate, isIsoDate } from '../../core/model/dates';
import { findingLabel } from '../../core/model/labels';
import type { Dossier } from '../../core/model/dossier';
import { appliedRulebookVersion, findingsInChunks } from '../../core/services/check-service';
import type { ServiceContext } from '../../core/services/context';
import { buildCalendar, VN_CALENDAR_SEED, type WorkingCalendar } from '../../core/domain/calendar/index';
import {
  DEFAULT_RULEBOOKS,
  evaluateDossier,
  loadRulebook,
  type EvalContext,
  type Finding,
  type Rulebook,
  type Severity,
  type Stage,
} from '../../core/domain/rules/index';
import { parse } from '../args';
import { clockOf, withDatabase } from '../database';
import { loadDossierFiles, readJsonFile } from '../dossier-files';
import { UsageError, type CliIo } from '../io';
import type { Command } from './index';

export type CheckInput = { label: string; dossier: Dossier };

export type CheckedFinding = Pick<Finding, 'code' | 'severity' | 'rule' | 'message'> & { due: string | null };
export type CheckedCandidate = { file: string; name: string; stage: Stage; stageLabel: string; findings: CheckedFinding[] };
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
    const findings = evaluation.findings.map((f) => ({ code: f.code, severity: f.severity, rule: f.rule, message: f.message, due: f.due ?? null }));
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

const SEVERITY_TAG: Readonly<Record<Severity, string>> = { error: '[LỖI]     ', warning: '[CẢNH BÁO]', info: '[THÔNG TIN]' };

/** One candidate's block of the text report. */
function candidateText(c: CheckedCandidate): string {
  const lines = ['', `${c.file} — ${c.name} — ${c.stageLabel}`];
  if (c.findings.length === 0) {
    lines.push('  Không phát hiện vấn đề.');
  }
  for (const f of c.findings) {
    const due = f.due ? ` (hạn ${formatViDate(f.due)})` : '';
    lines.push(`  ${SEVERITY_TAG[f.severity]} ${f.code} [${f.rule}]${due}: ${findingLabel(f.code)}. ${f.message}`);
  }
  return lines.join('\n');
}

/** Human-readable Vietnamese report, one block per candidate and a total line. */
export function renderCheckText(report: CheckReport): string {
  const lines = [`Kiểm tra hồ sơ tại ngày ${formatViDate(report.asOf)} (bộ quy tắc ${report.rulebookVersion})`];
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const c of report.candidates) {
    c.findings.forEach((f) => totals[f.severity]++);
    lines.push(candidateText(c));
  }
  lines.push('', `Tổng cộng: ${report.candidates.length} hồ sơ; ${totals.error} lỗi, ${totals.warning} cảnh báo, ${totals.info} thông tin.`);
  return lines.join('\n');
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

const q = JSON.stringify;

/**
 * One candidate of `--db --json`, laid out as JSON.stringify(…, null, 2) lays it out four spaces in, without building
 * the object and re-indenting it: at 50,000 candidates that was a tenth of the run.
 */
function candidateJson(file: string, name: string, stage: string, findings: readonly CheckedFinding[]): string {
  const list = findings.map(
    (f) =>
      `        {\n          "code": ${q(f.code)},\n          "severity": ${q(f.severity)},\n          "rule": ${q(f.rule)},\n          "message": ${q(f.message)},\n          "due": ${q(f.due)}\n        }`,
  );
  return `{\n      "file": ${q(file)},\n      "name": ${q(name)},\n      "stage": ${q(stage)},\n      "findings": ${list.length > 0 ? `[\n${list.join(',\n')}\n      ]` : '[]'}\n    }`;
}

/**
 * Every candidate of a database (own unit and mirrored units) with its findings on `asOf`, through the same findings
 * path as the app's screens and reports. The output is written a chunk of candidates at a time, so memory stays flat.
 */
function checkDatabase(ctx: ServiceContext, asOf: string, json: boolean, io: CliIo): number {
  const rulebookVersion = appliedRulebookVersion(ctx.db, asOf);
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let count = 0;
  if (json) {
    io.out(`{\n  "asOf": ${JSON.stringify(asOf)},\n  "rulebookVersion": ${JSON.stringify(rulebookVersion)},\n  "candidates": [`);
  } else {
    io.out(`Kiểm tra hồ sơ tại ngày ${formatViDate(asOf)} (bộ quy tắc ${rulebookVersion})`);
  }
  for (const chunk of findingsInChunks(ctx, asOf)) {
    const lines = chunk.map((c, i) => {
      const findings = c.findings.map((f) => ({ code: f.code, severity: f.severity, rule: f.rule, message: f.message, due: f.due ?? null }));
      findings.forEach((f) => totals[f.severity]++);
      const file = `${c.unitCode}/${c.id}`;
      if (!json) {
        return candidateText({ file, name: c.name, stage: c.stage, stageLabel: c.stageLabel, findings });
      }
      return `${count + i > 0 ? '    ,' : '    '}${candidateJson(file, c.name, c.stage, findings)}`;
    });
    count += chunk.length;
    io.out(lines.join('\n'));
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
      return withDatabase(values.db, io, ({ ctx }) => checkDatabase(ctx, asOf, values.json === true, io));
    }
    // A check may look ahead (--as-of in the future); only what is later than both days cannot have happened.
    const today = clockOf(io).today();
    const { loaded: inputs, errors } = loadDossierFiles(positionals, io, asOf > today ? asOf : today);
    if (errors.length > 0) {
      errors.forEach((e) => io.err(e));
      io.err(`Không kiểm tra: ${errors.length} lỗi đầu vào ở trên. Sửa rồi chạy lại.`);
      return 2;
    }
    return output(checkDossiers(inputs, asOf, defaultEvalContext(extra)));
  },
};
