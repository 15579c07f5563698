import { z } from 'zod';
import { TARGET_KINDS, TARGET_PERIODS, TARGET_SOURCES } from './targets';

/**
 * The targets table of a committee (docs/targets.md): one row per unit directly below it for one period, with the
 * target this committee assigned, what the unit's whole subtree admitted so far, the totals, and the remainder of
 * the committee's own target once the assigned ones are taken out.
 */

const targetShape = z.object({
  kind: z.enum(TARGET_KINDS),
  value: z.number(),
  /** In people: a percent target resolved against the subtree's full members on 1 January. */
  targetCount: z.number().int(),
});

export const targetTableRowSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(['chi-bo', 'dang-bo-co-so', 'cap-tren']),
  /** Units below this one that this database mirrors (a ĐUCS's chi bộ); 0 for a chi bộ. */
  unitsBelow: z.number().int(),
  /** Full members of the unit and everything below it on 1 January: the base of a percent target. */
  fullMembersAtYearStart: z.number().int(),
  /** What this committee assigned; null when it assigned nothing for the period. */
  assigned: targetShape.nullable(),
  /** The unit's own plan as its bundles carry it (shown only, never edited here). */
  ownPlan: targetShape.nullable(),
  /**
   * Targets a superior further up (the Khối) gave the unit straight, as the directives this committee relayed to it
   * carry them (shown only: the unit applies the one it received last, docs/targets.md).
   */
  fromAbove: z.array(targetShape.extend({ issuerCode: z.string(), issuerName: z.string() })),
  /** Admissions (decision signing days) over the unit's subtree from the period's start to the earlier of its end and today. */
  achieved: z.number().int(),
  /** achieved / assigned × 100, one decimal; null without an assigned target or for a target of 0 people. */
  percentAchieved: z.number().nullable(),
});
export type TargetTableRow = z.infer<typeof targetTableRowSchema>;

export const targetTableSchema = z.object({
  year: z.number().int(),
  period: z.enum(TARGET_PERIODS),
  periodLabel: z.string(),
  countedTo: z.string(),
  self: z.object({ code: z.string(), name: z.string(), level: z.enum(['chi-bo', 'dang-bo-co-so', 'cap-tren']) }),
  /** The committee's own target for the period (the superior's assignment when there is one), over its whole tree. */
  own: targetShape.extend({ source: z.enum(TARGET_SOURCES), achieved: z.number().int(), fullMembersAtYearStart: z.number().int() }).nullable(),
  rows: z.array(targetTableRowSchema),
  /** Over the rows with an assigned target only; `unitsWithTarget` of `units` says how many those are. */
  total: z.object({ units: z.number().int(), unitsWithTarget: z.number().int(), targetCount: z.number().int(), achieved: z.number().int(), percentAchieved: z.number().nullable(), achievedAllUnits: z.number().int() }),
  /** Own target minus the sum assigned below (negative when more was given out than received); null without an own target. */
  remainder: z.number().int().nullable(),
});
export type TargetTable = z.infer<typeof targetTableSchema>;

/** One line of a save: `value` null withdraws what was assigned to the unit for the period. */
export const targetTableEntrySchema = z.strictObject({
  unitCode: z.string().trim().toUpperCase().min(1).max(32),
  kind: z.enum(TARGET_KINDS),
  value: z.number().nullable(),
});
export type TargetTableEntry = z.infer<typeof targetTableEntrySchema>;

export const targetTableSaveSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  period: z.enum(TARGET_PERIODS),
  entries: z.array(targetTableEntrySchema).max(2000),
});
export type TargetTableSave = z.infer<typeof targetTableSaveSchema>;
