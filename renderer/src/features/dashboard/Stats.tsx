import { Link } from 'wouter';
import type { DashboardUnit } from '../../../../electron/core/model/dashboard';
import { Progress } from '../../components/Progress';
import { days } from './format';

/** One figure in a box; a figure that needs attention is drawn red; with `href` the figure opens what it counts. */
export function Stat({ label, value, detail, tone, href, onOpen }: { label: string; value: string; detail?: string; tone?: 'bad' | undefined; href?: string | undefined; onOpen?: (() => void) | undefined }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`}>
      <div className="stat-label">{label}</div>
      {onOpen ? (
        <button type="button" className="stat-value link-button" title="Xem danh sách" onClick={onOpen}>
          {value}
        </button>
      ) : href ? (
        <Link href={href} className="stat-value" title="Xem danh sách">
          {value}
        </Link>
      ) : (
        <div className="stat-value">{value}</div>
      )}
      {detail ? <div className="stat-detail">{detail}</div> : null}
    </div>
  );
}

/** Admissions since 1 January against the year target, or the bare count when no target is set; `href` lists them. */
export function AdmissionsStat({ unit, label, href }: { unit: DashboardUnit; label: string; href?: string | undefined }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      {unit.target ? (
        <Progress achieved={unit.admissions} target={unit.target.targetCount} label={`${label} so với chỉ tiêu năm`} />
      ) : (
        <div className="stat-value">{unit.admissions.toLocaleString('vi-VN')}</div>
      )}
      <div className="stat-detail">
        {unit.target ? 'so với chỉ tiêu năm' : 'chưa có chỉ tiêu năm'}
        {href ? (
          <>
            {' · '}
            <Link href={href} data-testid="admissions-people">
              xem {unit.admissions.toLocaleString('vi-VN')} người
            </Link>
          </>
        ) : null}
      </div>
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
