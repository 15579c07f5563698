import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { periodInSentence } from '../../../../electron/core/domain/reports/summary-text';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { FrozenReportInfo } from '../../../../electron/core/model/report-records';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { DateField, Field, FormError } from '../../components/Field';
import { optionalText, todayIso, viDate } from '../../lib/form';
import { useFormFailure } from '../../lib/use-form-failure';

type Props = {
  period: string;
  periodLabel: string;
  scope: { unitCode?: string; all?: boolean };
  /** A number and symbol in this unit's style, for the hint: 05-BC/CB at a chi bộ, 05-BC/ĐU at a đảng ủy. */
  example: string;
  /** Versions already sent for this period: a new one is a correction and must say why. */
  sent: FrozenReportInfo[];
  onClose: () => void;
  onFrozen: (info: FrozenReportInfo) => void;
};

/** "Chốt báo cáo gửi cấp trên": keeps the report as sent today, with its number and date, as a new version. */
export function FreezeDialog({ period, periodLabel, scope, example, sent, onClose, onFrozen }: Props) {
  const correction = sent.length > 0;
  const schema = z.object({
    number: z.string().trim().min(1, `Nhập số và ký hiệu báo cáo, ví dụ ${example}.`).max(60, 'Tối đa 60 ký tự.'),
    issuedOn: viDate('Nhập ngày báo cáo.'),
    reason: correction ? z.string().trim().min(3, 'Bản sửa cần ghi rõ lý do sửa.').max(500, 'Tối đa 500 ký tự.') : optionalText(500),
  });
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { number: '', issuedOn: formatViDate(todayIso()), reason: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['issuedOn', 'number', 'reason']);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      onFrozen(await call('reports:freeze', { period, ...scope, number: v.number, issuedOn: v.issuedOn, reason: v.reason ?? undefined }));
    } catch (err) {
      fail(err);
    }
  });
  const last = sent.at(-1);
  return (
    <Dialog title="Chốt báo cáo gửi cấp trên" onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <p className="lead">
          Báo cáo {periodInSentence(periodLabel)} được lưu đúng như lúc chốt và không sửa được nữa. Số liệu tính đến ngày báo
          cáo (hoặc ngày cuối kỳ, nếu sớm hơn).
          {last
            ? ` Đã gửi ${sent.length} lần (lần gần nhất số ${last.number}, ngày ${formatViDate(last.issuedOn)}); lần này là phiên bản ${last.version + 1}, bản cũ vẫn được giữ.`
            : ''}
        </p>
        <div className="form-grid">
          <Field label="Số và ký hiệu báo cáo" error={errors.number?.message} hint={`Ví dụ ${example}`}>
            <input {...form.register('number')} autoFocus />
          </Field>
          <DateField label="Ngày báo cáo" error={errors.issuedOn?.message} registration={form.register('issuedOn')} />
          {correction ? (
            <Field label="Lý do sửa" error={errors.reason?.message} wide>
              <textarea {...form.register('reason')} maxLength={500} />
            </Field>
          ) : null}
        </div>
        <FormError message={failure} />
        <div className="actions">
          <button type="button" className="btn" onClick={onClose}>
            Đóng
          </button>
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {correction ? 'Chốt bản sửa' : 'Chốt báo cáo'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
