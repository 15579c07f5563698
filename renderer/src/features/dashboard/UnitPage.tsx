import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { formatViDate } from '../../../../electron/core/model/dates';
import { call } from '../../api';
import { useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { StageBadge } from '../../components/StageBadge';
import { useLoad } from '../../lib/use-load';
import { countsToday } from './format';
import { UnitSummary } from './UnitSummary';

/** Enough for any real cell; a larger unit is searched by name rather than scrolled. */
const LIST_LIMIT = 500;
const SEARCH_DELAY_MS = 200;

function CandidateList({ unitCode }: { unitCode: string }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const list = useLoad(() => call('candidates:list', { unitCode, query: query || undefined, limit: LIST_LIMIT }), `${unitCode}|${query}`);
  const rows = list.data?.rows ?? [];
  return (
    <section className="card section" aria-labelledby="unit-candidates-title">
      <div className="section-head">
        <h2 id="unit-candidates-title">Hồ sơ người vào Đảng</h2>
        <input type="search" aria-label="Tìm theo họ tên" placeholder="Tìm theo họ tên" value={text} onChange={(e) => setText(e.target.value)} className="search-small" />
      </div>
      <FormError message={list.error} />
      <p className="count" data-testid="unit-candidate-count">
        {list.data ? `${list.data.total.toLocaleString('vi-VN')} người${list.data.total > rows.length ? ` · hiện ${rows.length} người đầu, tìm theo tên để thấy người khác` : ''}` : 'Đang tải…'}
      </p>
      <div className="table-wrap">
        <table className="table" aria-label="Người vào Đảng của đơn vị">
          <thead>
            <tr>
              <th>Họ và tên</th>
              <th>Ngày sinh</th>
              <th>Giai đoạn</th>
              <th>Người giúp đỡ</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link href={`/candidates/${r.id}`}>{r.fullName}</Link>
                </td>
                <td>{formatViDate(r.birthDate)}</td>
                <td>
                  <StageBadge stage={r.stage} />
                </td>
                <td>{r.mentorName ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {list.data?.total === 0 ? <p className="empty">Không có hồ sơ nào.</p> : null}
      </div>
    </section>
  );
}

/** One unit seen from the committee: its figures, its findings by kind and its candidates, read-only. */
export function UnitPage({ code, year }: { code: string; year: number }) {
  const { status } = useSession();
  const dashboard = useLoad(() => call('dashboard:get', { year }), String(year));
  const unit = dashboard.data?.units.find((u) => u.code === code);
  const own = code === status.unit?.code;
  return (
    <section>
      <p>
        <Link href="/dashboard">← Tổng quan</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{unit?.name ?? code}</h1>
          <p className="count">
            Mã {code} · năm {year}
            {own ? '' : ' · dữ liệu do đơn vị gửi lên, chỉ xem'}
          </p>
        </div>
      </div>
      <FormError message={dashboard.error} />
      {dashboard.data && !unit ? <p className="form-error">Không có đơn vị mã {code} trong tổng hợp năm {year}.</p> : null}
      {unit ? (
        <>
          <UnitSummary
            unit={unit}
            year={year}
            findingsToday={dashboard.data ? countsToday(dashboard.data) : false}
            reported={!dashboard.data?.unitsNotReported.some((u) => u.code === unit.code)}
          />
          <CandidateList unitCode={code} />
        </>
      ) : null}
    </section>
  );
}
