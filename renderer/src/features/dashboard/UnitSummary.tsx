import { SEVERITY_LABELS, findingLabel } from '../../../../electron/core/domain/reports/labels';
import { Link, useLocation } from 'wouter';
import type { DashboardUnit } from '../../../../electron/core/model/dashboard';
import { peopleHref, quarterPeopleHref, todoHref } from '../../lib/drill-down';
import { FunnelChart, TrendChart } from './charts';
import { isPipelineStep } from './format';
import { AdmissionsStat, MediansStat, Stat } from './Stats';

/**
 * One unit's year: figures, findings by kind, where its candidates stand and its admissions by quarter. Each number
 * opens the people it counts; findings open the to-do list only when they are counted as of today (`findingsToday`).
 */
/** A unit that sent no report has no findings counted: a 0 there would read as a clean unit. */
const NOT_REPORTED = 'Đơn vị chưa báo số lỗi nên chưa có gì để so sánh.';

export function UnitSummary({ unit, year, findingsToday, reported = true }: { unit: DashboardUnit; year: number; findingsToday: boolean; reported?: boolean }) {
  const [, navigate] = useLocation();
  const errors = (code?: string) => (findingsToday ? todoHref({ unit: unit.code, severity: 'error', ...(code ? { code } : {}) }) : undefined);
  return (
    <>
      <div className="stats stats-unit" data-testid="unit-figures">
        <AdmissionsStat unit={unit} label="Kết nạp từ đầu năm" href={peopleHref(year, { count: 'admissions', unit: unit.code })} />
        {reported ? (
          <Stat label="Lỗi, quá hạn" value={unit.overdue.toLocaleString('vi-VN')} tone={unit.overdue > 0 ? 'bad' : undefined} detail="trong hồ sơ đang xét" href={errors()} />
        ) : (
          <Stat label="Lỗi, quá hạn" value="—" detail="chưa báo số lỗi nên chưa có gì để so sánh" />
        )}
        <MediansStat unit={unit} />
        <Stat
          label="Hồ sơ"
          value={unit.candidates.toLocaleString('vi-VN')}
          detail={`${unit.fullMembersAtYearStart.toLocaleString('vi-VN')} đảng viên chính thức đầu năm`}
          href={peopleHref(year, { count: 'candidates', unit: unit.code })}
        />
      </div>
      {unit.subtree ? (
        <p className="lead" data-testid="unit-tree-note">
          Cả đảng bộ ({unit.subtree.units.toLocaleString('vi-VN')} chi bộ trực thuộc): {unit.subtree.candidates.toLocaleString('vi-VN')} hồ sơ, kết nạp {unit.subtree.admissions.toLocaleString('vi-VN')} người từ đầu năm. Số liệu trên đây là của những người đảng ủy trực tiếp theo dõi; mỗi chi bộ có trang riêng.
        </p>
      ) : unit.tccsd ? (
        <p className="lead" data-testid="unit-tree-note">
          Thuộc {unit.tccsd.name} ({unit.tccsd.code}).
        </p>
      ) : null}
      {/* A unit with nobody followed yet has nothing to be late with: it is told where to start, not alarmed. */}
      {unit.candidates === 0 && unit.admissions === 0 ? (
        <p className="empty" data-testid="unit-empty">
          Chưa có hồ sơ người vào Đảng nào. Bắt đầu ở mục <strong>Người vào Đảng</strong> (“+ Thêm người vào Đảng”); số liệu
          ở đây hiện theo các mốc đã ghi.
        </p>
      ) : unit.noAdmissionThisYear ? (
        <p className="form-error">Đơn vị chưa kết nạp được đảng viên nào từ đầu năm {year}.</p>
      ) : null}
      <div className="dash-grid">
        <section className="card" aria-labelledby="unit-findings-title">
          <h2 id="unit-findings-title">Lỗi và việc quá hạn theo loại</h2>
          {!reported ? (
            <p className="muted" data-testid="unit-findings-not-reported">{NOT_REPORTED}</p>
          ) : unit.findings.length === 0 ? (
            <p className="muted">Không có lỗi hay việc quá hạn.</p>
          ) : (
            <table className="table" aria-label="Lỗi và việc quá hạn theo loại">
              <thead>
                <tr>
                  <th>Nội dung</th>
                  <th>Mức độ</th>
                  <th className="num">Số lượng</th>
                </tr>
              </thead>
              <tbody>
                {unit.findings.map((f) => (
                  <tr key={f.code}>
                    <td className="wrap">{findingLabel(f.code)}</td>
                    <td>
                      <span className={`badge ${f.severity === 'error' ? 'badge-danger' : 'badge-warm'}`}>{SEVERITY_LABELS[f.severity] ?? f.severity}</span>
                    </td>
                    <td className="num">
                      {findingsToday ? (
                        <Link href={errors(f.code)!} className="count-link" data-testid="finding-count-link">
                          {f.count.toLocaleString('vi-VN')}
                        </Link>
                      ) : (
                        f.count.toLocaleString('vi-VN')
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
        <section className="card" aria-labelledby="unit-funnel-title">
          <h2 id="unit-funnel-title">Số người ở từng bước</h2>
          <FunnelChart steps={unit.funnel.filter(isPipelineStep)} onOpen={(stage) => navigate(peopleHref(year, { count: 'stage', unit: unit.code, stage }))} />
        </section>
        <section className="card" aria-labelledby="unit-trend-title">
          <h2 id="unit-trend-title">Kết nạp theo quý năm {year}</h2>
          <p className="lead">Theo ngày ký quyết định kết nạp.</p>
          <TrendChart points={unit.trend} hrefOf={(q) => quarterPeopleHref(year, q, unit.code)} />
        </section>
      </div>
    </>
  );
}
