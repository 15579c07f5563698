import { z } from 'zod';

/** Wire shapes of the rules engine's results (electron/core/domain/rules), for the contract and the UI. */

export const severitySchema = z.enum(['error', 'warning', 'info']);

export const findingSchema = z.object({
  code: z.string(),
  severity: severitySchema,
  rule: z.string(),
  message: z.string(),
  due: z.string().optional(),
  refs: z.array(z.string()).optional(),
  rulebookVersion: z.string(),
  /** Working days from asOf to `due`, negative once past: the app says "còn 5 ngày làm việc", not a bare date. */
  workingDaysLeft: z.number().int().optional(),
});

export const deadlineSchema = z.object({
  kind: z.string(),
  rule: z.string(),
  due: z.string(),
  from: z.string().optional(),
  overdue: z.boolean(),
  label: z.string(),
  workingDaysLeft: z.number().int().optional(),
});

export const checklistItemSchema = z.object({
  form: z.string(),
  label: z.string(),
  required: z.boolean(),
  status: z.enum(['present', 'missing', 'stale', 'expired', 'not-yet']),
  date: z.string().optional(),
  signer: z.string().optional(),
  dueNote: z.string().optional(),
});

export const candidateCheckSchema = z.object({
  evaluation: z.object({
    asOf: z.string(),
    stage: z.string(),
    stageLabel: z.string(),
    findings: z.array(findingSchema),
    deadlines: z.array(deadlineSchema),
    rulebookVersion: z.string(),
    keyDates: z.record(z.string(), z.string()),
  }),
  checklist: z.array(checklistItemSchema),
  /** For a mirrored unit's candidate: what the unit reported in its bundle, as of its day; null otherwise. */
  reported: z.object({ asOf: z.string(), rulebookVersion: z.string(), findings: z.array(findingSchema) }).nullable(),
});
export type CandidateCheck = z.infer<typeof candidateCheckSchema>;

export const todoItemSchema = z.object({
  candidateId: z.string(),
  name: z.string(),
  /** The candidate's unit: a committee's list spans the units it oversees. */
  unitCode: z.string(),
  stage: z.string(),
  code: z.string(),
  severity: severitySchema,
  rule: z.string(),
  message: z.string(),
  due: z.string().optional(),
  overdue: z.boolean(),
  refs: z.array(z.string()).optional(),
  workingDaysLeft: z.number().int().optional(),
});
export type TodoItemWire = z.infer<typeof todoItemSchema>;

/** One screenful of the to-do list, with counts over the whole list for the filters and the navigation badge. */
export const todoPageSchema = z.object({
  asOf: z.string(),
  /** Items matching the filter. */
  total: z.number().int(),
  summary: z.object({
    error: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
    overdue: z.number().int(),
    /** Errors and overdue items together, each counted once: the number in the navigation badge. */
    attention: z.number().int(),
  }),
  codes: z.array(z.object({ code: z.string(), count: z.number().int() })),
  /** The units the list spans with their item counts; one entry at a chi bộ. */
  units: z.array(z.object({ code: z.string(), name: z.string(), count: z.number().int() })),
  /** How many units the matching items belong to: a unit with nothing to do is not counted in the header. */
  unitsWithItems: z.number().int(),
  rows: z.array(todoItemSchema),
  /**
   * Present when the list was asked not to wait (soFar) and the day's re-evaluation has far to go: the list and its
   * counts are those of the `done` candidates of `total` already checked today.
   */
  checking: z.object({ done: z.number().int(), total: z.number().int() }).optional(),
});
export type TodoPage = z.infer<typeof todoPageSchema>;

export const voteCheckSchema = z.object({
  eligible: z.number().int(),
  eligibleNames: z.array(z.string()),
  needed: z.number().int(),
  passes: z.boolean().nullable(),
  /** The threshold of the rulebook in force on the vote date (2/3 so far). */
  numerator: z.number().int(),
  denominator: z.number().int(),
});
export type VoteCheck = z.infer<typeof voteCheckSchema>;

export const rulebookInfoSchema = z.object({
  version: z.string(),
  title: z.string(),
  validFrom: z.string(),
  /** Null while some rule of the book has no end date. */
  validTo: z.string().nullable(),
  rules: z.number().int(),
  items: z.array(z.object({ id: z.string(), validFrom: z.string(), validTo: z.string().nullable(), source: z.string() })),
});

export const rulebookOverviewSchema = z.object({
  asOf: z.string(),
  /** The version applied to an act dated today. */
  applied: z.string(),
  rulebooks: z.array(rulebookInfoSchema),
});
export type RulebookOverview = z.infer<typeof rulebookOverviewSchema>;
