import { candidateFindings, reportedFindings, targets, units } from '../../db/schema/index';
import type { CandidateEvent, CandidateProfile } from '../../electron/core/model/dossier';
import type { ServiceContext } from '../../electron/core/services/context';
import { addEvent, createCandidate } from '../../electron/core/services/candidate-service';
import { importDossiers } from '../../electron/core/services/dossier-service';
import { createMember } from '../../electron/core/services/member-service';
import { setTarget } from '../../electron/core/services/target-service';
import { events } from '../core/reports/fixtures';
import { testContext } from '../helpers/db';

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
 * The own cell's year, by hand (docs/reports.md counts admissions on the decision's signing date):
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

type MirrorCandidate = { key: string; profile: Partial<CandidateProfile> & { fullName: string }; events: EventSpec; findings?: { code: string; severity: string }[] };

/**
 * A unit below, as a superior holds it: a read-only mirror with its roster, candidates and the findings its bundle
 * carried. The findings this superior's own re-check gives for today are set by hand to the same list, in the cache
 * the reports read, because what these fixtures test is the counting, not the rules engine.
 */
function recordMirror(ctx: ServiceContext, code: string, name: string, fullMembers: number, people: MirrorCandidate[]): Record<string, string> {
  ctx.db.insert(units).values({ code, name, level: 'chi-bo', parentCode: 'DUK01', origin: 'mirror' }).run();
  ctx.db.transaction((tx) => {
    for (let i = 0; i < fullMembers; i++) {
      createMember(ctx, { fullName: `Đảng Viên ${code} ${i + 1}`, status: 'chinh-thuc', joinedOn: '2014-01-10', fullMemberSince: '2015-01-10' }, tx, code);
    }
  });
  const items = people.map((p) => ({ label: p.key, dossier: { format: 'ptdv.dossier/1' as const, unit: { code }, candidate: { birthDate: '1996-04-20', ...p.profile }, events: events(p.events), documents: [], introducers: [], mentors: [] } }));
  const outcomes = importDossiers(ctx, items, code);
  const ids: Record<string, string> = {};
  outcomes.forEach((o, i) => {
    const person = people[i]!;
    ids[person.key] = o.candidateId;
    const findings = (person.findings ?? []).map((f) => ({ ...f, rule: 'mentor', message: f.code, rulebookVersion: '2021-07-30' }));
    ctx.db.insert(reportedFindings).values({ candidateId: o.candidateId, asOf: '2026-11-20', rulebookVersion: '2021-07-30', findings }).run();
    ctx.db.insert(candidateFindings).values({ candidateId: o.candidateId, asOf: ctx.clock.today(), validUntil: ctx.clock.today(), rulebookVersion: '2021-07-30', findings }).run();
  });
  return ids;
}

/**
 * A superior (Đảng ủy Khối, DUK01) over three cells, by hand (year 2026, as of 23/11/2026):
 * - CB01, 10 full members. a1: woman, đoàn viên, born 15/03/1999, listed 01/10/2025, decided 31/03/2026 (last day
 *   of Q1), ceremony 15/04/2026, MEMBER_RECORDS_OVERDUE. a2: man born 01/06/1980, listed 15/11/2025, decided
 *   30/06/2026 (last day of Q2). a3: listed 01/02/2026, NO_MENTOR. Targets: its own 2, the superior's 3 (applies).
 * - CB02, 20 full members. b1: Tày woman born 10/01/1990, listed 01/06/2025, decided 30/09/2026 (last day of Q3).
 *   b2: Nguyễn Thị An born 10/05/1998, listed 20/01/2026, certificate 01/03/2026, NO_MENTOR and a warning.
 *   b3: decided 01/05/2025, ceremony 10/05/2025, recognised 20/05/2026. Target: 10 % of 20 members, from the superior.
 * - CB03, 5 full members. c1: "Nguyen Thi An" born 10/05/1998 (the same person as b2), proposed 01/04/2026.
 *   c2: listed 01/08/2025, withdrew 15/02/2026. No admission this year, no target.
 */
export function recordSuperior(ctx: ServiceContext): Record<string, string> {
  const before = { SOURCE_PROPOSED: '2025-05-01' };
  const ids = {
    ...recordMirror(ctx, 'CB01', 'Chi bộ Cơ khí', 10, [
      { key: 'a1', profile: { fullName: 'Lê Thị Hạnh', gender: 'nu', birthDate: '1999-03-15', youthUnionMember: true }, events: { ...before, LISTED: '2025-10-01', ADMISSION_DECIDED: '2026-03-31', CEREMONY_HELD: '2026-04-15' }, findings: [{ code: 'MEMBER_RECORDS_OVERDUE', severity: 'error' }] },
      { key: 'a2', profile: { fullName: 'Trần Văn Quang', gender: 'nam', birthDate: '1980-06-01' }, events: { ...before, LISTED: '2025-11-15', ADMISSION_DECIDED: '2026-06-30' } },
      { key: 'a3', profile: { fullName: 'Phạm Văn Sơn', gender: 'nam' }, events: { ...before, LISTED: '2026-02-01' }, findings: [{ code: 'NO_MENTOR', severity: 'error' }] },
    ]),
    ...recordMirror(ctx, 'CB02', 'Chi bộ Dệt may', 20, [
      { key: 'b1', profile: { fullName: 'Hoàng Thị Mai', gender: 'nu', birthDate: '1990-01-10', ethnicity: 'Tày' }, events: { ...before, LISTED: '2025-06-01', ADMISSION_DECIDED: '2026-09-30' } },
      { key: 'b2', profile: { fullName: 'Nguyễn Thị An', gender: 'nu', birthDate: '1998-05-10' }, events: { ...before, LISTED: '2026-01-20', COURSE_CERTIFIED: '2026-03-01' }, findings: [{ code: 'NO_MENTOR', severity: 'error' }, { code: 'CERTIFICATE_EXPIRING', severity: 'warning' }] },
      { key: 'b3', profile: { fullName: 'Đỗ Văn Tùng', gender: 'nam' }, events: { SOURCE_PROPOSED: '2024-01-10', LISTED: '2024-02-01', ADMISSION_DECIDED: '2025-05-01', CEREMONY_HELD: '2025-05-10', RECOGNITION_DECIDED: '2026-05-20' } },
    ]),
    ...recordMirror(ctx, 'CB03', 'Chi bộ Vận tải', 5, [
      { key: 'c1', profile: { fullName: 'Nguyen Thi  An', gender: 'nu', birthDate: '1998-05-10' }, events: { SOURCE_PROPOSED: '2026-04-01' } },
      { key: 'c2', profile: { fullName: 'Vũ Văn Hải', gender: 'nam' }, events: { ...before, LISTED: '2025-08-01', WITHDRAWN: '2026-02-15' } },
    ]),
  };
  ctx.db.insert(targets).values({ id: 'own-cb01', unitCode: 'CB01', year: 2026, period: 'year', kind: 'count', value: 2, source: 'unit', createdAt: '2026-01-05T09:00:00+07:00' }).run();
  setTarget(ctx, { unitCode: 'CB01', year: 2026, period: 'year', kind: 'count', value: 3 });
  setTarget(ctx, { unitCode: 'CB02', year: 2026, period: 'year', kind: 'percent-of-full-members', value: 10 });
  return ids;
}

/** A superior's database as set up at first run. */
export function superiorContext(today = '2026-11-23', dir?: string) {
  return testContext(today, { code: 'DUK01', name: 'Đảng ủy Khối Doanh nghiệp', level: 'cap-tren' }, dir);
}
