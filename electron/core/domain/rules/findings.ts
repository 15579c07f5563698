import type { RuleId } from './rulebook';

/** Finding codes of docs/rules.md "Findings": stable API used by reports, bundles, the CLI and tests. */
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
 * Reminders (severity info, docs/rules.md): one per open deadline not yet passed, with its due date, and
 * NEW_MEMBER_COURSE_DUE for a probationary member who has not done the course before the recognition vote. Once a
 * due date passes the deadline yields the matching `*_OVERDUE` error instead; an info code never counts as overdue.
 */
export const DUE_CODES = ['DECISION_DUE', 'CEREMONY_DUE', 'MEMBER_RECORDS_DUE', 'RECOGNITION_VOTE_DUE', 'NEW_MEMBER_COURSE_DUE'] as const;

/** The severity of every code: stable API, exactly the "Findings" table of docs/rules.md. */
export const CODE_SEVERITY: Readonly<Record<FindingCode, Severity>> = {
  AGE_BELOW_MIN: 'error',
  AGE_ABOVE_MAX: 'error',
  AGE_BORDERLINE: 'warning',
  EDUCATION_INSUFFICIENT: 'error',
  CERTIFICATE_MISSING: 'error',
  CERTIFICATE_EXPIRED: 'error',
  CERTIFICATE_EXPIRING: 'warning',
  INTRODUCERS_INSUFFICIENT: 'error',
  INTRODUCER_NOT_FULL_MEMBER: 'error',
  INTRODUCER_TOO_SHORT: 'error',
  UNION_RESOLUTION_MISSING: 'error',
  DOCUMENT_MISSING: 'error',
  DOCUMENT_STALE: 'warning',
  BACKGROUND_CHECK_MISSING: 'error',
  VOTE_BELOW_THRESHOLD: 'error',
  DECISION_OVERDUE: 'error',
  CEREMONY_OVERDUE: 'error',
  MEMBER_RECORDS_OVERDUE: 'error',
  RECOGNITION_VOTE_TOO_EARLY: 'error',
  RECOGNITION_VOTE_OVERDUE: 'error',
  NEW_MEMBER_COURSE_MISSING: 'error',
  NO_MENTOR: 'error',
  NO_PROBATION_MENTOR: 'error',
  EVENT_ORDER_INVALID: 'error',
  DECISION_DUE: 'info',
  CEREMONY_DUE: 'info',
  MEMBER_RECORDS_DUE: 'info',
  RECOGNITION_VOTE_DUE: 'info',
  NEW_MEMBER_COURSE_DUE: 'info',
};

/**
 * Codes reported with a second severity: an age or certificate check made against today because no chi bộ vote is
 * recorded yet is a warning (docs/rules.md, "Mức độ"), the error comes once the vote is.
 */
export const BEFORE_VOTE_SEVERITY: Readonly<Partial<Record<FindingCode, Severity>>> = {
  AGE_BELOW_MIN: 'warning',
  AGE_ABOVE_MAX: 'warning',
  CERTIFICATE_MISSING: 'warning',
  CERTIFICATE_EXPIRED: 'warning',
};

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
