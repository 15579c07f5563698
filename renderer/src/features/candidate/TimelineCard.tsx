import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { CandidateEvent } from '../../../../electron/core/model/dossier';
import type { CandidateDetail, StoredEvent } from '../../../../electron/core/model/entities';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field, FormError } from '../../components/Field';
import { EVENT_LABELS, PROPOSER_LABELS } from '../../lib/labels';
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

const voidSchema = z.object({
  reason: z.string().trim().min(3, 'Ghi rõ lý do hủy (ít nhất 3 ký tự).').max(500, 'Tối đa 500 ký tự.'),
});

function VoidDialog({ candidate, event, onClose, onDone }: { candidate: CandidateDetail; event: StoredEvent; onClose: () => void; onDone: (d: CandidateDetail) => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<z.input<typeof voidSchema>, unknown, z.output<typeof voidSchema>>({
    resolver: zodResolver(voidSchema),
    defaultValues: { reason: '' },
  });
  const submit = form.handleSubmit(async ({ reason }) => {
    setFailure(null);
    try {
      onDone(await call('candidates:void-event', { id: candidate.id, eventId: event.id, reason }));
    } catch (err) {
      setFailure(errorMessage(err));
    }
  });
  return (
    <Dialog title="Hủy bản ghi sự kiện" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="lead">
          {EVENT_LABELS[event.event.type]} — {formatViDate(event.event.date)}. Bản ghi không bị xóa: nó vẫn hiện trong
          quá trình (gạch ngang) cùng lý do hủy, và không còn được tính khi xác định giai đoạn.
        </p>
        <Field label="Lý do hủy" error={form.formState.errors.reason?.message}>
          <input {...form.register('reason')} autoFocus placeholder="Ví dụ: nhập nhầm ngày" />
        </Field>
        <FormError message={failure} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
          <button type="submit" className="btn btn-danger" disabled={form.formState.isSubmitting}>
            Hủy bản ghi
          </button>
        </div>
      </form>
    </Dialog>
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
