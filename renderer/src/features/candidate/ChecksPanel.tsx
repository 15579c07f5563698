import { DUE_CODES } from '../../../../electron/core/domain/rules/findings';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { CandidateCheck } from '../../../../electron/core/model/checks';
import { rulebookName } from '../../../../electron/core/model/format';
import { FormError } from '../../components/Field';
import { CountTag, DueText, SeverityTag, ToneIcon } from '../../components/SeverityTag';
import { StageBadge } from '../../components/StageBadge';
import { findingCodeLabel } from '../../lib/labels';
import type { Loaded } from '../../lib/use-load';

type Evaluation = CandidateCheck['evaluation'];
type Finding = Evaluation['findings'][number];
type Upcoming = { key: string; label: string; due: string; workingDaysLeft?: number | undefined; overdue: boolean };

const DUE = new Set<string>(DUE_CODES);
const RANK: Readonly<Record<Finding['severity'], number>> = { error: 1, warning: 2, info: 3 };

function isOverdue(finding: Finding, asOf: string): boolean {
  return finding.due !== undefined && finding.due < asOf;
}

/** Overdue first, then errors, warnings and reminders, each group in the engine's order. */
function byUrgency(findings: Finding[], asOf: string): Finding[] {
  const rank = (f: Finding) => (isOverdue(f, asOf) ? 0 : RANK[f.severity]);
  return [...findings].sort((a, b) => rank(a) - rank(b));
}

/**
 * The open deadlines, plus the findings that carry a date of their own (a certificate about to expire). An open
 * deadline also yields a `*_DUE` or `*_OVERDUE` finding with the same date; those are listed once, as deadlines.
 */
function upcoming(evaluation: Evaluation): Upcoming[] {
  const fromDeadlines = evaluation.deadlines.map((d) => ({ key: `${d.kind}-${d.due}`, label: d.label, due: d.due, workingDaysLeft: d.workingDaysLeft, overdue: d.overdue }));
  const fromFindings = evaluation.findings
    .filter((f) => f.due && !DUE.has(f.code) && !f.code.endsWith('_OVERDUE'))
    .map((f) => ({ key: `${f.code}-${f.due}`, label: findingCodeLabel(f.code), due: f.due ?? '', workingDaysLeft: f.workingDaysLeft, overdue: (f.due ?? '') < evaluation.asOf }));
  return [...fromDeadlines, ...fromFindings].sort((a, b) => a.due.localeCompare(b.due));
}

function FindingItem({ finding, asOf }: { finding: Finding; asOf: string }) {
  const overdue = isOverdue(finding, asOf);
  const tone = overdue ? 'overdue' : finding.severity;
  return (
    <li className={`finding finding-${tone}`} data-testid="finding" data-code={finding.code}>
      <SeverityTag severity={finding.severity} overdue={overdue} />
      <div className="finding-body">
        <div className="finding-title">{findingCodeLabel(finding.code)}</div>
        <p className="finding-message">{finding.message}</p>
      </div>
      {finding.due ? <DueText due={finding.due} asOf={asOf} workingDaysLeft={finding.workingDaysLeft} /> : <span />}
    </li>
  );
}

function Summary({ findings }: { findings: Finding[] }) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (errors + warnings === 0) {
    return (
      <span className="sev sev-ok">
        <ToneIcon tone="ok" />
        Không có lỗi hay cảnh báo
      </span>
    );
  }
  return (
    <span className="checks-summary">
      {errors ? <CountTag tone="error" count={errors} noun="lỗi" /> : null}
      {warnings ? <CountTag tone="warning" count={warnings} noun="cảnh báo" /> : null}
    </span>
  );
}

const errorCount = (findings: readonly { severity: string }[]) => findings.filter((f) => f.severity === 'error').length;

/**
 * A mirrored candidate: this database re-checks the dossier itself and shows what the unit reported beside it, so a
 * unit that left findings out of its bundle cannot hide them.
 */
function ReportedComparison({ reported, checked }: { reported: NonNullable<CandidateCheck['reported']>; checked: Evaluation }) {
  const mine = new Set(checked.findings.filter((f) => f.severity === 'error').map((f) => f.code));
  const theirs = new Set(reported.findings.filter((f) => f.severity === 'error').map((f) => f.code));
  const missing = [...mine].filter((c) => !theirs.has(c));
  return (
    <p className={missing.length > 0 ? 'checks-compare checks-compare-differs' : 'checks-compare'} data-testid="checks-compare">
      Đơn vị báo (ngày {formatViDate(reported.asOf)}): {errorCount(reported.findings).toLocaleString('vi-VN')} lỗi · Cấp trên kiểm tra (ngày{' '}
      {formatViDate(checked.asOf)}): {errorCount(checked.findings).toLocaleString('vi-VN')} lỗi
      {missing.length > 0 ? `. Đơn vị không báo: ${missing.map(findingCodeLabel).join('; ')}` : null}
    </p>
  );
}

/** What the rules engine says about this candidate: derived stage, findings, and what is due by when. */
export function ChecksPanel({ checks }: { checks: Loaded<CandidateCheck> }) {
  const evaluation = checks.data?.evaluation;
  if (!evaluation) {
    return (
      <section className="card section checks-panel" aria-labelledby="checks-title" data-testid="checks-panel">
        <h2 id="checks-title">Kiểm tra hồ sơ và thời hạn</h2>
        {checks.error ? <FormError message={checks.error} /> : <p className="muted">Đang kiểm tra…</p>}
      </section>
    );
  }
  const findings = byUrgency(
    evaluation.findings.filter((f) => !DUE.has(f.code)),
    evaluation.asOf,
  );
  const dates = upcoming(evaluation);
  return (
    <section className="card section checks-panel" aria-labelledby="checks-title" data-testid="checks-panel" aria-busy={checks.loading}>
      <div className="section-head checks-head">
        <div>
          <h2 id="checks-title">Kiểm tra hồ sơ và thời hạn</h2>
          <p className="checks-meta">
            Giai đoạn theo các sự kiện đã ghi: <StageBadge stage={evaluation.stage} /> ·{' '}
            {`Tính đến ngày ${formatViDate(evaluation.asOf)}`}{' '}
            · Áp dụng <strong data-testid="rulebook-version">{rulebookName(evaluation.rulebookVersion)}</strong>
          </p>
        </div>
        <Summary findings={findings} />
      </div>
      <FormError message={checks.error} />
      {checks.data?.reported ? <ReportedComparison reported={checks.data.reported} checked={evaluation} /> : null}
      <div className="checks-grid">
        <div>
          <h3 className="subhead">Sai sót và cảnh báo</h3>
          {findings.length === 0 ? (
            <p className="muted">Không phát hiện sai sót nào theo bộ quy tắc.</p>
          ) : (
            <ul className="findings">
              {findings.map((f, i) => (
                <FindingItem key={`${f.code}-${i}`} finding={f} asOf={evaluation.asOf} />
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3 className="subhead">Thời hạn đang mở (cả việc đã quá hạn)</h3>
          {dates.length === 0 ? (
            <p className="muted">Không có thời hạn nào đang mở.</p>
          ) : (
            <ul className="deadlines" data-testid="deadlines">
              {dates.map((d) => (
                <li key={d.key} className={d.overdue ? 'deadline-late' : undefined}>
                  <span className="deadline-label">
                    {d.overdue ? <ToneIcon tone="overdue" /> : null}
                    {d.label}
                  </span>
                  <DueText due={d.due} asOf={evaluation.asOf} workingDaysLeft={d.workingDaysLeft} />
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
