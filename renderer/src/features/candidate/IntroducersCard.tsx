import { closeOnEscape } from '../../lib/close-on-escape';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { CandidateDetail, Member } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { pickable, PickerSearch, useChooseOnlyMatch } from '../../components/ListTools';
import { VoidRecordButton } from './Corrections';
import { Check, DateField, Field, FormError } from '../../components/Field';
import { optionalViDate } from '../../lib/form';
import { useFormFailure } from '../../lib/use-form-failure';

type Props = { candidate: CandidateDetail; members: Member[]; onChange: (d: CandidateDetail) => void };

const schema = z.object({
  memberId: z.string().min(1, 'Chọn đảng viên giới thiệu.'),
  workedTogetherSince: optionalViDate,
  letterDate: optionalViDate,
  replacement: z.boolean(),
});

type StoredIntroducer = CandidateDetail['introducers'][number];

/** A correction says why: the wrong entry is voided with this reason and stays in "Lịch sử sửa đổi". */
const correctionSchema = schema.extend({ reason: z.string().trim().min(3, 'Ghi rõ lý do sửa (ít nhất 3 ký tự).').max(500, 'Tối đa 500 ký tự.') });

/** Adds an introducer, or, given `correcting`, replaces a wrong entry (void with a reason + the right one). */
function IntroducerForm({ candidate, members, correcting, onChange, onClose }: Props & { correcting?: StoredIntroducer; onClose: () => void }) {
  const taken = new Set(candidate.introducers.filter((i) => i.id !== correcting?.id).map((i) => i.memberId));
  const eligible = members.filter((m) => m.canMentor && !taken.has(m.id));
  const form = useForm<z.input<typeof correctionSchema>, unknown, z.output<typeof correctionSchema>>({
    resolver: zodResolver(correcting ? correctionSchema : schema.extend({ reason: z.string() })),
    defaultValues: correcting
      ? {
          memberId: correcting.memberId ?? '',
          workedTogetherSince: correcting.workedTogetherSince ? formatViDate(correcting.workedTogetherSince) : '',
          letterDate: correcting.letterDate ? formatViDate(correcting.letterDate) : '',
          replacement: correcting.replacement,
          reason: '',
        }
      : { memberId: '', workedTogetherSince: '', letterDate: '', replacement: false, reason: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['letterDate', 'memberId', 'reason', 'workedTogetherSince']);
  const { errors, isSubmitting } = form.formState;
  const [find, setFind] = useState('');
  const chosen = useWatch({ control: form.control, name: 'memberId' });
  const nothingFound = useChooseOnlyMatch(eligible, find, chosen, (id) => form.setValue('memberId', id, { shouldValidate: true }));
  const submit = form.handleSubmit(async ({ reason, ...v }) => {
    setFailure(null);
    try {
      onChange(
        correcting
          ? await call('candidates:correct-introducer', { id: candidate.id, introducerId: correcting.id, reason, ...v })
          : await call('candidates:add-introducer', { id: candidate.id, ...v }),
      );
      onClose();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="inline-form" onKeyDown={closeOnEscape(onClose)} onSubmit={submit} noValidate aria-label={correcting ? `Sửa người giới thiệu ${correcting.name}` : 'Thêm người giới thiệu'}>
      <PickerSearch label="Tìm trong danh sách đảng viên" value={find} onChange={setFind} nothingFound={nothingFound} />
      <Field label="Đảng viên giới thiệu" error={errors.memberId?.message} hint="Chỉ đảng viên chính thức đang sinh hoạt">
        <select {...form.register('memberId')}>
          <option value="">— Chọn đảng viên —</option>
          {pickable(eligible, find, chosen).map((m) => (
            <option key={m.id} value={m.id}>
              {m.fullName}
            </option>
          ))}
        </select>
      </Field>
      <DateField label="Cùng công tác, học tập từ ngày" error={errors.workedTogetherSince?.message} registration={form.register('workedTogetherSince')} />
      <DateField label="Ngày ký giấy giới thiệu (3-KNĐ)" error={errors.letterDate?.message} registration={form.register('letterDate')} />
      <Check label="Giới thiệu thay (người trước đã chuyển đi hoặc mất quyền)">
        <input type="checkbox" {...form.register('replacement')} />
      </Check>
      {correcting ? (
        <Field label="Lý do sửa" error={errors.reason?.message} hint="Bản cũ được giữ trong Lịch sử sửa đổi cùng lý do này.">
          <input {...form.register('reason')} maxLength={500} placeholder="Ví dụ: ghi sai ngày ký giấy giới thiệu" />
        </Field>
      ) : null}
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {correcting ? 'Lưu bản đã sửa' : 'Thêm người giới thiệu'}
        </button>
      </div>
    </form>
  );
}

/** The full members who introduce the candidate (3-KNĐ), with how long they have worked together. */
export function IntroducersCard({ candidate, members, onChange }: Props) {
  const [adding, setAdding] = useState(false);
  const [correcting, setCorrecting] = useState<StoredIntroducer | null>(null);
  return (
    <section className="card section" aria-labelledby="introducers-title">
      <div className="section-head">
        <h2 id="introducers-title">Người giới thiệu</h2>
        {candidate.readOnly || adding ? null : (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
            + Thêm
          </button>
        )}
      </div>
      {candidate.introducers.length === 0 ? <p className="muted">Chưa có người giới thiệu.</p> : null}
      <ul className="plain-list">
        {candidate.introducers.map((i) => (
          <li key={i.id}>
            <div>
              <strong>{i.name}</strong>
              {i.replacement ? <span className="badge badge-neutral"> giới thiệu thay</span> : null}
              <div className="detail">
                {i.workedTogetherSince ? `Cùng công tác từ ${formatViDate(i.workedTogetherSince)}` : 'Chưa ghi ngày cùng công tác'}
                {i.letterDate ? ` · Giấy giới thiệu ngày ${formatViDate(i.letterDate)}` : ''}
              </div>
            </div>
            {candidate.readOnly ? null : (
              <span className="row-actions">
                <button type="button" className="btn btn-small btn-ghost" aria-label={`Sửa người giới thiệu ${i.name}`} onClick={() => setCorrecting(i)}>
                  Sửa
                </button>
                <VoidRecordButton candidate={candidate} kind="introducer" recordId={i.id} label={`người giới thiệu ${i.name}`} onChange={onChange} />
              </span>
            )}
          </li>
        ))}
      </ul>
      {adding ? <IntroducerForm candidate={candidate} members={members} onChange={onChange} onClose={() => setAdding(false)} /> : null}
      {correcting ? (
        <IntroducerForm key={correcting.id} candidate={candidate} members={members} correcting={correcting} onChange={onChange} onClose={() => setCorrecting(null)} />
      ) : null}
    </section>
  );
}
