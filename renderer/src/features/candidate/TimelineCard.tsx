import { useState } from 'react';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { CandidateEvent } from '../../../../electron/core/model/dossier';
import type { CandidateDetail, StoredEvent } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { EVENT_LABELS, PROPOSER_LABELS } from '../../lib/labels';
import { VoidReasonDialog } from './Corrections';
import { EventForm } from './EventForm';

type Props = { candidate: CandidateDetail; onChange: (d: CandidateDetail) => void };

/** The event-specific facts in one line: votes, decision number, who proposed. */
function details(e: CandidateEvent): string {
  switch (e.type) {
    case 'SOURCE_PROPOSED':
      return e.by ? `Giới thiệu: ${PROPOSER_LABELS[e.by]}` : '';
    case 'CHI_BO_VOTED':
    case 'RECOGNITION_VOTED':
      return `${e.yes}/${e.eligible} đảng viên chính thức tán thành`;
    case 'DUCS_VOTED':
    case 'DUCS_RECOGNITION_VOTED':
      return `${e.yes}/${e.members} cấp ủy viên tán thành`;
    case 'ADMISSION_DECIDED':
    case 'RECOGNITION_DECIDED': {
      const parts = [e.number ? `Số ${e.number}` : '', e.received ? `chi bộ nhận ngày ${formatViDate(e.received)}` : ''];
      return parts.filter(Boolean).join(', ');
    }
    case 'CEREMONY_HELD':
      return e.superiorConsent ? 'Có ý kiến đồng ý của cấp trên' : '';
    case 'DECISION_EXTENDED':
      return `Gia hạn ${e.workingDays} ngày làm việc`;
    default:
      return '';
  }
}

function VoidDialog({ candidate, event, onClose, onDone }: { candidate: CandidateDetail; event: StoredEvent; onClose: () => void; onDone: (d: CandidateDetail) => void }) {
  return (
    <VoidReasonDialog
      title="Hủy bản ghi sự kiện"
      what={
        <>
          {EVENT_LABELS[event.event.type]} — {formatViDate(event.event.date)}. Bản ghi không bị xóa: nó vẫn hiện trong quá trình (gạch ngang) cùng
          lý do hủy, và không còn được tính khi xác định giai đoạn.
        </>
      }
      confirm="Hủy bản ghi"
      onClose={onClose}
      onVoid={async (reason) => onDone(await call('candidates:void-event', { id: candidate.id, eventId: event.id, reason }))}
    />
  );
}

function byDate(a: StoredEvent, b: StoredEvent): number {
  return a.event.date.localeCompare(b.event.date) || a.seq - b.seq;
}

/** The candidate's dated events in order; voided ones stay visible, struck through, with the reason. */
export function TimelineCard({ candidate, onChange }: Props) {
  const [adding, setAdding] = useState(false);
  const [voiding, setVoiding] = useState<StoredEvent | null>(null);
  const events = [...candidate.events].sort(byDate);
  return (
    <section className="card section" aria-labelledby="timeline-title">
      <div className="section-head">
        <h2 id="timeline-title">Quá trình</h2>
        {candidate.readOnly || adding ? null : (
          <button type="button" className="btn btn-primary btn-small" onClick={() => setAdding(true)}>
            + Ghi sự kiện
          </button>
        )}
      </div>
      {events.length === 0 ? <p className="muted">Chưa ghi sự kiện nào.</p> : null}
      <ol className="timeline">
        {events.map((s) => (
          <li key={s.id} className={s.voided ? 'voided' : undefined} data-testid="timeline-event">
            <span className="date">{formatViDate(s.event.date)}</span>
            <div>
              <div className="title">{EVENT_LABELS[s.event.type]}</div>
              {details(s.event) ? <div className="detail">{details(s.event)}</div> : null}
              {s.event.note ? <div className="detail">Ghi chú: {s.event.note}</div> : null}
              {s.voided ? <div className="void-note">Đã hủy: {s.voided.reason}</div> : null}
            </div>
            {s.voided || candidate.readOnly ? <span /> : (
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setVoiding(s)}>
                Hủy bản ghi
              </button>
            )}
          </li>
        ))}
      </ol>
      {adding ? (
        <EventForm
          candidate={candidate}
          onClose={() => setAdding(false)}
          onSaved={(d) => {
            setAdding(false);
            onChange(d);
          }}
        />
      ) : null}
      {voiding ? (
        <VoidDialog
          candidate={candidate}
          event={voiding}
          onClose={() => setVoiding(null)}
          onDone={(d) => {
            setVoiding(null);
            onChange(d);
          }}
        />
      ) : null}
    </section>
  );
}
