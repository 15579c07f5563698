import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import { MEMBER_STATUSES, type Member } from '../../../../electron/core/model/entities';
import { call, errorMessage } from '../../api';
import { Dialog } from '../../components/Dialog';
import { Check, DateField, Field, FormError, LabelOptions } from '../../components/Field';
import { optionalChoice, optionalText, optionalViDate } from '../../lib/form';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from '../../lib/labels';

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
  .refine((m) => m.status === 'du-bi' || !m.joinedOn || !m.fullMemberSince || m.fullMemberSince >= m.joinedOn, {
    path: ['fullMemberSince'],
    message: 'Ngày chính thức không thể trước ngày vào Đảng.',
  });

type FormIn = z.input<typeof schema>;
type FormOut = z.output<typeof schema>;

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
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(schema), defaultValues: defaults(member) });
  const { errors, isSubmitting } = form.formState;
  const probationary = useWatch({ control: form.control, name: 'status' }) === 'du-bi';

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    const input = { ...values, fullMemberSince: values.status === 'du-bi' ? null : values.fullMemberSince };
    try {
      await (member ? call('members:update', { id: member.id, member: input }) : call('members:create', input));
      onSaved();
    } catch (err) {
      setFailure(errorMessage(err));
    }
  });

  return (
    <Dialog title={member ? `Sửa thông tin: ${member.fullName}` : 'Thêm đảng viên'} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <div className="form-grid">
          <Field label="Họ và tên" error={errors.fullName?.message} wide>
            <input {...form.register('fullName')} autoComplete="off" autoFocus />
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
            <textarea {...form.register('note')} rows={2} />
          </Field>
        </div>
        <FormError message={failure} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Hủy
          </button>
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {member ? 'Lưu thay đổi' : 'Thêm đảng viên'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
