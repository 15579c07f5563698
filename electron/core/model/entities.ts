import { z } from 'zod';
import './zod-locale';
import { cleanName } from '../domain/names';
import { errorsOf, memberDateProblems } from '../domain/plausibility';
import { isoDate } from './dates';
import {
  candidateEventSchema,
  candidateProfileSchema,
  dossierDocumentSchema,
  EVENT_TYPES,
  MENTOR_ROLES,
} from './dossier';

/** Shapes the services return and the UI shows; shared by the IPC contract, the web host and the renderer. */

export const UNIT_LEVELS = ['chi-bo', 'dang-bo-co-so', 'cap-tren'] as const;
export const unitCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/, 'mã đơn vị chỉ gồm chữ không dấu, số và dấu gạch (2–32 ký tự)');

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  parentCode: z.string().nullable(),
  origin: z.enum(['self', 'parent', 'mirror']),
  hasYouthUnion: z.boolean(),
  ducsMembers: z.number().int().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;

/** A unit's move from one superior to another, from the day `on` (docs/corrections.md "Moving to another superior"). */
export const unitMoveSchema = z.strictObject({
  from: z.strictObject({ code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/), name: z.string().min(1).max(200) }),
  to: z.strictObject({ code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,31}$/), name: z.string().min(1).max(200) }),
  on: isoDate,
});
export type UnitMove = z.infer<typeof unitMoveSchema>;

export const unitSetupSchema = z.strictObject({
  code: unitCodeSchema,
  name: z.string().trim().min(1, 'nhập tên đơn vị').min(2, 'tên đơn vị cần ít nhất 2 ký tự').max(200),
  level: z.enum(UNIT_LEVELS),
  parentCode: unitCodeSchema.nullish(),
  hasYouthUnion: z.boolean().default(true),
}).refine((u) => !u.parentCode || u.parentCode !== u.code, { path: ['parentCode'], message: 'mã cấp trên phải khác mã đơn vị' });
export type UnitSetup = z.input<typeof unitSetupSchema>;

/** What the own unit may change about itself after setup (Cài đặt and `ptdv unit set`); absent fields stay. */
export const unitProfileInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'nhập tên đơn vị').min(2, 'tên đơn vị cần ít nhất 2 ký tự').max(200).optional(),
  hasYouthUnion: z.boolean().optional(),
  hasTradeUnion: z.boolean().optional(),
  secretaryName: z.string().transform(cleanName).pipe(z.string().max(120)).nullish(),
  documentPlace: z.string().trim().max(120).nullish(),
  parentCode: unitCodeSchema.optional(),
});
export type UnitProfileInput = z.input<typeof unitProfileInputSchema>;

export const unitProfileSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  parentCode: z.string().nullable(),
  hasYouthUnion: z.boolean(),
  hasTradeUnion: z.boolean(),
  secretaryName: z.string().nullable(),
  documentPlace: z.string().nullable(),
  /** The superior's trust file is imported: the parent code can no longer be edited, only re-enrolled. */
  enrolled: z.boolean(),
});
export type UnitProfile = z.infer<typeof unitProfileSchema>;

export const MEMBER_STATUSES = ['chinh-thuc', 'du-bi'] as const;
export const memberInputSchema = z
  .strictObject({
    fullName: z.string().transform(cleanName).pipe(z.string().min(2, 'nhập họ và tên').max(120)),
    gender: z.enum(['nam', 'nu']).nullish(),
    birthDate: isoDate.nullish(),
    status: z.enum(MEMBER_STATUSES),
    joinedOn: isoDate.nullish(),
    fullMemberSince: isoDate.nullish(),
    exempt: z.boolean().default(false),
    note: z.string().max(2000).nullish(),
    /** The user confirmed that a record with the same name and birth date is another person. */
    confirmDuplicate: z.boolean().optional(),
  })
  .superRefine((m, ctx) => {
    for (const p of errorsOf(memberDateProblems(m, null))) {
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
    }
  });
export type MemberInput = z.input<typeof memberInputSchema>;

/** When, why and by whom a record was voided (docs/corrections.md). */
export const voidInfoSchema = z.object({ by: z.string(), reason: z.string(), at: z.string() });
export type VoidInfo = z.infer<typeof voidInfoSchema>;

/** A reason is required for every void and correction, so the history says why. */
export const voidReasonSchema = z.string().trim().min(3, 'nhập lý do (ít nhất 3 ký tự)').max(500, 'lý do tối đa 500 ký tự');

export const memberSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  fullName: z.string(),
  gender: z.enum(['nam', 'nu']).nullable(),
  birthDate: z.string().nullable(),
  status: z.enum(MEMBER_STATUSES),
  joinedOn: z.string().nullable(),
  fullMemberSince: z.string().nullable(),
  exempt: z.boolean(),
  leftOn: z.string().nullable(),
  leftReason: z.string().nullable(),
  note: z.string().nullable(),
  /** Only full members (chính thức) still in the cell can introduce, mentor or vote. */
  canMentor: z.boolean(),
  /** A record entered by mistake: off the roster and every count, kept as history. */
  voided: voidInfoSchema.nullable(),
});
export type Member = z.infer<typeof memberSchema>;

/** Fields of a member an edit in place can change, in the order the roster history lists them. */
export const MEMBER_EDIT_FIELDS = ['fullName', 'gender', 'birthDate', 'status', 'joinedOn', 'fullMemberSince', 'exempt', 'note'] as const;

/** One edit of a member's details with what it replaced, read back from the audit log (docs/corrections.md). */
export const memberEditSchema = z.object({
  memberId: z.string(),
  fullName: z.string(),
  at: z.string(),
  by: z.string(),
  changes: z.array(z.object({ field: z.enum(MEMBER_EDIT_FIELDS), before: z.union([z.string(), z.boolean(), z.null()]), after: z.union([z.string(), z.boolean(), z.null()]) })),
});
export type MemberEdit = z.infer<typeof memberEditSchema>;

/** The candidate list's unit filter for every unit a committee oversees. */
export const ALL_UNITS = '*';

export const candidateRowSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  fullName: z.string(),
  gender: z.enum(['nam', 'nu']).nullable(),
  birthDate: z.string(),
  stage: z.string(),
  mentorName: z.string().nullable(),
});
export type CandidateRow = z.infer<typeof candidateRowSchema>;

export const CORRECTION_KINDS = ['document', 'introducer', 'mentor'] as const;
export const voidInputSchema = z.strictObject({ candidateId: z.string().min(1), kind: z.enum(CORRECTION_KINDS), recordId: z.string().min(1), reason: voidReasonSchema });
export type VoidInput = z.input<typeof voidInputSchema>;

/** A voided document, introducer or mentor assignment of a file, as the history ("Lịch sử sửa đổi") shows it. */
export const voidedRecordSchema = z.object({ kind: z.enum(CORRECTION_KINDS), id: z.string(), summary: z.string(), voided: voidInfoSchema });
export type VoidedRecord = z.infer<typeof voidedRecordSchema>;

export const storedEventSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  event: candidateEventSchema,
  author: z.string(),
  recordedAt: z.string(),
  voided: voidInfoSchema.nullable(),
});
export type StoredEvent = z.infer<typeof storedEventSchema>;

export const mentorAssignmentSchema = z.object({
  id: z.string(),
  memberId: z.string().nullable(),
  mentorName: z.string(),
  role: z.enum(MENTOR_ROLES),
  fromDate: z.string(),
  toDate: z.string().nullable(),
});
export type MentorAssignment = z.infer<typeof mentorAssignmentSchema>;

export const storedDocumentSchema = dossierDocumentSchema.extend({ id: z.string() });
export const storedIntroducerSchema = z.object({
  id: z.string(),
  memberId: z.string().nullable(),
  name: z.string(),
  fullMemberSince: z.string().nullable(),
  workedTogetherSince: z.string().nullable(),
  replacement: z.boolean(),
  letterDate: z.string().nullable(),
});

export const candidateDetailSchema = z.object({
  id: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  readOnly: z.boolean(),
  profile: candidateProfileSchema,
  stage: z.string(),
  events: z.array(storedEventSchema),
  documents: z.array(storedDocumentSchema),
  introducers: z.array(storedIntroducerSchema),
  mentors: z.array(mentorAssignmentSchema),
  /** Set when the whole record was created by mistake and voided: it is then only history. */
  voided: voidInfoSchema.nullable(),
  /** Voided documents, introducers and mentor assignments, newest first (the lists above hold those in force). */
  corrections: z.array(voidedRecordSchema),
  /**
   * Other live records of the same person (same name without regard to accents or case, same birth date) in this
   * database: at a superior, the units below that follow them too, as the report's duplicate list names them.
   */
  samePerson: z.array(z.object({ id: z.string(), unitCode: z.string(), unitName: z.string(), fullName: z.string(), stage: z.string() })),
});
export type CandidateDetail = z.infer<typeof candidateDetailSchema>;

export const eventTypeSchema = z.enum(EVENT_TYPES as [string, ...string[]]);
