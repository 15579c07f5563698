import { z } from 'zod';
import './zod-locale';
import { cleanName } from '../domain/names';
import { isoDate } from './dates';

/**
 * The `ptdv.dossier/1` interchange format (docs/dossier-format.md): one candidate's whole file.
 * Objects are strict because the format says an unknown field is an error, not something to drop silently.
 */

export const GENDERS = ['nam', 'nu'] as const;
export const EDUCATION_LEVELS = [
  'tieu-hoc',
  'thcs',
  'thpt',
  'trung-cap',
  'cao-dang',
  'dai-hoc',
  'sau-dai-hoc',
] as const;
export const EDUCATION_EXCEPTIONS = ['primary', 'literate'] as const;
export const INTRODUCTION_PATHS = ['doan', 'cong-doan', 'hai-dang-vien'] as const;
export const OCCUPATIONS = [
  'cong-nhan',
  'nong-dan',
  'can-bo-cong-chuc',
  'vien-chuc',
  'hoc-sinh-sinh-vien',
  'chu-doanh-nghiep',
  'luc-luong-vu-trang',
  'huu-tri',
  'khac',
] as const;
export const PROPOSERS = ['doan', 'cong-doan', 'hoi', 'chi-bo'] as const;
export const MENTOR_ROLES = ['pre-admission', 'probation'] as const;

export const DOCUMENT_FORMS = [
  '1-KNĐ',
  '2-KNĐ',
  '3-KNĐ',
  '4-KNĐ',
  '4A-KNĐ',
  '5-KNĐ',
  '6-KNĐ',
  '7-KNĐ',
  '8-KNĐ',
  '9-KNĐ',
  '10-KNĐ',
  '11-KNĐ',
  '12-KNĐ',
  '13-KNĐ',
  '14-KNĐ',
  '15-KNĐ',
  '16-KNĐ',
  'TTLL',
  '1-HSĐV',
  '2-HSĐV',
  'DONG-Y-TINH',
  'DONG-Y-CAP-TREN',
] as const;
export type DocumentForm = (typeof DOCUMENT_FORMS)[number];

/** Files typed on keyboards without Vietnamese input often write "KND"/"HSDV"; both mean the same form. */
function normaliseForm(value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  return value.normalize('NFC').trim().toUpperCase().replace(/KND$/, 'KNĐ').replace(/HSDV$/, 'HSĐV');
}

export const documentFormSchema = z.preprocess(normaliseForm, z.enum(DOCUMENT_FORMS));

const name = z
  .string()
  .transform(cleanName)
  .pipe(z.string().min(1, 'không được để trống').max(120));

/** Free text, in one Unicode form (NFC) whatever keyboard typed the accents, so the same word is stored once. */
const text = (max: number) => z.string().trim().normalize('NFC').max(max);

const count = z.number().int().min(0).max(100000);

/** docs/dossier-format.md: an optional field may be left out or given as null, which reads as left out. */
const nullAsAbsent = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema);

export const unitFactsSchema = z.strictObject({
  code: z.string().trim().min(1).max(32),
  hasYouthUnion: nullAsAbsent(z.boolean().optional()),
  fullMembers: count.nullish(),
  ducsMembers: count.nullish(),
});
export type UnitFacts = z.infer<typeof unitFactsSchema>;

export const candidateProfileSchema = z.strictObject({
  fullName: name,
  gender: z.enum(GENDERS).nullish(),
  birthDate: isoDate,
  education: z.enum(EDUCATION_LEVELS).nullish(),
  educationException: z.enum(EDUCATION_EXCEPTIONS).nullish(),
  youthUnionMember: z.boolean().nullish(),
  tradeUnionMember: z.boolean().nullish(),
  introductionPath: z.enum(INTRODUCTION_PATHS).nullish(),
  ethnicity: text(60).nullish(),
  religion: text(60).nullish(),
  occupation: z.enum(OCCUPATIONS).nullish(),
  nonStateEnterprise: z.boolean().nullish(),
  /** Optional extensions of the format for the form drafts: quê quán, nơi cư trú, the occupation in words. */
  hometown: text(200).nullish(),
  residence: text(200).nullish(),
  occupationDetail: text(200).nullish(),
});
export type CandidateProfile = z.infer<typeof candidateProfileSchema>;

const base = { date: isoDate, note: z.string().max(2000).nullish() };
const vote = { yes: count, eligible: count };
const ducsVote = { yes: count, members: count };
const decision = { number: text(60).nullish(), received: isoDate.nullish() };

export const candidateEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('SOURCE_PROPOSED'), ...base, by: z.enum(PROPOSERS).nullish() }),
  z.strictObject({ type: z.literal('LISTED'), ...base }),
  z.strictObject({ type: z.literal('COURSE_CERTIFIED'), ...base }),
  z.strictObject({ type: z.literal('DOSSIER_STARTED'), ...base }),
  z.strictObject({ type: z.literal('CHI_BO_VOTED'), ...base, ...vote }),
  z.strictObject({ type: z.literal('DUCS_VOTED'), ...base, ...ducsVote }),
  // `extensionDays` and `superiorConsent` are how files written before DECISION_EXTENDED and DONG-Y-CAP-TREN
  // recorded the same facts; they stay readable so stored events and older units' bundles still parse.
  z.strictObject({ type: z.literal('ADMISSION_DECIDED'), ...base, ...decision, extensionDays: count.nullish() }),
  z.strictObject({ type: z.literal('CEREMONY_HELD'), ...base, superiorConsent: z.boolean().nullish() }),
  z.strictObject({ type: z.literal('NEW_MEMBER_COURSE_DONE'), ...base }),
  z.strictObject({ type: z.literal('RECOGNITION_VOTED'), ...base, ...vote }),
  z.strictObject({ type: z.literal('DUCS_RECOGNITION_VOTED'), ...base, ...ducsVote }),
  z.strictObject({ type: z.literal('RECOGNITION_DECIDED'), ...base, ...decision }),
  z.strictObject({ type: z.literal('WITHDRAWN'), ...base }),
  z.strictObject({ type: z.literal('STRUCK_OFF'), ...base }),
  z.strictObject({ type: z.literal('TRANSFERRED_OUT'), ...base }),
  // Last in the list: it is not a pipeline step, and forms suggest the next step by this order.
  z.strictObject({
    type: z.literal('DECISION_EXTENDED'),
    ...base,
    workingDays: z.number().int('phải là số nguyên').min(1, 'ít nhất 1 ngày làm việc').max(30, 'gia hạn tối đa 30 ngày làm việc'),
  }),
]);
export type CandidateEvent = z.infer<typeof candidateEventSchema>;
export type EventType = CandidateEvent['type'];
export const EVENT_TYPES = candidateEventSchema.options.map((o) => o.shape.type.value) as EventType[];

export const dossierDocumentSchema = z.strictObject({
  form: documentFormSchema,
  date: isoDate,
  signer: text(120).nullish(),
  issuer: text(200).nullish(),
  note: z.string().max(2000).nullish(),
});
export type DossierDocument = z.infer<typeof dossierDocumentSchema>;

export const introducerSchema = z.strictObject({
  name,
  fullMemberSince: isoDate.nullish(),
  workedTogetherSince: isoDate.nullish(),
  replacement: z.boolean().nullish(),
  letterDate: isoDate.nullish(),
});
export type Introducer = z.infer<typeof introducerSchema>;

export const mentorSchema = z.strictObject({
  name,
  role: z.enum(MENTOR_ROLES),
  from: isoDate,
  to: isoDate.nullish(),
});
export type Mentor = z.infer<typeof mentorSchema>;

export const DOSSIER_FORMAT = 'ptdv.dossier/1';

export const dossierSchema = z.strictObject({
  format: z.literal(DOSSIER_FORMAT),
  unit: unitFactsSchema,
  candidate: candidateProfileSchema,
  events: nullAsAbsent(z.array(candidateEventSchema).max(500).default([])),
  documents: nullAsAbsent(z.array(dossierDocumentSchema).max(500).default([])),
  introducers: nullAsAbsent(z.array(introducerSchema).max(10).default([])),
  mentors: nullAsAbsent(z.array(mentorSchema).max(50).default([])),
});
export type Dossier = z.infer<typeof dossierSchema>;
export type DossierInput = z.input<typeof dossierSchema>;
