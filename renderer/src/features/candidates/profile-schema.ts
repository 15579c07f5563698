import { z } from 'zod';
import { birthDateProblems, errorsOf, eventDateProblems } from '../../../../electron/core/domain/plausibility';
import { formatViDate } from '../../../../electron/core/model/dates';
import {
  EDUCATION_EXCEPTIONS,
  EDUCATION_LEVELS,
  GENDERS,
  INTRODUCTION_PATHS,
  OCCUPATIONS,
  PROPOSERS,
  type CandidateEvent,
  type CandidateProfile,
} from '../../../../electron/core/model/dossier';
import { optionalChoice, optionalText, optionalViDate, todayIso, viDate } from '../../lib/form';

const yesNo = z.enum(['', 'yes', 'no']).transform((v) => (v === '' ? null : v === 'yes'));

/** The candidate profile of docs/dossier-format.md as typed in the form, plus the optional first event of a new candidate. */
export const profileFormSchema = z
  .object({
    fullName: z.string().trim().min(1, 'Nhập họ và tên.').max(120, 'Họ tên tối đa 120 ký tự.'),
    gender: optionalChoice(GENDERS),
    birthDate: viDate('Nhập ngày sinh (ngày/tháng/năm).'),
    education: optionalChoice(EDUCATION_LEVELS),
    educationException: optionalChoice(EDUCATION_EXCEPTIONS),
    youthUnionMember: yesNo,
    tradeUnionMember: yesNo,
    introductionPath: optionalChoice(INTRODUCTION_PATHS),
    ethnicity: optionalText(60),
    religion: optionalText(60),
    occupation: optionalChoice(OCCUPATIONS),
    nonStateEnterprise: yesNo,
    hometown: optionalText(200),
    residence: optionalText(200),
    occupationDetail: optionalText(200),
    sourceDate: optionalViDate,
    sourceBy: optionalChoice(PROPOSERS),
  })
  .superRefine((v, ctx) => {
    const today = todayIso();
    const problems = [
      ...birthDateProblems(v.birthDate, today),
      ...(v.sourceDate ? eventDateProblems({ type: 'SOURCE_PROPOSED', date: v.sourceDate }, v.birthDate, today, 'sourceDate') : []),
    ];
    for (const p of errorsOf(problems)) {
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
    }
  });

export type ProfileFormIn = z.input<typeof profileFormSchema>;
export type ProfileFormOut = z.output<typeof profileFormSchema>;

function fromBool(value: boolean | null | undefined): 'yes' | 'no' | '' {
  return value === true ? 'yes' : value === false ? 'no' : '';
}

/** Form values for an existing profile (or an empty form). */
export function profileDefaults(p?: CandidateProfile): ProfileFormIn {
  return {
    fullName: p?.fullName ?? '',
    gender: p?.gender ?? '',
    birthDate: formatViDate(p?.birthDate),
    education: p?.education ?? '',
    educationException: p?.educationException ?? '',
    youthUnionMember: fromBool(p?.youthUnionMember),
    tradeUnionMember: fromBool(p?.tradeUnionMember),
    introductionPath: p?.introductionPath ?? '',
    ethnicity: p?.ethnicity ?? '',
    religion: p?.religion ?? '',
    occupation: p?.occupation ?? '',
    nonStateEnterprise: fromBool(p?.nonStateEnterprise),
    hometown: p?.hometown ?? '',
    residence: p?.residence ?? '',
    occupationDetail: p?.occupationDetail ?? '',
    sourceDate: '',
    sourceBy: '',
  };
}

/** Splits the form's output into the profile and the optional SOURCE_PROPOSED event. */
export function toProfile(v: ProfileFormOut): { profile: CandidateProfile; firstEvent: CandidateEvent | undefined } {
  const { sourceDate, sourceBy, ...profile } = v;
  const firstEvent: CandidateEvent | undefined = sourceDate
    ? { type: 'SOURCE_PROPOSED', date: sourceDate, by: sourceBy }
    : undefined;
  return { profile, firstEvent };
}
