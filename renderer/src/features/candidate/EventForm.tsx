import { closeOnEscape } from '../../lib/close-on-escape';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { formatViDate } from '../../../../electron/core/model/dates';
import { EVENT_TYPES, type CandidateEvent, type EventType } from '../../../../electron/core/model/dossier';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { DateField, Field, FormError, LabelOptions } from '../../components/Field';
import { todayIso } from '../../lib/form';
import { DOCUMENT_LABELS, EVENT_LABELS, PROPOSER_LABELS } from '../../lib/labels';
import { emptyEvent, eventFormSchema, eventShape, type EventFormIn } from './event-schema';
import { VotePanel } from './VotePanel';
import { useFormFailure } from '../../lib/use-form-failure';

type Props = { candidate: CandidateDetail; onSaved: (d: CandidateDetail) => void; onClose: () => void };

/** The next event in pipeline order after the latest one recorded, as a sensible default. */
function nextType(candidate: CandidateDetail): EventType {
  const done = candidate.events
    .filter((e) => !e.voided && e.event.type !== 'DECISION_EXTENDED')
    .map((e) => EVENT_TYPES.indexOf(e.event.type));
  const next = EVENT_TYPES[Math.max(-1, ...done) + 1];
  return next && next !== 'WITHDRAWN' ? next : 'SOURCE_PROPOSED';
}

/** Records a dated event with the fields its type needs (votes, decision number…). */
export function EventForm({ candidate, onSaved, onClose }: Props) {
  const form = useForm<EventFormIn, unknown, CandidateEvent>({
    resolver: zodResolver(eventFormSchema),
    defaultValues: emptyEvent(nextType(candidate), formatViDate(todayIso())),
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['by', 'date', 'note', 'number', 'received', 'total', 'type', 'workingDays', 'yes']);
  // The form opens below a long history: its first field takes the focus, which scrolls it into view.
  useEffect(() => form.setFocus('type'), [form]);
  const { errors, isSubmitting } = form.formState;
  const reg = form.register;
  const [type, date, yes, total] = useWatch({ control: form.control, name: ['type', 'date', 'yes', 'total'] });
  const shape = eventShape(type);
  const isDucs = shape === 'ducs-vote';
  const rosterFilled = useRef<string | null>(null);

  const submit = form.handleSubmit(async (event) => {
    setFailure(null);
    try {
      onSaved(await call('candidates:add-event', { id: candidate.id, event }));
    } catch (err) {
      fail(err);
    }
  });

  return (
    <form className="inline-form" onKeyDown={closeOnEscape(onClose)} onSubmit={submit} noValidate aria-label="Ghi sự kiện">
      <div className="form-grid">
        <Field label="Sự kiện" error={errors.type?.message} wide>
          <select {...reg('type')}>
            <LabelOptions labels={EVENT_LABELS} />
          </select>
        </Field>
        <DateField label="Ngày" error={errors.date?.message} registration={reg('date')} />
        {shape === 'source' ? (
          <Field label="Tổ chức giới thiệu" error={errors.by?.message}>
            <select {...reg('by')}>
              <option value="">— Chưa ghi —</option>
              <LabelOptions labels={PROPOSER_LABELS} />
            </select>
          </Field>
        ) : null}
        {shape === 'vote' || isDucs ? (
          <>
            <Field label={isDucs ? 'Số cấp ủy viên tán thành' : 'Số phiếu tán thành'} error={errors.yes?.message}>
              <input {...reg('yes')} inputMode="numeric" />
            </Field>
            <Field
              label={isDucs ? 'Tổng số cấp ủy viên' : 'Số đảng viên chính thức có quyền biểu quyết'}
              error={errors.total?.message}
            >
              <input {...reg('total')} inputMode="numeric" />
            </Field>
            <div className="field-wide">
              <VotePanel
                kind={isDucs ? 'ducs' : 'chi-bo'}
                date={date}
                yes={yes}
                total={total}
                formShowsError={Boolean(errors.date || errors.yes || errors.total || failure)}
                onRoster={(count) => {
                  // The roster's count follows the date as it is corrected, until the secretary types a number.
                  const typed = form.getValues('total').trim();
                  if (typed === '' || typed === rosterFilled.current) {
                    rosterFilled.current = String(count);
                    form.setValue('total', String(count));
                  }
                }}
              />
            </div>
          </>
        ) : null}
        {shape === 'admission' || shape === 'recognition' ? (
          <>
            <Field label="Số quyết định" error={errors.number?.message}>
              <input {...reg('number')} placeholder="Ví dụ: 125-QĐ/ĐU" />
            </Field>
            <DateField label="Ngày chi bộ nhận quyết định" error={errors.received?.message} registration={reg('received')} />
          </>
        ) : null}
        {shape === 'extension' ? (
          <Field
            label="Số ngày làm việc được gia hạn"
            error={errors.workingDays?.message}
            hint="Từ 1 đến 30 ngày, theo văn bản gia hạn của cấp có thẩm quyền; hạn ra quyết định kết nạp lùi thêm số ngày này"
          >
            <input {...reg('workingDays')} inputMode="numeric" />
          </Field>
        ) : null}
        {type === 'CEREMONY_HELD' ? (
          <p className="field-wide muted">
            Lễ kết nạp tổ chức quá 30 ngày làm việc kể từ ngày nhận quyết định cần văn bản đồng ý của cấp ủy cấp trên ghi
            ngày trước lễ: ghi văn bản đó ở mục Tài liệu hồ sơ («{DOCUMENT_LABELS['DONG-Y-CAP-TREN']}»).
          </p>
        ) : null}
        <Field label="Ghi chú" error={errors.note?.message} wide>
          <input {...reg('note')} maxLength={2000} />
        </Field>
      </div>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          Ghi sự kiện
        </button>
      </div>
    </form>
  );
}
