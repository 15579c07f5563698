import { z } from 'zod';
import { AppError, describeFileIssues } from '../../errors';
import { isIsoDate, isoDate } from '../../model/dates';
import { DOCUMENT_FORMS, EDUCATION_EXCEPTIONS, EDUCATION_LEVELS } from '../../model/dossier';
import { toDay, type DayNumber } from '../calendar/days';
import first from './rulebook-2021-07-30.json';
import revised from './rulebook-2026-12-04.json';

/**
 * The rulebook (docs/rules.md) as data: each rule has parameters, a validity period and a source. A newer rulebook
 * file (`ptdv.rulebook/1`) is imported without a code change; it may hold only the rules that changed.
 */

export const RULEBOOK_FORMAT = 'ptdv.rulebook/1';

const workingDays = z.number().int().min(1).max(365);
const positive = z.number().int().min(1).max(1200);
const ratio = { numerator: positive, denominator: positive };

function ruleEntry<I extends string, P extends z.ZodType>(id: I, parameters: P) {
  return z.strictObject({
    id: z.literal(id),
    parameters,
    validFrom: isoDate,
    validTo: isoDate.nullish(),
    source: z.string().trim().min(1).max(1000),
  });
}

const months = z.number().int().min(1).max(1200);

/**
 * Parameter shapes of the first rulebook stay accepted beside the revised ones, so the 2021-07-30 file and any
 * rulebook a superior sent in that shape still load; `ageLimits` and `youthBelowMonths` read both. One object with
 * optional fields (rather than a union) so a wrong value is reported at its own field.
 */
const ageParameters = z
  .strictObject({ minMonths: months.optional(), maxMonths: months.optional(), minYears: positive.optional(), maxYears: positive.optional() })
  .refine((p) => (p.minMonths !== undefined && p.maxMonths !== undefined) || (p.minYears !== undefined && p.maxYears !== undefined), {
    message: 'cần minMonths và maxMonths (hoặc minYears và maxYears)',
  });

const introducersParameters = z
  .strictObject({
    youthBelowMonths: months.optional(),
    youthMaxAgeYears: positive.optional(),
    fullMembersDefault: positive,
    fullMembersWithUnion: positive,
  })
  .refine((p) => p.youthBelowMonths !== undefined || p.youthMaxAgeYears !== undefined, {
    message: 'cần youthBelowMonths (hoặc youthMaxAgeYears)',
  });

export const ruleSchema = z.discriminatedUnion('id', [
  ruleEntry('age', ageParameters),
  ruleEntry(
    'education',
    z.strictObject({ minLevel: z.enum(EDUCATION_LEVELS), consentExceptions: z.array(z.enum(EDUCATION_EXCEPTIONS)) }),
  ),
  ruleEntry('course-certificate', z.strictObject({ validityMonths: positive, warnMonthsBefore: z.number().int().min(0) })),
  ruleEntry('introducers', introducersParameters),
  ruleEntry('introducer-eligible', z.strictObject({ minMonthsTogether: z.number().int().min(0) })),
  ruleEntry('document-freshness', z.strictObject({ maxAgeMonths: positive, forms: z.array(z.enum(DOCUMENT_FORMS)) })),
  ruleEntry(
    'dossier-documents',
    z.strictObject({ beforeVote: z.array(z.enum(DOCUMENT_FORMS)), beforeRecognitionVote: z.array(z.enum(DOCUMENT_FORMS)) }),
  ),
  ruleEntry('background-check', z.strictObject({ form: z.enum(DOCUMENT_FORMS) })),
  // `minEligible` is read by no check any more (docs/rules.md lists no finding for a small cell); kept loadable.
  ruleEntry('vote-chi-bo', z.strictObject({ ...ratio, minEligible: z.number().int().min(0).optional() })),
  ruleEntry('vote-ducs', z.strictObject(ratio)),
  ruleEntry(
    'decision-deadline',
    z.strictObject({
      admissionWorkingDays: workingDays,
      recognitionWorkingDays: workingDays,
      maxExtensionWorkingDays: z.number().int().min(0).max(365),
    }),
  ),
  ruleEntry(
    'ceremony-deadline',
    z.strictObject({ workingDays, countFrom: z.enum(['received', 'signed']), consentForm: z.enum(DOCUMENT_FORMS).optional() }),
  ),
  ruleEntry('probation', z.strictObject({ months: positive })),
  // `courseReminderDays` (the first rulebook's warning before the probation end) is no longer read: an open course
  // is an info reminder (NEW_MEMBER_COURSE_DUE) until the recognition vote.
  ruleEntry('recognition-vote', z.strictObject({ workingDays, courseReminderDays: z.number().int().min(0).optional() })),
  ruleEntry('member-records', z.strictObject({ workingDays, forms: z.array(z.enum(DOCUMENT_FORMS)) })),
  ruleEntry('mentor', z.strictObject({})),
]);
export type Rule = z.infer<typeof ruleSchema>;
export type RuleId = Rule['id'];
export type RuleOf<I extends RuleId> = Extract<Rule, { id: I }>;
export const RULE_IDS = ruleSchema.options.map((o) => o.shape.id.value) as RuleId[];

export const rulebookSchema = z
  .strictObject({
    format: z.literal(RULEBOOK_FORMAT),
    // Printed as "bộ quy tắc …" and compared as text: letters, digits, dots and dashes, and a real date when it is one.
    version: z
      .string()
      .trim()
      .min(1)
      .max(60)
      .regex(/^[0-9A-Za-z][0-9A-Za-z._-]*$/, 'chỉ gồm chữ không dấu, số, dấu chấm và gạch ngang, ví dụ 2027-01-01')
      .refine((v) => !/^\d{4}-\d{2}-\d{2}$/.test(v) || isIsoDate(v), 'không phải ngày có thật'),
    title: z.string().max(500).nullish(),
    rules: z.array(ruleSchema).min(1).max(500),
  })
  .superRefine((book, ctx) => {
    const seen = new Set<string>();
    book.rules.forEach((rule, i) => {
      const key = `${rule.id}@${rule.validFrom}`;
      if (seen.has(key)) {
        ctx.addIssue({ code: 'custom', path: ['rules', i], message: `quy tắc ${rule.id} trùng ngày hiệu lực` });
      }
      seen.add(key);
      if (rule.validTo && rule.validTo < rule.validFrom) {
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'validTo'], message: 'ngày hết hiệu lực trước ngày hiệu lực' });
      }
    });
  });
export type Rulebook = z.infer<typeof rulebookSchema>;

/** Validates an imported rulebook; throws a Vietnamese `AppError('validation')` naming the field that is wrong. */
export function loadRulebook(data: unknown): Rulebook {
  const parsed = rulebookSchema.safeParse(data);
  if (!parsed.success) {
    throw new AppError(
      'validation',
      `Bộ quy tắc không hợp lệ: ${describeFileIssues(parsed.error, data, 'quy tắc')}. Tệp không được nhập; hãy xin lại tệp bộ quy tắc đúng từ nơi đã gửi.`,
      'RULEBOOK_INVALID',
    );
  }
  return parsed.data;
}

/** The first rulebook shipped with the app (version 2021-07-30), in force for acts before the revision. */
export const FIRST_RULEBOOK: Rulebook = loadRulebook(first);
/** The revised rulebook (version 2026-12-04): docs/rules.md as revised, for acts from its validity date. */
export const SHIPPED_RULEBOOK: Rulebook = loadRulebook(revised);
export const DEFAULT_RULEBOOKS: readonly Rulebook[] = [FIRST_RULEBOOK, SHIPPED_RULEBOOK];

/** The age limits of a rule version in calendar months (the first rulebook stated them in years). */
export function ageLimits(p: RuleOf<'age'>['parameters']): { min: number; max: number } {
  return p.minMonths !== undefined && p.maxMonths !== undefined
    ? { min: p.minMonths, max: p.maxMonths }
    : { min: (p.minYears ?? 0) * 12, max: (p.maxYears ?? 0) * 12 };
}

/** The youth path is open below this many calendar months of age ("30 or less": below 31 years). */
export function youthBelowMonths(p: RuleOf<'introducers'>['parameters']): number {
  return p.youthBelowMonths ?? ((p.youthMaxAgeYears ?? 0) + 1) * 12;
}

export type AppliedRule<I extends RuleId> = { rule: RuleOf<I>; rulebookVersion: string };

// `applied` is built once here so looking a rule up allocates nothing (50,000 candidates × ~20 lookups).
type Version = { from: DayNumber; to: DayNumber; rulebookVersion: string; applied: AppliedRule<RuleId> };
export type RuleIndex = ReadonlyMap<RuleId, readonly Version[]>;

const compiled = new WeakMap<readonly Rulebook[], RuleIndex>();

/** Indexes rulebooks by rule id, newest validity first; cached per rulebooks array. */
export function compileRulebooks(rulebooks: readonly Rulebook[]): RuleIndex {
  const cached = compiled.get(rulebooks);
  if (cached) {
    return cached;
  }
  const index = new Map<RuleId, Version[]>();
  for (const book of rulebooks) {
    for (const rule of book.rules) {
      const list = index.get(rule.id) ?? [];
      const to = rule.validTo ? toDay(rule.validTo) : Number.POSITIVE_INFINITY;
      const applied = { rule, rulebookVersion: book.version } as AppliedRule<RuleId>;
      list.push({ from: toDay(rule.validFrom), to, rulebookVersion: book.version, applied });
      index.set(rule.id, list);
    }
  }
  // Later rulebooks win ties on validFrom: a superior's re-issued book replaces the shipped one.
  for (const list of index.values()) {
    list.reverse().sort((a, b) => b.from - a.from);
  }
  compiled.set(rulebooks, index);
  return index;
}

/**
 * The version of `ruleId` in force on day `act`. An act before every known version gets the oldest one and an act
 * after every version's end the newest, so an old or future dossier is still checked rather than rejected.
 */
export function ruleAt<I extends RuleId>(index: RuleIndex, ruleId: I, act: DayNumber): AppliedRule<I> {
  const versions = index.get(ruleId);
  if (!versions || versions.length === 0) {
    throw new AppError('internal', `Bộ quy tắc không có quy tắc "${ruleId}"`, 'RULE_MISSING');
  }
  let fallback: Version | undefined;
  for (const v of versions) {
    if (v.from <= act) {
      if (act <= v.to) {
        return v.applied as unknown as AppliedRule<I>;
      }
      fallback ??= v;
    }
  }
  return (fallback ?? versions[versions.length - 1]!).applied as unknown as AppliedRule<I>;
}

/** The version of `ruleId` in force on `actDate` (ISO) across the given rulebooks, and the rulebook it came from. */
export function ruleInForce<I extends RuleId>(
  rulebooks: readonly Rulebook[],
  ruleId: I,
  actDate: string,
): AppliedRule<I> {
  return ruleAt(compileRulebooks(rulebooks), ruleId, toDay(actDate));
}
