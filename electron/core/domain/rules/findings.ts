import type { RuleId } from './rulebook';

/** Finding codes of RULES.md §3 "Findings": stable API used by reports, bundles, the CLI and tests. */
export const FINDING_CODES = [
  'AGE_BELOW_MIN',
  'AGE_ABOVE_MAX',
  'AGE_BORDERLINE',
  'EDUCATION_INSUFFICIENT',
  'CERTIFICATE_MISSING',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_EXPIRING',
  'INTRODUCERS_INSUFFICIENT',
  'INTRODUCER_NOT_FULL_MEMBER',
  'INTRODUCER_TOO_SHORT',
  'UNION_RESOLUTION_MISSING',
  'DOCUMENT_MISSING',
  'DOCUMENT_STALE',
  'BACKGROUND_CHECK_MISSING',
  'VOTE_BELOW_THRESHOLD',
  'DECISION_OVERDUE',
  'CEREMONY_OVERDUE',
  'MEMBER_RECORDS_OVERDUE',
  'RECOGNITION_VOTE_TOO_EARLY',
  'RECOGNITION_VOTE_OVERDUE',
  'NEW_MEMBER_COURSE_MISSING',
  'NO_MENTOR',
  'NO_PROBATION_MENTOR',
  'EVENT_ORDER_INVALID',
] as const;

/**
 * Open deadlines that are not yet past. RULES.md asks for "an info finding with its due date" for each; we give
 * them their own `*_DUE` codes (always severity info) rather than reusing `*_OVERDUE`, so a report counting
 * overdue items by code never has to filter on severity. Once the due date passes, the deadline yields the matching
 * `*_OVERDUE` error instead: each open deadline yields exactly one finding.
 */
export const DUE_CODES = ['DECISION_DUE', 'CEREMONY_DUE', 'MEMBER_RECORDS_DUE', 'RECOGNITION_VOTE_DUE'] as const;

export type FindingCode = (typeof FINDING_CODES)[number] | (typeof DUE_CODES)[number];
export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type Finding = {
  code: FindingCode;
  severity: Severity;
  rule: RuleId | 'event-order';
  /** Vietnamese, concrete: names the date or number and says what to do. */
  message: string;
  due?: string | undefined;
  refs?: string[] | undefined;
  rulebookVersion: string;
};

export type DeadlineKind =
  | 'admission-decision'
  | 'ceremony'
  | 'member-records'
  | 'recognition-vote'
  | 'recognition-decision';

/** An open deadline: something the cell or its superior must still do, and by when. */
export type Deadline = {
  kind: DeadlineKind;
  rule: RuleId;
  /** The last allowed day (ISO). */
  due: string;
  /** First allowed day, when the act may not happen earlier (the recognition vote). */
  from?: string;
  overdue: boolean;
  label: string;
};
