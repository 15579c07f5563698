import type { CandidateEvent, CandidateProfile } from '../../electron/core/model/dossier';
import type { ServiceContext } from '../../electron/core/services/context';
import { addEvent, createCandidate } from '../../electron/core/services/candidate-service';
import { createMember } from '../../electron/core/services/member-service';
import { events } from '../core/reports/fixtures';

type EventSpec = Partial<Record<CandidateEvent['type'], string>>;

/** Records a candidate through the services, event by event in date order, as a secretary would. */
export function recordCandidate(ctx: ServiceContext, profile: Partial<CandidateProfile> & { fullName: string }, spec: EventSpec): string {
  const [first, ...rest] = events(spec).sort((a, b) => a.date.localeCompare(b.date));
  const id = createCandidate(ctx, { birthDate: '1996-04-20', ...profile }, first);
  rest.forEach((e) => addEvent(ctx, id, e));
  return id;
}

/** `n` full members recognised long before 2026, plus the ones the tests need on the edges. */
export function recordRoster(ctx: ServiceContext, n: number): void {
  ctx.db.transaction((tx) => {
    for (let i = 0; i < n; i++) {
      createMember(ctx, { fullName: `Đảng Viên Số ${i + 1}`, status: 'chinh-thuc', joinedOn: '2014-01-10', fullMemberSince: '2015-01-10' }, tx);
    }
  });
}

/**
 * The own cell's year, by hand (RULES.md §5 counts admissions on the decision's signing date):
 * - An: woman, đoàn viên, 27; listed 01/10/2025, decided 31/03/2026 (last day of Q1), ceremony 10/04/2026.
 * - Bình: man, 41; decided 01/04/2026 (first day of Q2).
 * - Cường: proposed 05/01/2026, listed 10/02/2026.
 * - Dung: listed in 2025, withdrew 20/02/2026.
 */
export function recordCell(ctx: ServiceContext): Record<'an' | 'binh' | 'cuong' | 'dung', string> {
  const path = { SOURCE_PROPOSED: '2025-09-01', LISTED: '2025-10-01', COURSE_CERTIFIED: '2025-11-01', DOSSIER_STARTED: '2025-11-10', CHI_BO_VOTED: '2025-12-01', DUCS_VOTED: '2026-01-15' };
  return {
    an: recordCandidate(ctx, { fullName: 'Nguyễn Thị An', gender: 'nu', birthDate: '1998-05-10', youthUnionMember: true }, { ...path, ADMISSION_DECIDED: '2026-03-31', CEREMONY_HELD: '2026-04-10' }),
    binh: recordCandidate(ctx, { fullName: 'Trần Văn Bình', gender: 'nam', birthDate: '1985-02-01' }, { ...path, ADMISSION_DECIDED: '2026-04-01' }),
    cuong: recordCandidate(ctx, { fullName: 'Lê Văn Cường', gender: 'nam' }, { SOURCE_PROPOSED: '2026-01-05', LISTED: '2026-02-10' }),
    dung: recordCandidate(ctx, { fullName: 'Phạm Thị Dung', gender: 'nu' }, { SOURCE_PROPOSED: '2025-06-01', LISTED: '2025-07-01', WITHDRAWN: '2026-02-20' }),
  };
}
