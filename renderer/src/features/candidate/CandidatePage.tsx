import { useCallback, useState } from 'react';
import { Link } from 'wouter';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { StageBadge } from '../../components/StageBadge';
import { todayIso } from '../../lib/form';
import { useLoad } from '../../lib/use-load';
import { checksChanged } from '../checks/attention';
import { FormsCard } from '../forms/FormsCard';
import { ChecklistCard } from './ChecklistCard';
import { ChecksPanel } from './ChecksPanel';
import { DocumentsCard } from './DocumentsCard';
import { IntroducersCard } from './IntroducersCard';
import { MentorsCard } from './MentorsCard';
import { ProfileCard } from './ProfileCard';
import { RequestsCard } from './RequestsCard';
import { TimelineCard } from './TimelineCard';

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
  const candidate = detail.data;

  if (!candidate) {
    return detail.error ? <FormError message={detail.error} /> : <p className="muted">Đang tải…</p>;
  }
  const roster = members.data ?? [];
  return (
    <section>
      <div className="page-head">
        <div>
          {candidate.readOnly ? (
            <Link href={`/dashboard/units/${candidate.unitCode}/${todayIso().slice(0, 4)}`}>← {candidate.unitName}</Link>
          ) : (
            <Link href="/candidates">← Danh sách người vào Đảng</Link>
          )}
          <h1 className="candidate-name">
            {candidate.profile.fullName} <StageBadge stage={candidate.stage} />
          </h1>
          {candidate.readOnly ? (
            <p className="muted" data-testid="read-only-note">
              Dữ liệu do {candidate.unitName} gửi lên, chỉ xem.
            </p>
          ) : null}
        </div>
      </div>
      <FormError message={members.error} />
      {candidate.readOnly ? null : <RequestsCard candidateId={candidate.id} />}
      <ChecksPanel checks={checks} />
      <div className="candidate-grid">
        <div>
          <ProfileCard candidate={candidate} onChange={onChange} />
          <TimelineCard candidate={candidate} onChange={onChange} />
          <ChecklistCard candidate={candidate} check={checks.data} onChange={onChange} />
          <DocumentsCard candidate={candidate} onChange={onChange} />
        </div>
        <div>
          <MentorsCard candidate={candidate} members={roster} onChange={onChange} />
          <IntroducersCard candidate={candidate} members={roster} onChange={onChange} />
          {candidate.readOnly ? null : <FormsCard candidate={candidate} />}
        </div>
      </div>
    </section>
  );
}
