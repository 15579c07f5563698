import { findingLabel } from '../core/model/labels';
import { formatViDate } from '../core/model/dates';
import type { CheckedCandidateRow } from '../core/services/check-service';
import type { Finding, Severity, Stage } from '../core/domain/rules/index';

/**
 * How `ptdv check` prints a candidate, as text or as JSON; for `--db` a chunk at a time, in the command's thread or
 * in the worker that checked the chunk (findings-worker.ts).
 */

export type CheckedFinding = Pick<Finding, 'code' | 'severity' | 'rule' | 'message'> & { due: string | null; refs: readonly string[] };
export type CheckedCandidate = { file: string; name: string; stage: Stage; stageLabel: string; findings: CheckedFinding[] };

const SEVERITY_TAG: Readonly<Record<Severity, string>> = { error: '[LỖI]     ', warning: '[CẢNH BÁO]', info: '[THÔNG TIN]' };

/** One candidate's block of the text report. */
export function candidateText(c: CheckedCandidate): string {
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

const q = JSON.stringify;

const refsJson = (refs: readonly string[]) => (refs.length === 0 ? '[]' : `[\n${refs.map((r) => `            ${q(r)}`).join(',\n')}\n          ]`);

/**
 * One candidate of `--db --json`, laid out as JSON.stringify(…, null, 2) lays it out four spaces in, without building
 * the object and re-indenting it: at 50,000 candidates that was a tenth of the run.
 */
function candidateJson(file: string, name: string, stage: string, findings: readonly CheckedFinding[]): string {
  const list = findings.map(
    (f) =>
      `        {\n          "code": ${q(f.code)},\n          "severity": ${q(f.severity)},\n          "rule": ${q(f.rule)},\n          "message": ${q(f.message)},\n          "due": ${q(f.due)},\n          "refs": ${refsJson(f.refs)}\n        }`,
  );
  return `{\n      "file": ${q(file)},\n      "name": ${q(name)},\n      "stage": ${q(stage)},\n      "findings": ${list.length > 0 ? `[\n${list.join(',\n')}\n      ]` : '[]'}\n    }`;
}

/** A chunk of `--db` as printed: each candidate's block (JSON without the comma between candidates) and the counts. */
export type PresentedChunk = { texts: string[]; totals: Record<Severity, number> };

export function presentChunk(rows: readonly CheckedCandidateRow[], json: boolean): PresentedChunk {
  const totals: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const texts = rows.map((c) => {
    const findings = c.findings.map((f) => ({ code: f.code, severity: f.severity, rule: f.rule, message: f.message, due: f.due ?? null, refs: f.refs ?? [] }));
    findings.forEach((f) => totals[f.severity]++);
    const file = `${c.unitCode}/${c.id}`;
    return json ? candidateJson(file, c.name, c.stage, findings) : candidateText({ file, name: c.name, stage: c.stage, stageLabel: c.stageLabel, findings });
  });
  return { texts, totals };
}
