import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { errorsOf, memberDateProblems } from '../../../../electron/core/domain/plausibility';
import { formatViDate, parseViDate } from '../../../../electron/core/model/dates';
import { MEMBER_STATUSES, type Member } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { DateWarnings, DuplicateQuestion, isDuplicate } from '../../components/DataQuality';
import { Dialog } from '../../components/Dialog';
import { Check, DateField, Field, FormError, LabelOptions } from '../../components/Field';
import { optionalChoice, optionalText, optionalViDate, todayIso } from '../../lib/form';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from '../../lib/labels';
import { useFormFailure } from '../../lib/use-form-failure';

const schema = z
  .object({
    fullName: z.string().trim().min(2, 'Nhập họ và tên.').max(120, 'Họ tên tối đa 120 ký tự.'),
    gender: optionalChoice(['nam', 'nu']),
    birthDate: optionalViDate,
    status: z.enum(MEMBER_STATUSES, 'Chọn loại đảng viên.'),
    joinedOn: optionalViDate,
    fullMemberSince: optionalViDate,
    exempt: z.boolean(),
    note: optionalText(2000),
  })
  .refine((m) => m.status !== 'chinh-thuc' || m.fullMemberSince !== null, {
    path: ['fullMemberSince'],
    message: 'Nhập ngày được công nhận đảng viên chính thức.',
  })
  .superRefine((m, ctx) => {
    for (const p of errorsOf(memberDateProblems(datesOf(m), todayIso()))) {
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
    }
  });

type FormIn = z.input<typeof schema>;

/** A probationary member has no full-membership date, whatever is left in the hidden field. */
function datesOf(m: { status: string; birthDate: string | null; joinedOn: string | null; fullMemberSince: string | null }) {
  return { birthDate: m.birthDate, joinedOn: m.joinedOn, fullMemberSince: m.status === 'du-bi' ? null : m.fullMemberSince };
}
type FormOut = z.output<typeof schema>;

/** The warnings (not refusals) of the dates typed so far; a date not yet readable gives none. */
function dateWarnings(v: Partial<FormIn>): string[] {
  const date = (text: string | undefined) => (text ? parseViDate(text) : null);
  const dates = { status: v.status ?? 'chinh-thuc', birthDate: date(v.birthDate), joinedOn: date(v.joinedOn), fullMemberSince: date(v.fullMemberSince) };
  const problems = memberDateProblems(datesOf(dates), todayIso());
  // A date already refused needs fixing, not a remark on how unusual it is.
  return errorsOf(problems).length > 0 ? [] : problems.filter((p) => p.severity === 'warning').map((p) => p.message);
}

function defaults(member: Member | null): FormIn {
  return {
    fullName: member?.fullName ?? '',
    gender: member?.gender ?? '',
    birthDate: formatViDate(member?.birthDate),
    status: member?.status ?? 'chinh-thuc',
    joinedOn: formatViDate(member?.joinedOn),
    fullMemberSince: formatViDate(member?.fullMemberSince),
    exempt: member?.exempt ?? false,
    note: member?.note ?? '',
  };
}

/** Adds a member, or edits one when `member` is given. */
export function MemberForm({ member, onClose, onSaved }: { member: Member | null; onClose: () => void; onSaved: () => void }) {
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(schema), defaultValues: defaults(member) });
  const [failure, setFailure, fail] = useFormFailure(form, ['birthDate', 'fullMemberSince', 'fullName', 'gender', 'joinedOn', 'note', 'status']);
  const { errors, isSubmitting } = form.formState;
  const [duplicate, setDuplicate] = useState<{ message: string; values: FormOut } | null>(null);
  const [saving, setSaving] = useState(false);
  const watched = useWatch({ control: form.control });
  const probationary = watched.status === 'du-bi';
  const warnings = dateWarnings(watched);

  const save = async (values: FormOut, confirmDuplicate: boolean) => {
    setFailure(null);
    setDuplicate(null);
    setSaving(true);
    const input = { ...values, fullMemberSince: values.status === 'du-bi' ? null : values.fullMemberSince, ...(confirmDuplicate ? { confirmDuplicate } : {}) };
    try {
      await (member ? call('members:update', { id: member.id, member: input }) : call('members:create', input));
      onSaved();
    } catch (err) {
      if (isDuplicate(err)) {
        setDuplicate({ message: err.message, values });
      } else {
        fail(err);
      }
    } finally {
      setSaving(false);
    }
  };
  const submit = form.handleSubmit((values) => save(values, false));

  return (
    <Dialog title={member ? `Sửa thông tin: ${member.fullName}` : 'Thêm đảng viên'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Họ và tên" error={errors.fullName?.message} wide>
            <input {...form.register('fullName')} autoComplete="off" autoFocus maxLength={120} />
          </Field>
          <Field label="Giới tính" error={errors.gender?.message}>
            <select {...form.register('gender')}>
              <option value="">— Chưa ghi —</option>
              <LabelOptions labels={GENDER_LABELS} />
            </select>
          </Field>
          <DateField label="Ngày sinh" error={errors.birthDate?.message} registration={form.register('birthDate')} />
          <Field label="Loại đảng viên" error={errors.status?.message}>
            <select {...form.register('status')}>
              <LabelOptions labels={MEMBER_STATUS_LABELS} />
            </select>
          </Field>
          <DateField label="Ngày vào Đảng" error={errors.joinedOn?.message} registration={form.register('joinedOn')} />
          {probationary ? null : (
            <DateField label="Ngày chính thức" error={errors.fullMemberSince?.message} registration={form.register('fullMemberSince')} />
          )}
          <div className="field field-check">
            <Check label="Được miễn công tác và sinh hoạt đảng">
              <input type="checkbox" {...form.register('exempt')} />
            </Check>
          </div>
          <Field label="Ghi chú" error={errors.note?.message} wide>
            <textarea {...form.register('note')} rows={2} maxLength={2000} />
          </Field>
        </div>
        <DateWarnings messages={warnings} />
        <FormError message={failure} />
        {duplicate ? (
          <DuplicateQuestion message={duplicate.message} busy={saving} onConfirm={() => void save(duplicate.values, true)} onCancel={() => setDuplicate(null)} />
        ) : null}
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
          <button type="submit" className="btn btn-primary" disabled={isSubmitting || saving || duplicate !== null}>
            {member ? 'Lưu thay đổi' : 'Thêm đảng viên'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
