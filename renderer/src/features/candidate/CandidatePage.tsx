import { Link } from 'wouter';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { StageBadge } from '../../components/StageBadge';
import { useLoad } from '../../lib/use-load';
import { ChecksPanel } from './ChecksPanel';
import { DocumentsCard } from './DocumentsCard';
import { IntroducersCard } from './IntroducersCard';
import { MentorsCard } from './MentorsCard';
import { ProfileCard } from './ProfileCard';
import { TimelineCard } from './TimelineCard';

/** One candidate's whole file: profile, stage, events, documents, introducers and mentors. */
export function CandidatePage({ id }: { id: string }) {
  const detail = useLoad(() => call('candidates:get', { id }), id);
  const members = useLoad(() => call('members:list', {}), 'members');
  const candidate = detail.data;

  if (!candidate) {
    return detail.error ? <FormError message={detail.error} /> : <p className="muted">Đang tải…</p>;
  }
  const onChange = detail.setData;
  const roster = members.data ?? [];
  return (
    <section>
      <div className="page-head">
        <div>
          <Link href="/candidates">← Danh sách người vào Đảng</Link>
          <h1 className="candidate-name">
            {candidate.profile.fullName} <StageBadge stage={candidate.stage} />
          </h1>
          {candidate.readOnly ? <p className="muted">Hồ sơ của đơn vị {candidate.unitCode} — chỉ xem.</p> : null}
        </div>
      </div>
      <FormError message={members.error} />
      <div className="candidate-grid">
        <div>
          <ProfileCard candidate={candidate} onChange={onChange} />
          <TimelineCard candidate={candidate} onChange={onChange} />
          <DocumentsCard candidate={candidate} onChange={onChange} />
        </div>
        <div>
          <ChecksPanel />
          <MentorsCard candidate={candidate} members={roster} onChange={onChange} />
          <IntroducersCard candidate={candidate} members={roster} onChange={onChange} />
        </div>
      </div>
    </section>
  );
}
