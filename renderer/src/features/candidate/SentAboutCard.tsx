import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { useLoad } from '../../lib/use-load';
import { SentList } from '../sync/DirectiveCard';
import { DIRECTIVE_ITEM_LABELS, labelOf } from '../sync/sync-format';

/**
 * At a superior, on a person of a unit below: the decisions and notes this committee addressed about them, waiting
 * or sent, so the officer reading "decision overdue" sees the decision already on its way.
 */
export function SentAboutCard({ candidate }: { candidate: CandidateDetail }) {
  const items = useLoad(async () => {
    const [pending, sent] = await Promise.all([call('directives:list-pending', { unitCode: candidate.unitCode }), call('directives:list-sent', { unitCode: candidate.unitCode })]);
    const about = (list: typeof pending) => list.filter((i) => i.candidateId === candidate.id);
    return { pending: about(pending), sent: about(sent) };
  }, `${candidate.id}`);
  const data = items.data;
  if (!data || data.pending.length + data.sent.length === 0) {
    return <FormError message={items.error} />;
  }
  return (
    <section className="card section" aria-labelledby="sent-about-title" data-testid="sent-about">
      <h2 id="sent-about-title">Cấp trên đã gửi về người này</h2>
      {data.pending.length > 0 ? (
        <ul className="plain-list pending-list" aria-label="Đang chờ gửi">
          {data.pending.map((item) => (
            <li key={item.id}>
              <span>
                <span className="badge badge-neutral">{labelOf(DIRECTIVE_ITEM_LABELS, item.kind)}</span> {item.text}
              </span>
              <span className="badge badge-warm">Chờ gửi trong gói chỉ đạo kế tiếp</span>
            </li>
          ))}
        </ul>
      ) : null}
      {data.sent.length > 0 ? <SentList items={data.sent} via={null} /> : null}
    </section>
  );
}
