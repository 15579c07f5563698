import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { CandidateDetail, VoidInput } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Field, FormError } from '../../components/Field';
import { useFormFailure } from '../../lib/use-form-failure';

const reasonForm = z.object({ reason: z.string().trim().min(3, 'Ghi rõ lý do (ít nhất 3 ký tự).').max(500, 'Tối đa 500 ký tự.') });

/**
 * Asks why before voiding a record (docs/corrections.md): the reason is required, and nothing changes until the
 * service accepted it. `what` says which record and what voiding it does, in words the user knows.
 */
export function VoidReasonDialog({ title, what, confirm, onClose, onVoid }: { title: string; what: ReactNode; confirm: string; onClose: () => void; onVoid: (reason: string) => Promise<void> }) {
  const form = useForm<z.input<typeof reasonForm>, unknown, z.output<typeof reasonForm>>({ resolver: zodResolver(reasonForm), defaultValues: { reason: '' } });
  const [failure, setFailure, fail] = useFormFailure(form, ['reason']);
  const submit = form.handleSubmit(async ({ reason }) => {
    setFailure(null);
    try {
      await onVoid(reason);
    } catch (err) {
      fail(err);
    }
  });
  return (
    <Dialog title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="lead">{what}</div>
        <Field label="Lý do hủy" error={form.formState.errors.reason?.message}>
          <input {...form.register('reason')} autoFocus maxLength={500} placeholder="Ví dụ: nhập nhầm người" />
        </Field>
        <FormError message={failure} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
          <button type="submit" className="btn btn-danger" disabled={form.formState.isSubmitting}>
            {confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const KEEP_NOTE = 'Bản ghi không bị xóa: nó chuyển vào "Lịch sử sửa đổi" cùng lý do, và không còn được tính ở đâu nữa.';

/** A "Hủy bỏ" button for one document, introducer or mentor assignment of an own candidate's file. */
export function VoidRecordButton({ candidate, kind, recordId, label, onChange }: { candidate: CandidateDetail; kind: VoidInput['kind']; recordId: string; label: string; onChange: (d: CandidateDetail) => void }) {
  const [open, setOpen] = useState(false);
  if (candidate.readOnly) {
    return null;
  }
  return (
    <>
      <button type="button" className="btn btn-small btn-ghost" aria-label={`Hủy bỏ ${label}`} onClick={() => setOpen(true)}>
        Hủy bỏ
      </button>
      {open ? (
        <VoidReasonDialog
          title={`Hủy bỏ ${label}`}
          what={<p>{KEEP_NOTE}</p>}
          confirm="Hủy bỏ"
          onClose={() => setOpen(false)}
          onVoid={async (reason) => {
            const d = await call('candidates:void-record', { candidateId: candidate.id, kind, recordId, reason });
            setOpen(false);
            onChange(d);
          }}
        />
      ) : null}
    </>
  );
}

const KIND_LABELS: Readonly<Record<VoidInput['kind'], string>> = { document: 'Tài liệu', introducer: 'Người giới thiệu', mentor: 'Người giúp đỡ' };

const when = (at: string) => formatViDate(at.slice(0, 10));

/** "Lịch sử sửa đổi": what was voided in this file, when, by whom and why; shown once there is something. */
export function HistoryCard({ candidate }: { candidate: CandidateDetail }) {
  if (candidate.corrections.length === 0 && !candidate.voided) {
    return null;
  }
  return (
    <section className="card section" aria-labelledby="history-title">
      <h2 id="history-title">Lịch sử sửa đổi</h2>
      <ul className="plain-list">
        {candidate.voided ? (
          <li>
            <div>
              <strong>Hủy hồ sơ tạo nhầm</strong>
              <div className="void-note">Lý do: {candidate.voided.reason}</div>
              <div className="detail">
                {when(candidate.voided.at)} · {candidate.voided.by}
              </div>
            </div>
          </li>
        ) : null}
        {candidate.corrections.map((c) => (
          <li key={c.id} data-testid="correction">
            <div>
              <span className="badge badge-neutral">{KIND_LABELS[c.kind]}</span> <s>{c.summary}</s>
              <div className="void-note">Đã hủy bỏ: {c.voided.reason}</div>
              <div className="detail">
                {when(c.voided.at)} · {c.voided.by}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
