import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type UseFormRegisterReturn } from 'react-hook-form';
import type { CandidateEvent, CandidateProfile } from '../../../../electron/core/model/dossier';
import { DuplicateQuestion, isDuplicate } from '../../components/DataQuality';
import { DATE_PLACEHOLDER, DateField, Field, FormError, LabelOptions } from '../../components/Field';
import {
  EDUCATION_EXCEPTION_LABELS,
  EDUCATION_LABELS,
  GENDER_LABELS,
  INTRODUCTION_PATH_LABELS,
  OCCUPATION_LABELS,
  PROPOSER_LABELS,
} from '../../lib/labels';
import { profileDefaults, profileFormSchema, toProfile, type ProfileFormIn, type ProfileFormOut } from './profile-schema';
import { useFormFailure } from '../../lib/use-form-failure';

type Props = {
  initial?: CandidateProfile;
  /** A new candidate may start with the date and organisation that proposed them. */
  withSource?: boolean;
  submitLabel: string;
  /** `confirmDuplicate`: the user said the person with the same name and birth date is someone else. */
  onSubmit: (profile: CandidateProfile, firstEvent: CandidateEvent | undefined, confirmDuplicate: boolean) => Promise<void>;
  onCancel?: () => void;
};

type ChoiceProps = { reg: UseFormRegisterReturn; labels: Readonly<Record<string, string>>; empty: string; id?: string };

/** A select over a label table; `id` and aria props come from the surrounding Field. */
function Choice({ reg, labels, empty, ...aria }: ChoiceProps) {
  return (
    <select {...reg} {...aria}>
      <option value="">{empty}</option>
      <LabelOptions labels={labels} />
    </select>
  );
}

const YES_NO = { yes: 'Có', no: 'Không' };
const UNSET = '— Chưa ghi —';

/** The candidate's profile (docs/dossier-format.md), used to add a candidate and to edit one. */
export function ProfileForm({ initial, withSource, submitLabel, onSubmit, onCancel }: Props) {
  const form = useForm<ProfileFormIn, unknown, ProfileFormOut>({
    resolver: zodResolver(profileFormSchema),
    defaultValues: profileDefaults(initial),
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['birthDate', 'education', 'educationException', 'ethnicity', 'fullName', 'gender', 'hometown', 'introductionPath', 'nonStateEnterprise', 'occupation', 'occupationDetail', 'religion', 'residence', 'sourceBy', 'sourceDate', 'tradeUnionMember', 'youthUnionMember']);
  const { errors, isSubmitting } = form.formState;
  const reg = form.register;
  const [duplicate, setDuplicate] = useState<{ message: string; values: ProfileFormOut } | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (values: ProfileFormOut, confirmDuplicate: boolean) => {
    setFailure(null);
    setDuplicate(null);
    setSaving(true);
    const { profile, firstEvent } = toProfile(values);
    try {
      await onSubmit(profile, withSource ? firstEvent : undefined, confirmDuplicate);
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
    <form onSubmit={submit} noValidate>
      <div className="form-grid three">
        <Field label="Họ và tên" error={errors.fullName?.message} wide>
          <input {...reg('fullName')} autoComplete="off" maxLength={120} />
        </Field>
        <Field label="Giới tính" error={errors.gender?.message}>
          <Choice reg={reg('gender')} labels={GENDER_LABELS} empty={UNSET} />
        </Field>
        <DateField label="Ngày sinh" error={errors.birthDate?.message} registration={reg('birthDate')} />
        <Field label="Dân tộc" error={errors.ethnicity?.message}>
          <input {...reg('ethnicity')} placeholder="Ví dụ: Kinh" />
        </Field>
        <Field label="Tôn giáo" error={errors.religion?.message}>
          <input {...reg('religion')} placeholder="Để trống nếu không có" />
        </Field>
        <Field label="Nghề nghiệp" error={errors.occupation?.message}>
          <Choice reg={reg('occupation')} labels={OCCUPATION_LABELS} empty={UNSET} />
        </Field>
        <Field label="Nghề nghiệp cụ thể" error={errors.occupationDetail?.message} hint="In vào các mẫu; để trống thì in nhóm nghề">
          <input {...reg('occupationDetail')} placeholder="Ví dụ: Công nhân may, Công ty TNHH…" />
        </Field>
        <Field label="Quê quán" error={errors.hometown?.message} span2>
          <input {...reg('hometown')} placeholder="Xã/phường, tỉnh/thành phố" />
        </Field>
        <Field label="Nơi cư trú" error={errors.residence?.message} span2>
          <input {...reg('residence')} placeholder="Số nhà, thôn/tổ dân phố, xã/phường, tỉnh/thành phố" />
        </Field>
        <Field label="Làm việc ở doanh nghiệp ngoài nhà nước" error={errors.nonStateEnterprise?.message}>
          <Choice reg={reg('nonStateEnterprise')} labels={YES_NO} empty={UNSET} />
        </Field>
        <Field label="Trình độ học vấn" error={errors.education?.message}>
          <Choice reg={reg('education')} labels={EDUCATION_LABELS} empty={UNSET} />
        </Field>
        <Field label="Trường hợp đặc biệt về học vấn" error={errors.educationException?.message} span2>
          <Choice reg={reg('educationException')} labels={EDUCATION_EXCEPTION_LABELS} empty="Không" />
        </Field>
        <Field label="Đoàn viên Thanh niên" error={errors.youthUnionMember?.message}>
          <Choice reg={reg('youthUnionMember')} labels={YES_NO} empty={UNSET} />
        </Field>
        <Field label="Đoàn viên Công đoàn" error={errors.tradeUnionMember?.message}>
          <Choice reg={reg('tradeUnionMember')} labels={YES_NO} empty={UNSET} />
        </Field>
        <Field label="Cách giới thiệu vào Đảng" error={errors.introductionPath?.message}>
          <Choice reg={reg('introductionPath')} labels={INTRODUCTION_PATH_LABELS} empty="— Chưa xác định —" />
        </Field>
        {withSource ? (
          <>
            <Field label="Ngày được giới thiệu vào nguồn" error={errors.sourceDate?.message} hint="Để trống nếu chưa rõ">
              <input {...reg('sourceDate')} placeholder={DATE_PLACEHOLDER} inputMode="numeric" />
            </Field>
            <Field label="Tổ chức giới thiệu" error={errors.sourceBy?.message}>
              <Choice reg={reg('sourceBy')} labels={PROPOSER_LABELS} empty={UNSET} />
            </Field>
          </>
        ) : null}
      </div>
      <FormError message={failure} />
      {duplicate ? (
        <DuplicateQuestion message={duplicate.message} busy={saving} onConfirm={() => void save(duplicate.values, true)} onCancel={() => setDuplicate(null)} />
      ) : null}
      <div className="actions">
        {onCancel ? (
          <button type="button" className="btn" onClick={onCancel}>
            Đóng
          </button>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={isSubmitting || saving || duplicate !== null}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
