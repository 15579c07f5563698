import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { Member } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { DateField, Field, FormError } from '../../components/Field';
import { todayIso, viDate } from '../../lib/form';
import { useFormFailure } from '../../lib/use-form-failure';

const schema = z.object({
  date: viDate('Nhập ngày rời chi bộ.'),
  reason: z.string().trim().min(1, 'Ghi lý do (chuyển sinh hoạt, từ trần, …).').max(500, 'Tối đa 500 ký tự.'),
});

/** Records that a member left the cell (transfer, death…); the record stays for history and past votes. */
export function MarkLeftDialog({ member, onClose, onSaved }: { member: Member; onClose: () => void; onSaved: () => void }) {
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { date: formatViDate(todayIso()), reason: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['date', 'reason']);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      await call('members:mark-left', { id: member.id, date: v.date, reason: v.reason });
      onSaved();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <Dialog title={`Ghi nhận rời chi bộ: ${member.fullName}`} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="lead">
          Người này sẽ không còn được chọn làm người giới thiệu, người giúp đỡ hay tính vào số đảng viên biểu quyết từ
          ngày này. Thông tin cũ vẫn được giữ lại.
        </p>
        <div className="form-grid">
          <DateField label="Ngày rời chi bộ" error={errors.date?.message} registration={form.register('date')} />
          <Field label="Lý do" error={errors.reason?.message} wide>
            <input {...form.register('reason')} autoFocus maxLength={500} />
          </Field>
        </div>
        <FormError message={failure} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
          <button type="submit" className="btn btn-danger" disabled={isSubmitting}>
            Ghi nhận rời chi bộ
          </button>
        </div>
      </form>
    </Dialog>
  );
}
