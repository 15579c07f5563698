// Public API of the rules engine, for services, the CLI and (types only) the renderer.
export { evaluateDossier, type CalendarSpan, type Evaluation, type KeyDates } from './evaluate';
export { computeChecklist, type ChecklistItem, type ChecklistStatus } from './checklist';
export { buildTodo, isOverdue, type TodoFilter, type TodoItem, type TodoSource } from './todo';
export { probationEndOf } from './check-deadlines';
export { voteOutcome, TWO_THIRDS, type VoteOutcome, type VoteRatio } from './votes';
export { deriveStage, isTerminalStage, stageRank, STAGES, STAGE_LABELS, type Stage } from './stage';
export {
  DUE_CODES,
  FINDING_CODES,
  SEVERITIES,
  type Deadline,
  type DeadlineKind,
  type Finding,
  type FindingCode,
  type Severity,
} from './findings';
export {
  DEFAULT_RULEBOOKS,
  loadRulebook,
  RULE_IDS,
  RULEBOOK_FORMAT,
  rulebookSchema,
  ruleInForce,
  SHIPPED_RULEBOOK,
  type AppliedRule,
  type Rule,
  type RuleId,
  type Rulebook,
} from './rulebook';
export type { EvalContext } from './context';
export { PATH_LABELS, type IntroductionPath } from './check-introducers';
