import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { UnitProfile as Profile } from '../../../../electron/core/model/entities';
import { call, errorMessage } from '../../api';
import { useSession } from '../../app/session';
import { Check, Field, FormError } from '../../components/Field';
import { useFormFailure } from '../../lib/use-form-failure';

type Values = { name: string; parentCode: string; hasYouthUnion: boolean; hasTradeUnion: boolean; secretaryName: string; documentPlace: string };

const valuesOf = (p: Profile): Values => ({
  name: p.name,
  parentCode: p.parentCode ?? '',
  hasYouthUnion: p.hasYouthUnion,
  hasTradeUnion: p.hasTradeUnion,
  secretaryName: p.secretaryName ?? '',
  documentPlace: p.documentPlace ?? '',
});

/** The own unit's details; the parent code stays editable only until the unit is enrolled with its superior. */
export function UnitProfile() {
  const [profile, setProfile] = useState<Profile | null>(null);
  const [done, setDone] = useState(false);
  const { replace } = useSession();
  const form = useForm<Values>();
  const [failure, setFailure, fail] = useFormFailure(form, ['name', 'parentCode', 'secretaryName', 'documentPlace']);
  useEffect(() => {
    call('unit:profile', {})
      .then((p) => {
        setProfile(p);
        form.reset(valuesOf(p));
      })
      .catch((err: unknown) => setFailure(errorMessage(err)));
  }, [form, setFailure]);
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    setDone(false);
    try {
      const saved = await call('unit:update-profile', {
        name: v.name,
        hasYouthUnion: v.hasYouthUnion,
        hasTradeUnion: v.hasTradeUnion,
        secretaryName: v.secretaryName,
        documentPlace: v.documentPlace,
        ...(profile && !profile.enrolled && v.parentCode.trim() ? { parentCode: v.parentCode } : {}),
      });
      setProfile(saved);
      form.reset(valuesOf(saved));
      setDone(true);
      // The header shows the unit's name and superior: it follows the saved profile.
      replace(await call('session:get-status', {}));
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="card section" onSubmit={submit} noValidate aria-labelledby="unit-profile-title">
      <h2 id="unit-profile-title">Thông tin đơn vị {profile ? `(${profile.code})` : ''}</h2>
      <p className="lead">Tên bí thư và địa danh được điền vào báo cáo của đơn vị và bản nháp các mẫu 5, 6, 13, 18-KNĐ.</p>
      <div className="form-grid">
        <Field label="Tên đơn vị" error={form.formState.errors.name?.message}>
          <input {...form.register('name')} />
        </Field>
        <Field
          label="Mã cấp trên"
          error={form.formState.errors.parentCode?.message}
          hint={
            profile?.enrolled
              ? 'Đã đăng ký với cấp trên nên không sửa được. Chuyển sang cấp trên khác là đăng ký lại (tệp tin cậy mới, đánh số gói lại từ đầu).'
              : 'Sửa được cho đến khi đăng ký với cấp trên.'
          }
        >
          <input {...form.register('parentCode')} disabled={profile?.enrolled ?? true} />
        </Field>
        <Field label="Bí thư (người ký)" error={form.formState.errors.secretaryName?.message}>
          <input {...form.register('secretaryName')} autoComplete="off" />
        </Field>
        <Field label="Địa danh trên văn bản" hint="Ví dụ: Hà Nội" error={form.formState.errors.documentPlace?.message}>
          <input {...form.register('documentPlace')} autoComplete="off" />
        </Field>
        <div className="field field-check">
          <Check label="Đơn vị có tổ chức Đoàn Thanh niên">
            <input type="checkbox" {...form.register('hasYouthUnion')} />
          </Check>
        </div>
        <div className="field field-check">
          <Check label="Đơn vị có tổ chức Công đoàn">
            <input type="checkbox" {...form.register('hasTradeUnion')} />
          </Check>
        </div>
      </div>
      <FormError message={failure} />
      {done ? <p className="notice">Đã lưu thông tin đơn vị.</p> : null}
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={!profile || form.formState.isSubmitting}>
          Lưu thông tin đơn vị
        </button>
      </div>
    </form>
  );
}
