import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { UNIT_LEVELS } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { Check, Field, FormError, LabelOptions } from '../../components/Field';
import { UNIT_LEVEL_LABELS } from '../../lib/labels';
import { MIN_PASSPHRASE_LENGTH } from '../../../../electron/core/domain/passphrase/index';
import { newPassphrase, PASSPHRASE_HINT } from '../../lib/passphrase';
import { useFormFailure } from '../../lib/use-form-failure';

const CODE = /^[A-Z0-9][A-Z0-9-]{1,31}$/;
const CODE_HINT = 'Mã chỉ gồm chữ không dấu, số và dấu gạch ngang (2–32 ký tự), ví dụ CB014.';
const code = z.string().trim().toUpperCase();

const schema = z
  .object({
    code: code.regex(CODE, CODE_HINT),
    // An empty name and a one-letter one are different mistakes, so they get different words.
    name: z.string().trim().min(1, 'Nhập tên đơn vị.').min(2, 'Tên đơn vị quá ngắn: cần ít nhất 2 ký tự, ví dụ “Chi bộ Phòng Kỹ thuật”.').max(200, 'Tên đơn vị tối đa 200 ký tự.'),
    level: z.enum(UNIT_LEVELS, 'Chọn cấp của đơn vị.'),
    parentCode: code.refine((v) => v === '' || CODE.test(v), CODE_HINT).transform((v) => (v === '' ? null : v)),
    hasYouthUnion: z.boolean(),
    passphrase: newPassphrase,
    confirm: z.string(),
  })
  .refine((v) => v.confirm === v.passphrase, { path: ['confirm'], message: 'Hai lần nhập mật khẩu không khớp nhau.' })
  .refine((v) => v.parentCode !== v.code, { path: ['parentCode'], message: 'Mã cấp trên phải khác mã của đơn vị mình.' });

type FormIn = z.input<typeof schema>;
type FormOut = z.output<typeof schema>;

/** First run: the own unit and the passphrase that encrypts the database. */
export function SetupScreen({ onDone }: { onDone: (recoveryCode: string) => void }) {
  const form = useForm<FormIn, unknown, FormOut>({
    resolver: zodResolver(schema),
    defaultValues: { code: '', name: '', level: 'chi-bo', parentCode: '', hasYouthUnion: true, passphrase: '', confirm: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['code', 'confirm', 'level', 'name', 'parentCode', 'passphrase']);
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      const unit = { code: v.code, name: v.name, level: v.level, parentCode: v.parentCode, hasYouthUnion: v.hasYouthUnion };
      const result = await call('session:setup', { unit, passphrase: v.passphrase });
      onDone(result.recoveryCode);
    } catch (err) {
      fail(err);
    }
  });

  return (
    <div className="center-screen">
      <form className="card setup" onSubmit={submit} noValidate>
        <p className="eyebrow">ptdv — Phát triển đảng viên</p>
        <h1>Thiết lập lần đầu</h1>
        <p className="lead">
          Nhập thông tin đơn vị và đặt mật khẩu. Dữ liệu được mã hóa bằng mật khẩu này; không có mật khẩu (hoặc mã khôi
          phục) thì không ai mở được.
        </p>
        {/* The full Hướng dẫn opens from the “?” of every screen once the unit exists; what this form asks is said here. */}
        <details className="setup-help" data-testid="setup-help">
          <summary>Hướng dẫn: điền các ô này thế nào?</summary>
          <ul>
            <li>
              <strong>Mã đơn vị</strong>: mã cấp ủy cấp trên dùng để gọi chi bộ (ví dụ CB014); hỏi cấp trên nếu chưa biết. Mã
              này đi theo mọi báo cáo gửi lên.
            </li>
            <li>
              <strong>Cấp</strong>: bí thư chi bộ chọn “Chi bộ”; cán bộ đảng ủy cơ sở hoặc Đảng ủy Khối chọn cấp của mình.
            </li>
            <li>
              <strong>Mã đơn vị cấp trên</strong>: mã của cấp ủy nhận báo cáo (ví dụ DU01). Có thể để trống và ghi sau ở Cài
              đặt, cho đến khi nhập tệp tin cậy của cấp trên.
            </li>
            <li>
              <strong>Mật khẩu</strong>: ít nhất {MIN_PASSPHRASE_LENGTH} ký tự, nên là vài từ dễ nhớ. Sau khi tạo, ptdv hiện <strong>mã khôi
              phục</strong> một lần: chép hoặc in ra và cất giữ; quên mật khẩu thì chỉ mã này mở được dữ liệu.
            </li>
            <li>Sau đó, nút “?” ở góc trên mọi màn hình mở Hướng dẫn đầy đủ, bắt đầu từ “Ngày đầu làm bí thư chi bộ”.</li>
          </ul>
        </details>
        <fieldset className="form-grid">
          <legend>Đơn vị</legend>
          <Field label="Mã đơn vị" error={errors.code?.message} hint="Ví dụ: CB014">
            <input {...form.register('code')} autoComplete="off" autoFocus />
          </Field>
          <Field label="Cấp" error={errors.level?.message}>
            <select {...form.register('level')}>
              <LabelOptions labels={UNIT_LEVEL_LABELS} />
            </select>
          </Field>
          <Field label="Tên đơn vị" error={errors.name?.message} wide>
            <input {...form.register('name')} autoComplete="off" placeholder="Ví dụ: Chi bộ Phòng Kỹ thuật" />
          </Field>
          <Field label="Mã đơn vị cấp trên (nếu có)" error={errors.parentCode?.message}>
            <input {...form.register('parentCode')} autoComplete="off" />
          </Field>
          <div className="field field-check">
            <Check label="Đơn vị có tổ chức Đoàn Thanh niên">
              <input type="checkbox" {...form.register('hasYouthUnion')} />
            </Check>
          </div>
        </fieldset>
        <fieldset className="form-grid">
          <legend>Mật khẩu</legend>
          <Field label="Mật khẩu" error={errors.passphrase?.message} hint={PASSPHRASE_HINT}>
            <input type="password" {...form.register('passphrase')} autoComplete="new-password" />
          </Field>
          <Field label="Nhập lại mật khẩu" error={errors.confirm?.message}>
            <input type="password" {...form.register('confirm')} autoComplete="new-password" />
          </Field>
        </fieldset>
        <FormError message={failure} />
        <div className="actions">
          <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
            {isSubmitting ? 'Đang tạo cơ sở dữ liệu…' : 'Tạo cơ sở dữ liệu'}
          </button>
        </div>
      </form>
    </div>
  );
}
