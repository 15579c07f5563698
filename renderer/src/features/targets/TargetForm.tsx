import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { exceedsFullMembers, readTypedTarget, targetCount } from '../../../../electron/core/domain/reports/targets';
import { TARGET_KINDS, TARGET_PERIODS, targetPeriodLabel, type TargetPeriod } from '../../../../electron/core/model/targets';
import { call } from '../../api';
import { Check, Field, FormError } from '../../components/Field';
import { useFormFailure } from '../../lib/use-form-failure';

const KIND_LABELS: Record<(typeof TARGET_KINDS)[number], string> = {
  count: 'Số người',
  'percent-of-full-members': '% đảng viên chính thức đầu năm',
};

const schema = z
  .object({
    period: z.enum(TARGET_PERIODS),
    kind: z.enum(TARGET_KINDS),
    value: z.string(),
  })
  .transform((v, ctx) => {
    const read = readTypedTarget(v.value, v.kind);
    if (read.value === null) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: read.error ?? 'Nhập chỉ tiêu.' });
      return z.NEVER;
    }
    return { ...v, value: read.value };
  });

type Props = {
  year: number;
  /** The unit the target is for; undefined is the own unit. */
  unitCode: string | undefined;
  /** Named in the title when a committee sets the target of a unit below, so it is clear whose target it is. */
  unitName: string | undefined;
  fullMembersAtYearStart: number | null;
  onSaved: () => void;
};

/** Sets (or replaces) the target of one period: a number of people or a share of the full members on 1 January. */
export function TargetForm({ year, unitCode, unitName, fullMembersAtYearStart, onSaved }: Props) {
  const form = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { period: 'year', kind: 'count', value: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['kind', 'period', 'value']);
  const { errors, isSubmitting } = form.formState;
  const [kind, value] = useWatch({ control: form.control, name: ['kind', 'value'] });
  const typed = Number(value.replace(',', '.'));
  const resolved =
    kind === 'percent-of-full-members' && fullMembersAtYearStart !== null && value.trim() !== '' && Number.isFinite(typed)
      ? targetCount({ kind, value: typed }, fullMembersAtYearStart)
      : null;

  // More admissions than the unit had full members is rare enough to be a typo (99999 for 9): saved only once confirmed.
  const [confirmedLarge, setConfirmedLarge] = useState<number | null>(null);
  const large = Number.isInteger(typed) && exceedsFullMembers({ kind, value: typed }, fullMembersAtYearStart) ? typed : null;

  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    if (large !== null && confirmedLarge !== large) {
      form.setError('value', {
        type: 'large',
        message: `${large.toLocaleString('vi-VN')} người nhiều hơn số đảng viên chính thức của đơn vị ngày 01/01/${year} (${fullMembersAtYearStart!.toLocaleString('vi-VN')}). Kiểm tra lại; nếu đúng, đánh dấu xác nhận rồi lưu.`,
      });
      return;
    }
    try {
      await call('targets:set', { unitCode, year, period: v.period, kind: v.kind, value: v.value });
      form.reset({ period: v.period, kind: v.kind, value: '' });
      setConfirmedLarge(null);
      onSaved();
    } catch (err) {
      fail(err);
    }
  });

  return (
    <form className="card section" onSubmit={submit} noValidate aria-labelledby="target-form-title">
      <h2 id="target-form-title">
        Đặt chỉ tiêu năm {year}
        {unitCode && unitName ? ` cho ${unitName}` : ''}
      </h2>
      <p className="lead">Đặt lại chỉ tiêu của cùng một kỳ sẽ thay chỉ tiêu cũ.</p>
      <div className="form-grid three">
        <Field label="Kỳ chỉ tiêu" error={errors.period?.message}>
          <select {...form.register('period')}>
            {TARGET_PERIODS.map((p: TargetPeriod) => (
              <option key={p} value={p}>
                {targetPeriodLabel(year, p)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Tính theo" error={errors.kind?.message}>
          <select {...form.register('kind')}>
            {TARGET_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={kind === 'count' ? 'Chỉ tiêu (người)' : 'Chỉ tiêu (%)'}
          error={errors.value?.message}
          hint={
            kind === 'percent-of-full-members' && fullMembersAtYearStart !== null
              ? `${fullMembersAtYearStart} đảng viên chính thức ngày 01/01/${year}${resolved === null ? '' : ` → ${resolved} người`}`
              : undefined
          }
        >
          <input inputMode="decimal" {...form.register('value')} />
        </Field>
      </div>
      {large !== null && errors.value?.type === 'large' ? (
        <div className="field field-check">
          <Check label={`Đúng, chỉ tiêu là ${large.toLocaleString('vi-VN')} người`}>
            <input type="checkbox" checked={confirmedLarge === large} onChange={(e) => setConfirmedLarge(e.target.checked ? large : null)} />
          </Check>
        </div>
      ) : null}
      <FormError message={failure} />
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          Lưu chỉ tiêu
        </button>
      </div>
    </form>
  );
}
