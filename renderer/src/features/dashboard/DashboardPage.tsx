import { useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Dashboard, DashboardUnit } from '../../../../electron/core/model/dashboard';
import { formatViDate } from '../../../../electron/core/model/dates';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { StageBadge } from '../../components/StageBadge';
import { todayIso } from '../../lib/form';
import { peopleHref, quarterPeopleHref, todoHref } from '../../lib/drill-down';
import { useLoad } from '../../lib/use-load';
import { CheckBanner } from '../checks/CheckBanner';
import { dailyCheck } from '../checks/daily-check';
import { yearChoices } from '../reports/period';
import { AdmissionsChart, admissionsAgainstTarget, FunnelChart, OverdueChart, TrendChart } from './charts';
import { countsToday, isPipelineStep } from './format';
import { AdmissionsStat, MediansStat, Stat } from './Stats';
import { UnitsTable } from './UnitsTable';
import { UnitSummary } from './UnitSummary';

/** Beyond this many units a bar chart stops being readable; it then shows the units that need attention most. */
const CHART_UNITS = 20;

// Kept across visits so coming back from a unit shows the same year.
const remembered = { year: 0 };

function laggards(units: DashboardUnit[]): DashboardUnit[] {
  const progress = (u: DashboardUnit) => {
    const admitted = admissionsAgainstTarget(u);
    return u.target && u.target.targetCount > 0 ? admitted / u.target.targetCount : admitted > 0 ? 1 : 0;
  };
  return units.length <= CHART_UNITS ? units : [...units].sort((a, b) => progress(a) - progress(b)).slice(0, CHART_UNITS);
}

function Figures({ data }: { data: Dashboard }) {
  const t = data.total;
  return (
    <div className="stats" data-testid="dashboard-figures">
      <AdmissionsStat unit={t} label={`Kết nạp từ đầu năm ${data.year}`} href={peopleHref(data.year, { count: 'admissions' })} />
      <Stat
        label="Chưa kết nạp ai"
        value={`${data.unitsWithoutAdmission.length.toLocaleString('vi-VN')}/${data.unitsWithData.toLocaleString('vi-VN')}`}
        tone={data.unitsWithoutAdmission.length > 0 ? 'bad' : undefined}
        detail="đơn vị"
      />
      <Stat
        label="Lỗi, quá hạn"
        value={t.overdue.toLocaleString('vi-VN')}
        tone={t.overdue > 0 ? 'bad' : undefined}
        detail="trong hồ sơ đang xét"
        href={countsToday(data) ? todoHref({ severity: 'error' }) : undefined}
      />
      <MediansStat unit={t} />
      <Stat
        label="Trùng ở hai đơn vị"
        value={data.duplicates.length.toLocaleString('vi-VN')}
        tone={data.duplicates.length > 0 ? 'bad' : undefined}
        detail="người"
        // The people are listed on this page, under the charts.
        onOpen={data.duplicates.length > 0 ? () => document.getElementById('duplicates-title')?.scrollIntoView({ behavior: 'smooth' }) : undefined}
      />
    </div>
  );
}

function NoAdmission({ data }: { data: Dashboard }) {
  if (data.unitsWithoutAdmission.length === 0) {
    return null;
  }
  return (
    <section className="card section alert-card" aria-labelledby="no-admission-title" data-testid="no-admission">
      <h2 id="no-admission-title">
        {/* Units that sent no report are not counted in either number: they have no data, not no admission. */}
        ⚠ Chưa kết nạp được đảng viên nào từ đầu năm {data.year}: {data.unitsWithoutAdmission.length.toLocaleString('vi-VN')} trong{' '}
        {data.unitsWithData.toLocaleString('vi-VN')} đơn vị có số liệu kỳ này
      </h2>
      <ul className="chip-list">
        {data.unitsWithoutAdmission.map((u) => (
          <li key={u.code}>
            <Link href={`/dashboard/units/${u.code}/${data.year}`} className="chip chip-bad">
              {u.name} <span className="detail">({u.code})</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** No report is not zero admissions: units that sent nothing, and unconfirmed ones outside every count. */
function MissingData({ data }: { data: Dashboard }) {
  const lists = [
    { id: 'not-reported', list: data.unitsNotReported, title: `${data.unitsNotReported.length.toLocaleString('vi-VN')} đơn vị chưa gửi báo cáo (chưa có số liệu, không tính là chưa kết nạp)` },
    { id: 'unconfirmed', list: data.unitsUnconfirmed, title: `${data.unitsUnconfirmed.length.toLocaleString('vi-VN')} đơn vị chưa xác nhận đăng ký (không tính vào tổng số)` },
  ].filter((l) => l.list.length > 0);
  return (
    <>
      {lists.map((l) => (
        <section key={l.id} className="card section" aria-labelledby={`${l.id}-title`} data-testid={l.id}>
          <h2 id={`${l.id}-title`}>{l.title}</h2>
          <ul className="chip-list">
            {l.list.map((u) => (
              <li key={u.code}>
                <span className="chip">
                  {u.name} <span className="detail">({u.code})</span>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function Duplicates({ data }: { data: Dashboard }) {
  if (data.duplicates.length === 0) {
    return null;
  }
  return (
    <section className="card section alert-card" aria-labelledby="duplicates-title" data-testid="duplicates">
      <h2 id="duplicates-title">Cùng một người có tên ở nhiều đơn vị</h2>
      <p className="lead">Cùng họ tên và ngày sinh; cần xác minh để không tính trùng.</p>
      <ul className="plain-list">
        {data.duplicates.map((d) => (
          <li key={`${d.name}|${d.birthDate}`}>
            <span>
              <strong>{d.occurrences[0]?.fullName ?? d.name}</strong> <span className="detail">sinh {formatViDate(d.birthDate)}</span>
            </span>
            <span className="dup-places">
              {d.occurrences.map((o) => (
                <Link key={o.candidateId} href={`/candidates/${o.candidateId}`} className="chip">
                  {o.unitName} <StageBadge stage={o.stage} />
                </Link>
              ))}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The committee's overview of its units for one year: who lags, who admitted no one, where dossiers stall. */
export function DashboardPage() {
  const today = todayIso();
  const currentYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(remembered.year || currentYear);
  const [, navigate] = useLocation();
  // Its findings counts are today's: it waits for the day's re-evaluation rather than doing all of it in one call.
  const dashboard = useLoad(() => dailyCheck().then(() => call('dashboard:get', { year })), String(year));
  const data = dashboard.data;
  const open = (code: string) => navigate(`/dashboard/units/${code}/${year}`);
  // One bar per TCCSĐ: a đảng ủy cơ sở's bar is its whole subtree, so its chi bộ as bars of their own would count twice.
  const chartUnits = data ? laggards(data.units.filter((u) => u.tccsd === null)) : [];
  // A cell (or a committee with no unit below yet) has nothing to compare: it sees its own year in detail.
  const single = data?.units.length === 1 && data.scope === null;
  const overdueUnits = data ? [...data.units].filter((u) => u.overdue > 0).sort((a, b) => b.overdue - a.overdue).slice(0, CHART_UNITS) : [];

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Tổng quan</h1>
          <p className="count">
            {data
              ? `${data.scope?.name ?? data.total.name}${single ? '' : ` · ${data.units.length} đơn vị`} · số liệu tính đến ngày ${formatViDate(data.countedTo)}`
              : 'Đang tổng hợp…'}
          </p>
        </div>
        <label className="inline-label">
          Năm
          <select
            value={year}
            onChange={(e) => {
              remembered.year = Number(e.target.value);
              setYear(remembered.year);
            }}
          >
            {yearChoices(currentYear)
              .slice(1)
              .map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
          </select>
        </label>
      </div>
      {data ? null : <CheckBanner />}
      <FormError message={dashboard.error} />
      {data && single ? <UnitSummary unit={data.total} year={data.year} findingsToday={countsToday(data)} /> : null}
      {data && !single ? (
        <>
          <Figures data={data} />
          <NoAdmission data={data} />
          <MissingData data={data} />
          <div className="dash-grid">
            <section className="card" aria-labelledby="admissions-title">
              <h2 id="admissions-title">Kết nạp so với chỉ tiêu năm, theo đơn vị</h2>
              <p className="lead">
                {chartUnits.length < data.units.filter((u) => u.tccsd === null).length ? `${CHART_UNITS} đơn vị đạt thấp nhất. ` : ''}
                {data.units.some((u) => u.tccsd !== null) ? 'Mỗi đảng ủy cơ sở một cột, gồm cả các chi bộ của nó. ' : ''}Bấm vào cột để xem đơn vị.
              </p>
              <AdmissionsChart units={chartUnits} onOpen={open} />
            </section>
            <section className="card" aria-labelledby="funnel-title">
              <h2 id="funnel-title">Số người ở từng bước</h2>
              <p className="lead">Tất cả đơn vị, tại ngày {formatViDate(data.countedTo)}. Bấm vào cột để xem danh sách.</p>
              <FunnelChart steps={data.total.funnel.filter(isPipelineStep)} onOpen={(stage) => navigate(peopleHref(data.year, { count: 'stage', stage }))} />
            </section>
            <section className="card" aria-labelledby="trend-title">
              <h2 id="trend-title">Kết nạp theo quý năm {data.year}</h2>
              <p className="lead">Tổng các đơn vị, theo ngày ký quyết định kết nạp.</p>
              <TrendChart points={data.total.trend} hrefOf={(q) => quarterPeopleHref(data.year, q)} />
            </section>
            <section className="card" aria-labelledby="overdue-title">
              <h2 id="overdue-title">Lỗi và việc quá hạn theo đơn vị</h2>
              {overdueUnits.length === 0 ? (
                <p className="muted">Không đơn vị nào có lỗi hay việc quá hạn.</p>
              ) : (
                <>
                  <p className="lead">Bấm vào cột để xem hồ sơ của đơn vị.</p>
                  <OverdueChart units={overdueUnits} onOpen={open} />
                </>
              )}
            </section>
          </div>
          <section className="section" aria-labelledby="units-title">
            <h2 id="units-title" className="section-title">
              Từng đơn vị
            </h2>
            <UnitsTable units={data.units} total={data.total} year={data.year} ended={data.year < currentYear} findingsToday={countsToday(data)} />
          </section>
          <Duplicates data={data} />
        </>
      ) : null}
    </section>
  );
}
