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
});

export const deadlineSchema = z.object({
  kind: z.string(),
  rule: z.string(),
  due: z.string(),
  from: z.string().optional(),
  overdue: z.boolean(),
  label: z.string(),
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
});
export type CandidateCheck = z.infer<typeof candidateCheckSchema>;

export const todoItemSchema = z.object({
  candidateId: z.string(),
  name: z.string(),
  stage: z.string(),
  code: z.string(),
  severity: severitySchema,
  rule: z.string(),
  message: z.string(),
  due: z.string().optional(),
  overdue: z.boolean(),
  refs: z.array(z.string()).optional(),
});
export type TodoItemWire = z.infer<typeof todoItemSchema>;

export const voteCheckSchema = z.object({
  eligible: z.number().int(),
  eligibleNames: z.array(z.string()),
  needed: z.number().int(),
  passes: z.boolean().nullable(),
});
export type VoteCheck = z.infer<typeof voteCheckSchema>;
