import { Fragment } from 'react';
import { Link } from 'wouter';
import { formatViDate } from '../../../../electron/core/model/dates';
import { parsePeriod } from '../../../../electron/core/model/report';
import type { FrozenReportInfo } from '../../../../electron/core/model/report-records';
import { formatViDateTime } from '../../lib/format';
import { ReviewBadge } from './ReviewBadge';
import { EXPORT_FORMATS, FORMAT_LABELS, type ExportFormat } from './use-export';

type Props = {
  versions: FrozenReportInfo[];
  /** The period on screen: its versions are marked so a secretary sees at once what was already sent. */
  period: string;
  viewing: string | null;
  /** This database's unit: versions of other units are ones it received from below, reviewed on their unit page. */
  ownCode: string | null;
  busy: boolean;
  onView: (info: FrozenReportInfo) => void;
  onExport: (info: FrozenReportInfo, format: ExportFormat) => void;
};

/** Every report sent upward, every version of it: a correction is a new row, and the earlier one stays. */
export function VersionsCard({ versions, period, viewing, ownCode, busy, onView, onExport }: Props) {
  // Only a committee that reports both for itself and for all its units has versions of more than one scope.
  const manyScopes = versions.some((v) => v.unitCode !== versions[0]?.unitCode);
  return (
    <section className="card section" aria-labelledby="versions-title">
      <h2 id="versions-title">Báo cáo đã chốt gửi cấp trên</h2>
      <p className="lead">Mỗi lần chốt là một phiên bản; bản sửa không thay bản đã gửi.</p>
      {versions.length === 0 ? (
        <p className="muted">Chưa chốt báo cáo nào.</p>
      ) : (
        <div className="table-wrap">
          <table className="table" aria-label="Các phiên bản đã chốt">
            <thead>
              <tr>
                <th>Kỳ báo cáo</th>
                <th>Phiên bản</th>
                <th>Số, ký hiệu</th>
                <th>Ngày báo cáo</th>
                <th>Chốt lúc</th>
                <th>Lý do sửa</th>
                <th>
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <Fragment key={v.id}>
                  <tr className={v.period === period ? 'row-current' : undefined} data-testid="frozen-version">
                    <td className="nowrap">
                      {parsePeriod(v.period).label}
                      {manyScopes ? <div className="detail">{v.unitCode}</div> : null}
                    </td>
                    <td className="nowrap">
                      <span className="badge badge-neutral">Phiên bản {v.version}</span>
                    </td>
                    <td className="nowrap">
                      <strong>{v.number}</strong>
                    </td>
                    <td className="nowrap">{formatViDate(v.issuedOn)}</td>
                    <td className="detail nowrap">{formatViDateTime(v.frozenAt)}</td>
                    <td className="wrap">{v.reason ?? <span className="muted">—</span>}</td>
                    <td>
                      <div className="cell-actions">
                        <button type="button" className="btn btn-small" onClick={() => onView(v)} aria-pressed={viewing === v.id}>
                          Xem
                        </button>
                        {EXPORT_FORMATS.map((f) => (
                          <button key={f} type="button" className="btn btn-small" disabled={busy} onClick={() => onExport(v, f)} aria-label={`Xuất ${FORMAT_LABELS[f]} phiên bản ${v.version} ${v.period}`}>
                            {FORMAT_LABELS[f]}
                          </button>
                        ))}
                      </div>
                    </td>
                  </tr>
                  {v.review || (ownCode !== null && v.unitCode !== ownCode) ? (
                    <tr className={`review-row${v.period === period ? ' row-current' : ''}`} data-testid="frozen-review">
                      <td colSpan={7}>
                        {v.unitCode === ownCode ? (
                          <>
                            Ý kiến cấp trên về phiên bản {v.version}: <ReviewBadge info={v} superior={false} />
                          </>
                        ) : (
                          <>
                            Ý kiến về phiên bản {v.version} của {v.unitCode}: <ReviewBadge info={v} superior /> <Link href={`/units/${v.unitCode}`}>Duyệt, trả lại ở trang đơn vị →</Link>
                          </>
                        )}
                      </td>
                    </tr>
                  ) : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
