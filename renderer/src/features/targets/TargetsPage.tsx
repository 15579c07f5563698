import { useState } from 'react';
import { SOURCE_LABELS } from '../../../../electron/core/domain/reports/labels';
import type { TargetProgress } from '../../../../electron/core/model/report';
import type { TargetRow } from '../../../../electron/core/model/report-records';
import { targetPeriodLabel, targetPeriodRange } from '../../../../electron/core/model/targets';
import { formatViDate } from '../../../../electron/core/model/dates';
import { call, errorMessage } from '../../api';
import { useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { Progress } from '../../components/Progress';
import { todayIso } from '../../lib/form';
import { useLoad } from '../../lib/use-load';
import { yearChoices } from '../reports/period';
import { TargetForm } from './TargetForm';
import { TargetsTable } from './TargetsTable';

type UnitChoice = { code: string; name: string };

/** At a committee, the units it can assign targets to: its own and every unit below that has sent data. */
function useUnitChoices(year: number): UnitChoice[] {
  const { status } = useSession();
  const self = status.unit;
  const superior = self !== null && self.level !== 'chi-bo';
  const dashboard = useLoad(() => (superior ? call('dashboard:get', { year }) : Promise.resolve(null)), `${superior}|${year}`);
  const below = (dashboard.data?.units ?? []).filter((u) => u.code !== self?.code).map((u) => ({ code: u.code, name: u.name }));
  return self ? [{ code: self.code, name: self.name }, ...below] : below;
}

/** Who gave a target: "Đảng ủy Khối … (DUK01) giao" for one this unit received, else where it comes from. */
function sourceText(row: Pick<TargetRow, 'source' | 'issuerCode' | 'issuerName'>): string {
  return row.source === 'superior' && row.issuerName ? `${row.issuerName} (${row.issuerCode}) giao` : SOURCE_LABELS[row.source];
}

function sourceBadge(row: TargetRow) {
  return (
    <span className={`badge ${row.source === 'superior' ? 'badge-progress' : 'badge-info'}`} data-testid="target-source">
      {sourceText(row)}
    </span>
  );
}

function valueText(row: TargetRow): string {
  return row.kind === 'count' ? `${row.value.toLocaleString('vi-VN')} người` : `${row.value.toLocaleString('vi-VN')}% đảng viên chính thức đầu năm`;
}

type RowProps = { row: TargetRow; applying: TargetRow | undefined; progress: TargetProgress | undefined; editable: boolean; today: string; onRemove: (row: TargetRow) => void };

function TargetTableRow({ row, applying, progress, editable, today, onRemove }: RowProps) {
  const range = targetPeriodRange(row.year, row.period);
  let state;
  if (!row.effective) {
    // Two superiors gave one (the đảng ủy cơ sở's split and the Khối's straight): the one received last applies.
    const instead = row.source === 'superior' && applying?.issuerName ? `chỉ tiêu ${sourceText(applying)} (nhận sau)` : 'chỉ tiêu cấp trên giao';
    state = <span className="muted state-note">Không áp dụng: dùng {instead} cho kỳ này</span>;
  } else if (range.start > today) {
    state = <span className="muted">Chưa đến kỳ (từ {formatViDate(range.start)})</span>;
  } else {
    // The report's figures when it has this target; otherwise (a committee's own target, which no report row
    // carries) the list's own count over the committee's whole tree.
    const shown = progress ?? { achieved: row.achieved, targetCount: row.targetCount, label: targetPeriodLabel(row.year, row.period) };
    state = <Progress achieved={shown.achieved} target={shown.targetCount} ended={range.end < today} label={`Tiến độ ${shown.label}`} />;
  }
  return (
    <tr className={row.effective ? undefined : 'row-left'} data-testid="target-row">
      <td>
        <strong>{targetPeriodLabel(row.year, row.period)}</strong>
      </td>
      <td>{valueText(row)}</td>
      <td className="num">{row.targetCount.toLocaleString('vi-VN')}</td>
      <td>{sourceBadge(row)}</td>
      <td className="progress-cell">{state}</td>
      <td>
        <div className="cell-actions">
          {editable ? (
            <button type="button" className="btn btn-small btn-danger" onClick={() => onRemove(row)}>
              Xóa
            </button>
          ) : (
            <span className="muted" title="Chỉ tiêu do cấp trên giao chỉ sửa được ở cấp trên">
              Chỉ xem
            </span>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Admission targets of a year per period, where each comes from, and how far the unit has got towards it. */
export function TargetsPage() {
  const { status } = useSession();
  const today = todayIso();
  const currentYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(currentYear);
  const self = status.unit;
  const [chosenUnit, setChosenUnit] = useState(self?.code ?? '');
  const units = useUnitChoices(year);
  const unitCode = chosenUnit && chosenUnit !== self?.code ? chosenUnit : undefined;
  const key = `${year}|${unitCode ?? ''}`;
  const rows = useLoad(() => call('targets:list', { year, unitCode: unitCode ?? self?.code }), key);
  // At a committee its own line counts the whole tree below it, as Tổng quan does; its own candidates alone are
  // usually none, which showed 0 admitted beside the dashboard's hundreds.
  const committee = self !== null && self.level !== 'chi-bo';
  const overTree = committee && unitCode === undefined;
  // A year not started yet has no progress to show; the report refuses it rather than counting nothing. A unit below
  // is read from the committee's whole report, where a ĐUCS's line counts its chi bộ as Tổng quan does.
  const report = useLoad(
    () => (year > currentYear ? Promise.resolve(null) : call('reports:build', committee ? { period: String(year), all: true } : { period: String(year), unitCode })),
    `${year}|${committee}`,
  );
  const [failure, setFailure] = useState<string | null>(null);
  const groups = report.data?.groups ?? [];
  const unitReport = overTree
    ? (report.data?.total ?? undefined)
    : committee
      ? (groups.find((g) => g.code === unitCode) ?? groups.flatMap((g) => g.units).find((u) => u.code === unitCode) ?? report.data?.units.find((u) => u.code === unitCode))
      : report.data?.units[0];
  const progressOf = (row: TargetRow) => unitReport?.targets.find((t) => t.period === row.period && t.source === row.source);
  // The own unit edits its own targets; a committee edits what it assigned to the units below, never theirs.
  const editable = (row: TargetRow) => (row.unitCode === self?.code ? row.source === 'unit' : row.source === 'superior');
  const yearTarget = unitReport?.targets.find((t) => t.period === 'year');
  const applyingFor = (row: Pick<TargetRow, 'unitCode' | 'period'>) => rows.data?.find((r) => r.effective && r.unitCode === row.unitCode && r.period === row.period);
  const applyingYear = self ? applyingFor({ unitCode: unitCode ?? self.code, period: 'year' }) : undefined;

  const [changes, setChanges] = useState(0);
  const saved = () => {
    rows.reload();
    report.reload();
    setChanges((n) => n + 1);
  };
  const remove = async (row: TargetRow) => {
    setFailure(null);
    try {
      await call('targets:remove', { id: row.id });
      saved();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Chỉ tiêu kết nạp</h1>
          <p className="count">Theo năm, quý, tháng; tính bằng số người hoặc tỷ lệ đảng viên chính thức đầu năm.</p>
        </div>
      </div>
      <div className="toolbar">
        <label className="inline-label">
          Năm
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearChoices(currentYear).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
        {units.length > 1 ? (
          <label className="inline-label">
            Đơn vị
            <select value={chosenUnit} onChange={(e) => setChosenUnit(e.target.value)}>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name} ({u.code})
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </div>

      <div className="card section" aria-labelledby="year-progress-title">
        <h2 id="year-progress-title">Tiến độ năm {year}</h2>
        {yearTarget ? (
          <div className="year-progress" data-testid="year-progress">
            <Progress achieved={yearTarget.achieved} target={yearTarget.targetCount} ended={yearTarget.end < today} label={`Tiến độ chỉ tiêu năm ${year}`} />
            <p className="muted">
              {overTree && !applyingYear ? `Tổng chỉ tiêu của ${yearTarget.units} đơn vị có chỉ tiêu` : sourceText(applyingYear ?? { source: yearTarget.source, issuerCode: null, issuerName: null })} · tính đến ngày {formatViDate(report.data?.countedTo)} · {unitReport?.fullMembersAtYearStart ?? 0} đảng
              viên chính thức ngày 01/01/{year}
            </p>
          </div>
        ) : (
          <p className="muted">
            {year > currentYear ? 'Năm chưa bắt đầu.' : 'Chưa có chỉ tiêu cả năm.'}
            {unitReport ? ` Từ đầu năm đã kết nạp ${unitReport.quality.admissionsThisYear} đảng viên.` : ''}
          </p>
        )}
      </div>

      {self !== null && self.level !== 'chi-bo' ? <TargetsTable year={year} changes={changes} onSaved={saved} /> : null}

      <FormError message={rows.error ?? report.error ?? failure} />
      <div className="table-wrap section">
        <table className="table" aria-label="Chỉ tiêu đã đặt">
          <thead>
            <tr>
              <th>Kỳ</th>
              <th>Chỉ tiêu giao</th>
              <th className="num">Quy ra người</th>
              <th>Nguồn</th>
              <th>Đã kết nạp / chỉ tiêu</th>
              <th>
                <span className="sr-only">Thao tác</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(rows.data ?? []).map((row) => (
              <TargetTableRow key={row.id} row={row} applying={applyingFor(row)} progress={progressOf(row)} editable={editable(row)} today={today} onRemove={remove} />
            ))}
          </tbody>
        </table>
        {rows.data?.length === 0 ? <p className="empty">Chưa đặt chỉ tiêu nào cho năm {year}. Ghi chỉ tiêu kết nạp của năm ở biểu mẫu bên dưới (theo nghị quyết của {self?.level === 'chi-bo' ? 'chi bộ' : 'đảng bộ'} hoặc chỉ tiêu cấp trên giao) để Tổng quan so sánh được.</p> : null}
      </div>

      <TargetForm year={year} unitCode={unitCode} unitName={units.find((u) => u.code === unitCode)?.name} fullMembersAtYearStart={unitReport?.fullMembersAtYearStart ?? null} onSaved={saved} />
    </section>
  );
}
