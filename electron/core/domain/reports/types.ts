import type { CandidateEvent, Dossier } from '../../model/dossier';
import type { ReportStage, UnitLevel } from '../../model/report';
import type { Target } from '../../model/targets';

/** A finding as the rules engine reports it; only code and severity matter to reports. */
export type ReportFinding = { code: string; severity: string };

export type ReportCandidate = {
  id: string;
  /** The candidate's dossier; its events already exclude voided ones. */
  dossier: Dossier;
  /** Current stage (RULES.md §2), shown in the duplicates list. */
  stage: string;
  /** Current findings of the rules engine. */
  findings: ReportFinding[];
};

export type ReportUnit = {
  code: string;
  name: string;
  level: UnitLevel | string;
  fullMembersAtYearStart: number;
  fullMembersNow: number;
  targets: Target[];
  candidates: ReportCandidate[];
};

export type ReportInput = {
  /** The unit the report is made for when it covers units below it (a superior); adds a total. */
  scope?: { code: string; name: string; level: UnitLevel | string } | null;
  units: ReportUnit[];
};

/** Stage derivation contract of RULES.md §2: the stage the events lead to, null when there are none. */
export type DeriveStage = (events: readonly CandidateEvent[]) => ReportStage | string | null;
