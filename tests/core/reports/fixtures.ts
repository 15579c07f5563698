import type { CandidateEvent, CandidateProfile, Dossier } from '../../../electron/core/model/dossier';
import type { Target } from '../../../electron/core/model/targets';
import type { ReportCandidate, ReportFinding, ReportUnit } from '../../../electron/core/domain/reports/types';

type EventSpec = Partial<Record<CandidateEvent['type'], string>>;

/** Events from a type→date map, with the vote/decision fields the schema requires filled with plausible values. */
export function events(spec: EventSpec): CandidateEvent[] {
  return Object.entries(spec).map(([type, date]) => {
    switch (type) {
      case 'CHI_BO_VOTED':
      case 'RECOGNITION_VOTED':
        return { type, date, yes: 10, eligible: 12 } as CandidateEvent;
      case 'DUCS_VOTED':
      case 'DUCS_RECOGNITION_VOTED':
        return { type, date, yes: 8, members: 9 } as CandidateEvent;
      case 'ADMISSION_DECIDED':
        return { type, date, number: '123-QĐ/ĐU', received: date } as CandidateEvent;
      default:
        return { type, date } as CandidateEvent;
    }
  });
}

export function dossier(unitCode: string, profile: Partial<CandidateProfile>, spec: EventSpec): Dossier {
  return {
    format: 'ptdv.dossier/1',
    unit: { code: unitCode, hasYouthUnion: true, fullMembers: 12 },
    candidate: { fullName: 'Nguyễn Văn An', birthDate: '1995-06-15', ...profile },
    events: events(spec),
    documents: [],
    introducers: [],
    mentors: [],
  };
}

let seq = 0;

export function candidate(unitCode: string, profile: Partial<CandidateProfile>, spec: EventSpec, findings: ReportFinding[] = []): ReportCandidate {
  seq += 1;
  const d = dossier(unitCode, profile, spec);
  return { id: `c${seq}`, profile: d.candidate, events: d.events, stage: 'cam-tinh', findings };
}

export function unit(code: string, candidates: ReportCandidate[], extra: Partial<ReportUnit> = {}): ReportUnit {
  return {
    code,
    name: `Chi bộ ${code}`,
    level: 'chi-bo',
    fullMembersAtYearStart: 20,
    fullMembersNow: 21,
    probationaryOffFile: 0,
    targets: [],
    candidates,
    ...extra,
  };
}

export function target(unitCode: string, period: Target['period'], value: number, extra: Partial<Target> = {}): Target {
  return { unitCode, year: 2026, period, kind: 'count', value, source: 'unit', ...extra };
}

/** A full path to admission: proposed, listed, certified, dossier, chi bộ and ĐUCS votes, decision on `decided`. */
export function admittedOn(decided: string, listed = '2025-10-01'): EventSpec {
  return {
    SOURCE_PROPOSED: '2025-09-01',
    LISTED: listed,
    COURSE_CERTIFIED: '2025-11-01',
    DOSSIER_STARTED: '2025-11-10',
    CHI_BO_VOTED: '2025-12-01',
    DUCS_VOTED: '2025-12-15',
    ADMISSION_DECIDED: decided,
  };
}
