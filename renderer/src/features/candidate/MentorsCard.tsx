import { closeOnEscape } from '../../lib/close-on-escape';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import { MENTOR_ROLES } from '../../../../electron/core/model/dossier';
import type { CandidateDetail, Member, MentorAssignment } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { pickable, PickerSearch, useChooseOnlyMatch } from '../../components/ListTools';
import { VoidRecordButton } from './Corrections';
import { Dialog } from '../../components/Dialog';
import { DateField, Field, FormError, LabelOptions } from '../../components/Field';
import { todayIso, viDate } from '../../lib/form';
import { MENTOR_ROLE_LABELS } from '../../lib/labels';
import { useFormFailure } from '../../lib/use-form-failure';

type Props = { candidate: CandidateDetail; members: Member[]; onChange: (d: CandidateDetail) => void };

const assignSchema = z.object({
  memberId: z.string().min(1, 'Chọn đảng viên giúp đỡ.'),
  role: z.enum(MENTOR_ROLES),
  from: viDate('Nhập ngày bắt đầu giúp đỡ.'),
});

function AssignForm({ candidate, members, onChange, onClose }: Props & { onClose: () => void }) {
  // Only full members still in the cell may mentor (docs/rules.md); the others are not offered at all.
  const eligible = members.filter((m) => m.canMentor);
  const form = useForm<z.input<typeof assignSchema>, unknown, z.output<typeof assignSchema>>({
    resolver: zodResolver(assignSchema),
    defaultValues: { memberId: '', role: candidate.stage === 'du-bi' ? 'probation' : 'pre-admission', from: formatViDate(todayIso()) },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['memberId', 'role', 'from']);
  const { errors, isSubmitting } = form.formState;
  const [find, setFind] = useState('');
  const chosen = useWatch({ control: form.control, name: 'memberId' });
  const nothingFound = useChooseOnlyMatch(eligible, find, chosen, (id) => form.setValue('memberId', id, { shouldValidate: true }));
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      onChange(await call('mentors:assign', { candidateId: candidate.id, ...v }));
      onClose();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="inline-form" onKeyDown={closeOnEscape(onClose)} onSubmit={submit} noValidate aria-label="Phân công người giúp đỡ">
      <PickerSearch label="Tìm trong danh sách đảng viên" value={find} onChange={setFind} nothingFound={nothingFound} />
      <Field label="Đảng viên giúp đỡ" error={errors.memberId?.message} hint="Chỉ đảng viên chính thức đang sinh hoạt">
        <select {...form.register('memberId')}>
          <option value="">— Chọn đảng viên —</option>
          {pickable(eligible, find, chosen).map((m) => (
            <option key={m.id} value={m.id}>
              {m.fullName}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Nhiệm vụ" error={errors.role?.message}>
        <select {...form.register('role')}>
          <LabelOptions labels={MENTOR_ROLE_LABELS} />
        </select>
      </Field>
      <DateField label="Từ ngày" error={errors.from?.message} registration={form.register('from')} />
      {eligible.length === 0 ? <p className="field-error">Chi bộ chưa có đảng viên chính thức nào trong danh sách.</p> : null}
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          Phân công
        </button>
      </div>
    </form>
  );
}

const endSchema = z.object({ to: viDate('Nhập ngày kết thúc.') });

function EndDialog({ candidate, assignment, onClose, onChange }: { candidate: CandidateDetail; assignment: MentorAssignment; onClose: () => void; onChange: (d: CandidateDetail) => void }) {
  const form = useForm<z.input<typeof endSchema>, unknown, z.output<typeof endSchema>>({
    resolver: zodResolver(endSchema),
    defaultValues: { to: formatViDate(todayIso()) },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['to']);
  const submit = form.handleSubmit(async ({ to }) => {
    setFailure(null);
    try {
      onChange(await call('mentors:end', { candidateId: candidate.id, assignmentId: assignment.id, to }));
      onClose();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <Dialog title={`Kết thúc phân công: ${assignment.mentorName}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <DateField label="Ngày kết thúc" error={form.formState.errors.to?.message} registration={form.register('to')} autoFocus />
        <FormError message={failure} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
          <button type="submit" className="btn btn-primary" disabled={form.formState.isSubmitting}>
            Kết thúc phân công
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Who helps the candidate now, who did before, and assigning or ending a mentor. */
export function MentorsCard({ candidate, members, onChange }: Props) {
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState<MentorAssignment | null>(null);
  const active = candidate.mentors.filter((m) => !m.toDate);
  const past = candidate.mentors.filter((m) => m.toDate);
  return (
    <section className="card section" aria-labelledby="mentors-title">
      <div className="section-head">
        <h2 id="mentors-title">Người giúp đỡ</h2>
        {candidate.readOnly || assigning ? null : (
          <button type="button" className="btn btn-small" onClick={() => setAssigning(true)}>
            + Phân công
          </button>
        )}
      </div>
      {active.length === 0 ? <p className="muted">Chưa phân công đảng viên giúp đỡ.</p> : null}
      <ul className="plain-list">
        {active.map((m) => (
          <li key={m.id}>
            <div>
              <strong>{m.mentorName}</strong>
              <div className="detail">
                {MENTOR_ROLE_LABELS[m.role]} · từ {formatViDate(m.fromDate)}
              </div>
            </div>
            {candidate.readOnly ? null : (
              <span className="row-actions">
                <button type="button" className="btn btn-small btn-ghost" onClick={() => setEnding(m)}>
                  Kết thúc
                </button>
                <VoidRecordButton candidate={candidate} kind="mentor" recordId={m.id} label={`phân công ${m.mentorName}`} onChange={onChange} />
              </span>
            )}
          </li>
        ))}
      </ul>
      {past.length > 0 ? (
        <>
          <h3 className="subhead">Đã giúp đỡ trước đây</h3>
          <ul className="plain-list muted">
            {past.map((m) => (
              <li key={m.id}>
                <span>
                  {m.mentorName} · {MENTOR_ROLE_LABELS[m.role]} · {formatViDate(m.fromDate)} – {formatViDate(m.toDate)}
                </span>
                <VoidRecordButton candidate={candidate} kind="mentor" recordId={m.id} label={`phân công ${m.mentorName}`} onChange={onChange} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {assigning ? <AssignForm candidate={candidate} members={members} onChange={onChange} onClose={() => setAssigning(false)} /> : null}
      {ending ? <EndDialog candidate={candidate} assignment={ending} onClose={() => setEnding(null)} onChange={onChange} /> : null}
    </section>
  );
}
