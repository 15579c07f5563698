import { toDay } from '../calendar/days';
import type { Evaluation } from './evaluate';
import type { Finding, FindingCode, Severity } from './findings';
import type { Stage } from './stage';

/** One evaluated candidate as the to-do list needs it. */
export type TodoSource = { candidateId: string; name: string; evaluation: Evaluation; unitCode?: string };

/** One line of the to-do list: the finding itself (shared, not copied) and who it is about. */
export type TodoItem = {
  candidateId: string;
  name: string;
  /** The candidate's unit ('' when the sources did not say): a committee's list spans its units. */
  unitCode: string;
  stage: Stage;
  finding: Finding;
  /** True when the due date is before the evaluation's asOf; never for a reminder (info), which is not overdue. */
  overdue: boolean;
};

export type TodoFilter = {
  severities?: readonly Severity[];
  codes?: readonly FindingCode[];
  /** Keep only findings with a due date (the "what is due" view). */
  dueOnly?: boolean;
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };
// Sort keys pack (due day, severity, input position) into one float64 so 150,000 items sort as plain numbers.
const NO_DUE = 131071;
const POSITION_BITS = 2 ** 22;

/** A finding overdue on `asOf`: its due date has passed; never a reminder (info). The to-do and the board say the same. */
export function isOverdue(finding: Pick<Finding, 'severity' | 'due'>, asOf: string): boolean {
  return finding.severity !== 'info' && finding.due !== undefined && finding.due !== null && finding.due < asOf;
}

/**
 * The to-do list (Việc cần làm) across candidates: findings sorted by due date, so overdue items come first, then
 * by severity; findings without a due date follow, errors first. Stable for equal keys.
 */
export function buildTodo(sources: readonly TodoSource[], filter: TodoFilter = {}): TodoItem[] {
  const severities = filter.severities ? new Set(filter.severities) : null;
  const codes = filter.codes ? new Set<string>(filter.codes) : null;
  let total = 0;
  for (const source of sources) {
    total += source.evaluation.findings.length;
  }
  const keys = new Float64Array(total);
  const sourceAt = new Int32Array(total);
  const findingAt = new Int32Array(total);
  let n = 0;
  for (let s = 0; s < sources.length; s++) {
    const findings = sources[s]!.evaluation.findings;
    for (let f = 0; f < findings.length; f++) {
      const finding = findings[f]!;
      if ((severities && !severities.has(finding.severity)) || (codes && !codes.has(finding.code))) {
        continue;
      }
      if (filter.dueOnly && !finding.due) {
        continue;
      }
      const dueDay = finding.due ? toDay(finding.due) : NO_DUE;
      keys[n] = (dueDay * 4 + SEVERITY_RANK[finding.severity]) * POSITION_BITS + n;
      sourceAt[n] = s;
      findingAt[n] = f;
      n++;
    }
  }
  const sorted = keys.subarray(0, n).sort();
  const items: TodoItem[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const i = sorted[k]! % POSITION_BITS;
    const source = sources[sourceAt[i]!]!;
    const finding = source.evaluation.findings[findingAt[i]!]!;
    const overdue = isOverdue(finding, source.evaluation.asOf);
    items[k] = { candidateId: source.candidateId, name: source.name, unitCode: source.unitCode ?? '', stage: source.evaluation.stage, finding, overdue };
  }
  return items;
}
