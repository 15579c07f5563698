import type { DashboardUnit } from '../../../../electron/core/model/dashboard';
import { Progress } from '../../components/Progress';
import { days } from './format';

/** One figure in a box; a figure that needs attention is drawn red. */
export function Stat({ label, value, detail, tone }: { label: string; value: string; detail?: string; tone?: 'bad' | undefined }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {detail ? <div className="stat-detail">{detail}</div> : null}
    </div>
  );
}

/** Admissions since 1 January against the year target, or the bare count when no target is set. */
export function AdmissionsStat({ unit, label }: { unit: DashboardUnit; label: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      {unit.target ? (
        <Progress achieved={unit.admissions} target={unit.target.targetCount} label={`${label} so với chỉ tiêu năm`} />
      ) : (
        <div className="stat-value">{unit.admissions.toLocaleString('vi-VN')}</div>
      )}
      <div className="stat-detail">{unit.target ? 'so với chỉ tiêu năm' : 'chưa có chỉ tiêu năm'}</div>
    </div>
  );
}

/** The two lead times docs/reports.md asks for, as medians in days. */
export function MediansStat({ unit }: { unit: DashboardUnit }) {
  return (
    <div className="stat">
      <div className="stat-label">Thời gian xử lý (trung vị)</div>
      <dl className="stat-pairs">
        <dt>Cảm tình → kết nạp</dt>
        <dd>{days(unit.medianDaysListingToAdmission)}</dd>
        <dt>Lễ kết nạp → chính thức</dt>
        <dd>{days(unit.medianDaysCeremonyToRecognition)}</dd>
      </dl>
    </div>
  );
}
