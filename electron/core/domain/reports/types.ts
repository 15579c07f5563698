import type { CandidateEvent, CandidateProfile } from '../../model/dossier';
import type { UnitLevel } from '../../model/report';
import type { Target } from '../../model/targets';

/** A finding as the rules engine reports it; only code and severity matter to reports. */
export type ReportFinding = { code: string; severity: string };

/** Reports count steps by type and date only; the vote and decision details stay in the dossier. */
export type ReportEvent = Pick<CandidateEvent, 'type' | 'date'>;

export type ReportCandidate = {
  id: string;
  profile: CandidateProfile;
  /**
   * `searchKey(profile.fullName)|profile.birthDate`, what tells the same person in two units, when the caller has it
   * stored (the identity index's columns).
   */
  identityKey?: string;
  /** Events in force (voided ones removed), in any order: reports go by their dates. */
  events: readonly ReportEvent[];
  /** Current stage (docs/rules.md), shown in the duplicates list. */
  stage: string;
  /** Current findings of the rules engine. */
  findings: ReportFinding[];
};

export type ReportUnit = {
  code: string;
  name: string;
  level: UnitLevel | string;
  fullMembersAtYearStart: number;
  /** Full members on the counting day (the period's last day, or the as-of day while it runs). */
  fullMembersNow: number;
  /**
   * Probationary members on the counting day whom no candidate file follows (entered on the roster by hand): the
   * report's stock of dự bị adds them to the candidates in stage `du-bi`.
   */
  probationaryOffFile: number;
  targets: Target[];
  candidates: ReportCandidate[];
  /**
   * The unit's superior. When it is another unit of the same report (a ĐUCS and its chi bộ at the Khối), the
   * superior's targets are measured over it too (docs/targets.md).
   */
  parentCode?: string | null;
};

export type ReportInput = {
  /** The unit the report is made for when it covers units below it (a superior); adds a total. */
  scope?: { code: string; name: string; level: UnitLevel | string } | null;
  units: ReportUnit[];
  /** Of `units`, the enrolled ones from which no report for the period was received (a superior's input). */
  notReported?: readonly string[];
  /** Units below whose enrolment is not confirmed: never in `units`, only listed. */
  unconfirmed?: readonly { code: string; name: string }[];
  /**
   * The scope's own targets (its resolution, or what its superior assigned it): where one applies to a period, the
   * total is measured against it over the whole tree, not against the sum of what it handed out below.
   */
  scopeTargets?: readonly Target[];
};
