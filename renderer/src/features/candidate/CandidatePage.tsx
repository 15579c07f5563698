import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { StageBadge } from '../../components/StageBadge';
import { todayIso } from '../../lib/form';
import { formatViDate } from '../../../../electron/core/model/dates';
import { useLoad } from '../../lib/use-load';
import { checksChanged } from '../checks/attention';
import { FormsCard } from '../forms/FormsCard';
import { ChecklistCard } from './ChecklistCard';
import { ChecksPanel } from './ChecksPanel';
import { HistoryCard, VoidReasonDialog } from './Corrections';
import { DocumentsCard } from './DocumentsCard';
import { IntroducersCard } from './IntroducersCard';
import { MentorsCard } from './MentorsCard';
import { ProfileCard } from './ProfileCard';
import { RequestsCard } from './RequestsCard';
import { SentAboutCard } from './SentAboutCard';
import { TimelineCard } from './TimelineCard';

/** Other records of the same name and birth date: one person is considered by one unit only, so they must agree which. */
function SamePersonCard({ others }: { others: CandidateDetail['samePerson'] }) {
  if (others.length === 0) {
    return null;
  }
  return (
    <div className="card section alert-card" role="status" data-testid="same-person">
      <h2>Người này còn có hồ sơ khác</h2>
      <p>Cùng họ tên (không kể dấu và chữ hoa) và ngày sinh với:</p>
      <ul>
        {others.map((o) => (
          <li key={o.id}>
            <Link href={`/candidates/${o.id}`}>{o.fullName}</Link> · {o.unitName} ({o.unitCode}) <StageBadge stage={o.stage} />
          </li>
        ))}
      </ul>
      <p className="muted">Một người chỉ do một chi bộ xem xét kết nạp: đề nghị các đơn vị đối chiếu và giữ một hồ sơ.</p>
    </div>
  );
}

/** One candidate's whole file: checks, profile, stage, events, documents, introducers and mentors. */
export function CandidatePage({ id }: { id: string }) {
  const detail = useLoad(() => call('candidates:get', { id }), id);
  const members = useLoad(() => call('members:list', {}), 'members');
  // Every saved change can change the findings, so each one re-runs the checks.
  const [revision, setRevision] = useState(0);
  const checks = useLoad(() => call('checks:candidate', { id }), `${id}:${revision}`);
  const { setData } = detail;
  const onChange = useCallback(
    (d: CandidateDetail) => {
      setData(d);
      setRevision((r) => r + 1);
      checksChanged();
    },
    [setData],
  );
  const [voiding, setVoiding] = useState(false);
  const loaded = detail.data;

  if (!loaded) {
    return detail.error ? <FormError message={detail.error} /> : <p className="muted">Đang tải…</p>;
  }
  const roster = members.data ?? [];
  // A file voided as created by mistake is history only: shown, never changed or checked again.
  const candidate = loaded.voided ? { ...loaded, readOnly: true } : loaded;
  return (
    <section>
      <div className="page-head">
        <div>
          {loaded.readOnly ? (
            <Link href={`/dashboard/units/${candidate.unitCode}/${todayIso().slice(0, 4)}`}>← {candidate.unitName}</Link>
          ) : (
            <Link href="/candidates">← Danh sách người vào Đảng</Link>
          )}
          <h1 className="candidate-name">
            {candidate.profile.fullName} <StageBadge stage={candidate.stage} />
          </h1>
          {loaded.readOnly ? (
            <p className="muted" data-testid="read-only-note">
              Dữ liệu do {candidate.unitName} gửi lên, chỉ xem.
            </p>
          ) : null}
        </div>
        {candidate.readOnly ? null : (
          <button type="button" className="btn btn-ghost btn-danger-text" onClick={() => setVoiding(true)}>
            Hủy hồ sơ tạo nhầm
          </button>
        )}
      </div>
      {loaded.voided ? (
        <div className="card section alert-card" role="status">
          <h2>Hồ sơ đã hủy vì tạo nhầm</h2>
          <p>
            Lý do: {loaded.voided.reason}. Hủy ngày {formatViDate(loaded.voided.at.slice(0, 10))}. Hồ sơ không còn trong danh sách, số liệu, báo cáo
            và tệp gửi cấp trên; nội dung dưới đây chỉ để xem lại.
          </p>
        </div>
      ) : null}
      <FormError message={members.error} />
      {candidate.readOnly ? null : <RequestsCard candidateId={candidate.id} />}
      {loaded.readOnly && !loaded.voided ? <SentAboutCard candidate={loaded} /> : null}
      {loaded.voided ? null : <SamePersonCard others={loaded.samePerson} />}
      {loaded.voided ? null : <ChecksPanel checks={checks} />}
      <div className="candidate-grid">
        <div>
          <ProfileCard candidate={candidate} onChange={onChange} />
          <TimelineCard candidate={candidate} onChange={onChange} />
          {loaded.voided ? null : <ChecklistCard candidate={candidate} check={checks.data} onChange={onChange} />}
          <DocumentsCard candidate={candidate} onChange={onChange} />
        </div>
        <div>
          <MentorsCard candidate={candidate} members={roster} onChange={onChange} />
          <IntroducersCard candidate={candidate} members={roster} onChange={onChange} />
          {candidate.readOnly ? null : <FormsCard candidate={candidate} />}
          <HistoryCard candidate={candidate} />
        </div>
      </div>
      {voiding ? (
        <VoidReasonDialog
          title="Hủy hồ sơ tạo nhầm"
          what={
            <p>
              Hồ sơ của <strong>{candidate.profile.fullName}</strong> sẽ không còn trong danh sách, số liệu, báo cáo và tệp gửi cấp trên. Hồ sơ không bị xóa:
              toàn bộ quá trình vẫn được giữ để xem lại. Chỉ dùng khi hồ sơ được tạo nhầm (trùng người, nhầm người).
            </p>
          }
          confirm="Hủy hồ sơ"
          onClose={() => setVoiding(false)}
          onVoid={async (reason) => {
            const d = await call('candidates:void', { id: candidate.id, reason });
            setVoiding(false);
            onChange(d);
          }}
        />
      ) : null}
    </section>
  );
}
