import { Link } from 'wouter';
import { parsePeriod } from '../../../../electron/core/model/report';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { useLoad } from '../../lib/use-load';
import { RequestsCard } from '../candidate/RequestsCard';

/** Việc cần làm from the superior: reports it returned (corrected as a new version) and requests about candidates. */
export function SuperiorWork() {
  const returned = useLoad(() => call('reports:list-returned', {}), 'returned');
  const rows = returned.data ?? [];
  return (
    <>
      <FormError message={returned.error} />
      {rows.length > 0 ? (
        <section className="card section request-card" aria-labelledby="returned-title" data-testid="returned-reports">
          <h2 id="returned-title">Báo cáo cấp trên trả lại</h2>
          <ul className="plain-list">
            {rows.map((r) => (
              <li key={r.id} data-testid="returned-report" className="request-item">
                <div>
                  <span className="badge badge-danger">Trả lại</span> <strong>Báo cáo {parsePeriod(r.period).label}</strong> (phiên bản {r.version}, số {r.number}):{' '}
                  <span className="review-comment">{r.review?.comment}</span>
                </div>
                <div className="actions">
                  <Link href={`/reports?period=${r.period}`} className="btn btn-small">
                    Sửa và chốt phiên bản mới
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <RequestsCard />
    </>
  );
}
