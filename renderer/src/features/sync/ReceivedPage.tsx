import { useState } from 'react';
import { Link } from 'wouter';
import { targetPeriodLabel } from '../../../../electron/core/model/targets';
import { call } from '../../api';
import { useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { todayIso } from '../../lib/form';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { ImportWizard } from './ImportWizard';
import { DIRECTIVE_ITEM_LABELS, labelOf } from './sync-format';

const ITEM_TONES: Readonly<Record<string, string>> = { receipt: 'muted', decision: 'success', comment: 'info', 'request-dossier': 'warm' };

/** What the superior's directives brought: receipts, decisions, comments, and the targets it assigned. */
function Arrived({ version }: { version: number }) {
  const year = Number(todayIso().slice(0, 4));
  const items = useLoad(() => call('directives:list-received', {}), `received|${version}`);
  const targets = useLoad(() => call('targets:list', { year }), `targets|${year}|${version}`);
  const assigned = (targets.data ?? []).filter((t) => t.source === 'superior');
  const rows = items.data ?? [];
  return (
    <section className="card section" aria-labelledby="arrived-title" data-testid="arrived">
      <h2 id="arrived-title">Đã nhận từ cấp trên</h2>
      <FormError message={items.error ?? targets.error} />
      <h3 className="subhead">Chỉ tiêu cấp trên giao năm {year}</h3>
      {assigned.length === 0 ? (
        <p className="muted">Chưa có chỉ tiêu nào cấp trên giao cho năm nay.</p>
      ) : (
        <ul className="plain-list" aria-label="Chỉ tiêu cấp trên giao">
          {assigned.map((t) => (
            <li key={t.id} data-testid="arrived-target">
              <span>
                {targetPeriodLabel(t.year, t.period)}: <strong>{t.targetCount} người</strong>
                {t.kind === 'count' ? '' : ` (${t.value.toLocaleString('vi-VN')}% đảng viên chính thức đầu năm)`}
              </span>
              <Link href="~/targets">Xem tiến độ</Link>
            </li>
          ))}
        </ul>
      )}
      <h3 className="subhead">Biên nhận, quyết định và ý kiến</h3>
      {items.data && rows.length === 0 ? <p className="muted">Chưa nhận gói chỉ đạo nào.</p> : null}
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table" aria-label="Biên nhận, quyết định và ý kiến đã nhận">
            <thead>
              <tr>
                <th>Nhận lúc</th>
                <th>Loại</th>
                <th>Nơi ban hành</th>
                <th>Nội dung</th>
                <th>Người vào Đảng</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((item) => (
                <tr key={item.id} data-testid="arrived-item">
                  <td className="nowrap">{formatViDateTime(item.createdAt)}</td>
                  <td>
                    <span className={`badge badge-${ITEM_TONES[item.kind] ?? 'neutral'}`}>{labelOf(DIRECTIVE_ITEM_LABELS, item.kind)}</span>
                  </td>
                  <td data-testid="arrived-issuer">
                    {item.fromName ?? item.fromCode}
                    {item.via ? <div className="detail">chuyển qua {item.via.name}</div> : null}
                  </td>
                  <td>
                    {item.text}
                    {item.resolvedAt ? (
                      <div className="detail">
                        Đã xử lý {formatViDateTime(item.resolvedAt)}
                        {item.answer ? ` — trả lời: ${item.answer}` : ''}
                      </div>
                    ) : null}
                  </td>
                  <td>{item.candidateId && item.candidateName ? <Link href={`~/candidates/${item.candidateId}`}>{item.candidateName}</Link> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

/** A cell receives directives: import them, then see what arrived. */
export function ReceivedPage() {
  const { status } = useSession();
  const [version, setVersion] = useState(0);
  return (
    <>
      <ImportWizard
        ownCode={status.unit?.code ?? ''}
        intro={
          <p className="lead">
            Cấp trên gửi gói chỉ đạo (đuôi .ptdv) mang biên nhận các báo cáo đã nhận, quyết định kết nạp và công nhận, chỉ tiêu được giao,
            lịch ngày nghỉ, bộ quy tắc mới và ý kiến về hồ sơ.
          </p>
        }
        onImported={() => setVersion((v) => v + 1)}
      />
      <Arrived version={version} />
    </>
  );
}
