import { buildCalendar } from '../../../electron/core/domain/calendar/calendar';
import { VN_CALENDAR_SEED } from '../../../electron/core/domain/calendar/seed-vn';
import { DEFAULT_RULEBOOKS, evaluateDossier, type Evaluation, type FindingCode } from '../../../electron/core/domain/rules/index';
import type { CandidateEvent, Dossier, DossierDocument, EventType } from '../../../electron/core/model/dossier';

export const ctx = { rulebooks: DEFAULT_RULEBOOKS, calendar: buildCalendar(VN_CALENDAR_SEED) };

/**
 * A candidate on the đoàn path whose chi bộ voted 10/12 on Mon 2 Mar 2026 with a complete, fresh dossier: the
 * baseline every table row changes one thing in.
 */
export function votedCandidate(): Dossier {
  return {
    format: 'ptdv.dossier/1',
    unit: { code: 'CB014', hasYouthUnion: true, fullMembers: 12, ducsMembers: 9 },
    candidate: {
      fullName: 'Nguyễn Thị Lan',
      gender: 'nu',
      birthDate: '2000-03-10',
      education: 'thpt',
      educationException: null,
      youthUnionMember: true,
      tradeUnionMember: false,
      introductionPath: 'doan',
    },
    events: [
      { type: 'SOURCE_PROPOSED', date: '2024-12-10', by: 'doan' },
      { type: 'LISTED', date: '2025-01-06' },
      { type: 'COURSE_CERTIFIED', date: '2025-03-03' },
      { type: 'DOSSIER_STARTED', date: '2025-06-02' },
      { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 10, eligible: 12 },
    ],
    documents: [
      { form: '1-KNĐ', date: '2025-06-10' },
      { form: '2-KNĐ', date: '2025-06-20' },
      { form: '3-KNĐ', date: '2025-12-01' },
      { form: '4-KNĐ', date: '2025-12-05' },
      { form: '5-KNĐ', date: '2026-01-15' },
      { form: 'TTLL', date: '2026-02-10' },
    ],
    introducers: [
      {
        name: 'Trần Văn Bình',
        fullMemberSince: '2015-05-05',
        workedTogetherSince: '2023-01-01',
        replacement: false,
        letterDate: '2025-12-01',
      },
    ],
    mentors: [{ name: 'Trần Văn Bình', role: 'pre-admission', from: '2025-01-06', to: null }],
  };
}

/** The baseline candidate admitted: decision signed 6 Apr 2026, received 10 Apr, ceremony on `ceremony`. */
export function probationer(ceremony = '2026-05-04'): Dossier {
  const d = votedCandidate();
  d.events.push(
    { type: 'DUCS_VOTED', date: '2026-03-20', yes: 8, members: 9 },
    { type: 'ADMISSION_DECIDED', date: '2026-04-06', number: '123-QĐ/ĐU', received: '2026-04-10' },
    { type: 'CEREMONY_HELD', date: ceremony },
  );
  d.documents.push({ form: '1-HSĐV', date: '2026-05-20' }, { form: '2-HSĐV', date: '2026-05-20' });
  d.mentors.push({ name: 'Lê Thị Hoa', role: 'probation', from: ceremony, to: null });
  return d;
}

/** Returns a copy of `d` changed by `edit`, so table rows never share state. */
export function edit(d: Dossier, change: (copy: Dossier) => void): Dossier {
  const copy = structuredClone(d);
  change(copy);
  return copy;
}

/** Replaces (or adds) the event of `type` with the given fields. */
export function setEvent(d: Dossier, event: CandidateEvent): void {
  d.events = d.events.filter((e) => e.type !== event.type);
  d.events.push(event);
}

export function dropEvent(d: Dossier, type: EventType): void {
  d.events = d.events.filter((e) => e.type !== type);
}

export function setDoc(d: Dossier, form: DossierDocument['form'], date: string | null): void {
  d.documents = d.documents.filter((doc) => doc.form !== form);
  if (date) {
    d.documents.push({ form, date });
  }
}

export function evaluate(d: Dossier, asOf: string): Evaluation {
  return evaluateDossier(d, asOf, ctx);
}

/** The severities with which `code` was reported ("" when absent), e.g. "error" or "warning,info". */
export function severityOf(e: Evaluation, code: FindingCode): string {
  return e.findings
    .filter((f) => f.code === code)
    .map((f) => f.severity)
    .join(',');
}

export function finding(e: Evaluation, code: FindingCode) {
  return e.findings.find((f) => f.code === code);
}
