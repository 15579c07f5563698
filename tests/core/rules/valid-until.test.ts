import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/core/demo/generate';
import { buildCalendar } from '../../../electron/core/domain/calendar/calendar';
import { VN_CALENDAR_SEED } from '../../../electron/core/domain/calendar/seed-vn';
import { addMonths, toDay, toIso } from '../../../electron/core/domain/calendar/days';
import { FINDING_CODES, DUE_CODES, STAGES, evaluateDossier, type Evaluation } from '../../../electron/core/domain/rules/index';
import type { CandidateEvent, Dossier, DossierDocument, DocumentForm } from '../../../electron/core/model/dossier';
import { ctx, evaluate, finding, probationer, votedCandidate, edit, setDoc } from './builders';

/**
 * `validUntil` promises that evaluating the same dossier on any day from `asOf` through it gives the same result.
 * These tests check the promise on generated dossiers of every stage and finding code, day by day, and per kind of
 * threshold by hand.
 */

type Rand = () => number;

const plus = (iso: string, days: number) => toIso(toDay(iso) + days);
const between = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rand, p: number) => r() < p;

const FORMS: DocumentForm[] = ['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '4A-KNĐ', '5-KNĐ', 'TTLL', '10-KNĐ', '11-KNĐ', '12-KNĐ', '1-HSĐV', '2-HSĐV', 'DONG-Y-TINH', 'DONG-Y-CAP-TREN'];

/**
 * A dossier somewhere along the pipeline around `around`: random gaps (short and far past the deadlines), failing
 * votes, missing, stale and future-dated documents, ended and future mentors, borderline ages, extensions,
 * terminal events, now and then dates out of order.
 */
function randomDossier(r: Rand, around: string): Dossier {
  const start = plus(around, -between(r, 0, 2400));
  const ageMonths = chance(r, 0.3) ? pickOne(r, [214, 215, 216, 217, 719, 720, 721, 722]) : between(r, 200, 740);
  const birth = plus(start, -Math.floor(ageMonths * 30.44) - between(r, 0, 40));
  const events: CandidateEvent[] = [];
  const documents: DossierDocument[] = [];
  let date = start;
  const next = (lo: number, hi: number) => (date = plus(date, chance(r, 0.05) ? -between(r, 1, 30) : between(r, lo, hi)));
  const steps = between(r, 0, 12);
  const push = (e: CandidateEvent) => events.push(e);
  push({ type: 'SOURCE_PROPOSED', date, by: 'doan' });
  if (steps > 0) {
    push({ type: 'LISTED', date: next(5, 60) });
  }
  if (steps > 1) {
    push({ type: 'COURSE_CERTIFIED', date: next(10, chance(r, 0.2) ? 2000 : 200) });
  }
  if (steps > 2) {
    push({ type: 'DOSSIER_STARTED', date: next(5, 200) });
  }
  if (steps > 3) {
    const eligible = between(r, 3, 15);
    push({ type: 'CHI_BO_VOTED', date: next(20, chance(r, 0.2) ? 500 : 150), yes: chance(r, 0.15) ? between(r, 0, eligible + 1) : eligible, eligible });
  }
  if (steps > 4 && chance(r, 0.7)) {
    push({ type: 'DUCS_VOTED', date: next(3, 40), yes: chance(r, 0.1) ? 2 : 8, members: 9 });
  }
  if (steps > 5 && chance(r, 0.3)) {
    push({ type: 'DECISION_EXTENDED', date: next(1, 60), workingDays: between(r, 1, 30) });
  }
  if (steps > 5) {
    push({ type: 'ADMISSION_DECIDED', date: next(10, chance(r, 0.3) ? 160 : 80), number: '1-QĐ', received: chance(r, 0.5) ? plus(date, between(r, -2, 10)) : null, extensionDays: chance(r, 0.1) ? 10 : null });
  }
  if (steps > 6) {
    push({ type: 'CEREMONY_HELD', date: next(5, chance(r, 0.3) ? 90 : 40), superiorConsent: chance(r, 0.1) });
  }
  const ceremony = events.find((e) => e.type === 'CEREMONY_HELD')?.date;
  if (steps > 7 && chance(r, 0.7)) {
    push({ type: 'NEW_MEMBER_COURSE_DONE', date: next(20, 300) });
  }
  if (steps > 8 && ceremony) {
    date = plus(ceremony, between(r, 330, 420));
    push({ type: 'RECOGNITION_VOTED', date, yes: chance(r, 0.1) ? 1 : 9, eligible: 10 });
  }
  if (steps > 9 && chance(r, 0.6)) {
    push({ type: 'DUCS_RECOGNITION_VOTED', date: next(3, 30), yes: 8, members: 9 });
  }
  if (steps > 10) {
    push({ type: 'RECOGNITION_DECIDED', date: next(5, 60), number: '2-QĐ', received: null });
  }
  if (chance(r, 0.12)) {
    push({ type: pickOne(r, ['WITHDRAWN', 'STRUCK_OFF', 'TRANSFERRED_OUT'] as const), date: next(10, 300) });
  }
  for (const form of FORMS) {
    const n = chance(r, 0.6) ? 1 : chance(r, 0.3) ? 2 : 0;
    for (let i = 0; i < n; i++) {
      documents.push({ form, date: plus(start, between(r, -400, 1200)), signer: form === '3-KNĐ' && chance(r, 0.5) ? 'Trần Văn Bình' : null });
    }
  }
  const introducers = Array.from({ length: between(r, 0, 3) }, (_, i) => ({
    name: i === 0 ? 'Trần Văn Bình' : `Lê Văn ${i}`,
    fullMemberSince: chance(r, 0.85) ? plus(start, between(r, -3000, 600)) : null,
    workedTogetherSince: chance(r, 0.85) ? plus(start, between(r, -900, 400)) : null,
    replacement: chance(r, 0.1),
    letterDate: chance(r, 0.6) ? plus(start, between(r, 0, 900)) : null,
  }));
  const mentors = Array.from({ length: between(r, 0, 3) }, () => {
    const from = plus(start, between(r, -30, 1500));
    return { name: 'Phạm Thị Hoa', role: chance(r, 0.5) ? ('pre-admission' as const) : ('probation' as const), from, to: chance(r, 0.4) ? plus(from, between(r, 0, 500)) : null };
  });
  const vote = events.find((e) => e.type === 'CHI_BO_VOTED');
  // Some votes fall in the month of the 18th or 60th birthday.
  const birthDate = vote && chance(r, 0.15) ? toIso(addMonths(toDay(vote.date), -pickOne(r, [216, 720]))) : birth;
  return {
    format: 'ptdv.dossier/1',
    unit: { code: 'CB014', hasYouthUnion: chance(r, 0.8), fullMembers: 12, ducsMembers: 9 },
    candidate: {
      fullName: 'Nguyễn Thị Lan',
      gender: 'nu',
      birthDate,
      education: chance(r, 0.1) ? null : pickOne(r, ['tieu-hoc', 'thcs', 'thpt', 'dai-hoc'] as const),
      educationException: chance(r, 0.08) ? pickOne(r, ['primary', 'literate'] as const) : null,
      youthUnionMember: chance(r, 0.6),
      tradeUnionMember: chance(r, 0.4),
      introductionPath: chance(r, 0.5) ? null : pickOne(r, ['doan', 'cong-doan', 'hai-dang-vien'] as const),
    },
    events,
    documents,
    introducers,
    mentors,
  };
}

function pickOne<T>(r: Rand, values: readonly T[]): T {
  return values[Math.floor(r() * values.length)]!;
}

/** Everything an evaluation says except the day it was asked for and how long that holds. */
function result(e: Evaluation) {
  const { asOf: _asOf, validUntil: _until, ...rest } = e;
  return rest;
}

/** Days after `asOf` to re-evaluate: every day of the first two months, then spread out, always `until` itself. */
function daysToCheck(r: Rand, asOf: number, until: number): number[] {
  const days: number[] = [];
  const last = Math.min(until, asOf + 4000);
  for (let d = asOf + 1; d <= Math.min(last, asOf + 60); d++) {
    days.push(d);
  }
  for (let i = 0; i < 25 && last > asOf + 60; i++) {
    days.push(between(r, asOf + 61, last));
  }
  days.push(last, last - 1);
  return days.filter((d) => d > asOf && d <= until);
}

describe('validUntil: the result holds from asOf through validUntil', () => {
  it('holds day by day on generated dossiers of every stage and finding code, and is often far ahead', () => {
    const r = seededRandom(20261205);
    const codes = new Set<string>();
    const stages = new Set<string>();
    let checks = 0;
    let tight = 0;
    let bounded = 0;
    const spans: number[] = [];
    let broken: object | null = null;
    for (let i = 0; i < 400; i++) {
      const dossier = randomDossier(r, '2026-06-01');
      for (let k = 0; k < 4; k++) {
        const asOf = plus('2026-06-01', between(r, -1500, 400));
        const e = evaluate(dossier, asOf);
        e.findings.forEach((f) => codes.add(f.code));
        stages.add(e.stage);
        const from = toDay(asOf);
        const until = toDay(e.validUntil);
        expect(until).toBeGreaterThanOrEqual(from);
        spans.push(until - from);
        const expected = result(e);
        for (const day of daysToCheck(r, from, until)) {
          const later = evaluate(dossier, toIso(day));
          checks++;
          // The string compare keeps 100,000 comparisons fast; the first mismatch is kept whole to be shown.
          if (broken === null && JSON.stringify(result(later)) !== JSON.stringify(expected)) {
            broken = { dossier, asOf, day: toIso(day), validUntil: e.validUntil, expected, got: result(later) };
          }
        }
        if (e.validUntil < '9999-12-31') {
          bounded++;
          if (JSON.stringify(result(evaluate(dossier, toIso(until + 1)))) !== JSON.stringify(expected)) {
            tight++;
          }
        }
      }
    }
    expect(broken).toBeNull();
    expect([...codes].sort()).toEqual([...FINDING_CODES, ...DUE_CODES].sort());
    expect([...stages].sort()).toEqual([...STAGES].sort());
    expect(checks).toBeGreaterThan(50_000);
    // Not a vacuous promise: most results hold beyond tomorrow, and where a bound is given the result usually does
    // change the day after it (the bound is where something happens, not an arbitrary short horizon).
    spans.sort((a, b) => a - b);
    expect(spans[Math.floor(spans.length / 2)]).toBeGreaterThan(7);
    expect(tight / bounded).toBeGreaterThan(0.3);
  }, 300_000);
});

describe('validUntil per kind of threshold', () => {
  it('a deadline: the reminder holds through the due day, the day after it is overdue', () => {
    // Voted 2 Mar 2026, no decision: DECISION_DUE until its due day.
    const d = votedCandidate();
    const e = evaluate(d, '2026-03-10');
    const due = finding(e, 'DECISION_DUE')!.due!;
    expect(e.validUntil <= due).toBe(true);
    const atDue = evaluate(d, due);
    expect(atDue.validUntil).toBe(due);
    expect(finding(atDue, 'DECISION_DUE')).toBeDefined();
    expect(finding(evaluate(d, plus(due, 1)), 'DECISION_OVERDUE')).toBeDefined();
    // Overdue stays overdue: only the rulebook of 4 Dec 2026 taking effect can change the result, then nothing.
    expect(evaluate(d, plus(due, 1)).validUntil).toBe('2026-12-03');
    expect(evaluate(d, '2026-12-10').validUntil).toBe('9999-12-31');
  });

  it('an age month: before the vote the age is re-judged on the first day of the month it changes', () => {
    // 17 years 11 months in December 2026: below the minimum until 1 Jan 2027 (18 in the birth month).
    const young = edit(votedCandidate(), (c) => {
      c.events = c.events.filter((e) => e.type !== 'CHI_BO_VOTED');
      c.candidate.birthDate = '2009-01-20';
    });
    const e = evaluate(young, '2026-12-10');
    expect(finding(e, 'AGE_BELOW_MIN')!.message).toContain('Trong tháng 12/2026');
    expect(e.validUntil).toBe('2026-12-31');
    expect(finding(evaluate(young, '2027-01-01'), 'AGE_BELOW_MIN')).toBeUndefined();
  });

  it('a future-dated record: the result holds until the day before a document dated later becomes visible', () => {
    const d = edit(votedCandidate(), (c) => setDoc(c, 'TTLL', '2026-04-20'));
    const e = evaluate(d, '2026-04-01');
    expect(e.validUntil <= '2026-04-19').toBe(true);
    expect(evaluate(d, '2026-04-19').validUntil).toBe('2026-04-19');
  });

  it('a future-dated event: the stage holds until the day before the ĐUCS vote dated later, which moves it on', () => {
    const d = edit(votedCandidate(), (c) => c.events.push({ type: 'DUCS_VOTED', date: '2026-03-20', yes: 8, members: 9 }));
    const e = evaluate(d, '2026-03-05');
    expect(e.stage).toBe('chi-bo-de-nghi');
    expect(e.validUntil).toBe('2026-03-19');
    expect(evaluate(d, '2026-03-20').stage).toBe('cap-uy-xet');
  });

  it('a certificate: the expiry warning opens on its first day, and the result holds until then', () => {
    // Certificate of 3 Mar 2025, valid 60 months: the warning opens some months before 3 Mar 2030.
    const d = edit(votedCandidate(), (c) => {
      c.events = c.events.filter((e) => e.type !== 'CHI_BO_VOTED');
      c.documents = [];
    });
    const e = evaluate(d, '2027-01-10');
    expect(finding(e, 'CERTIFICATE_EXPIRING')).toBeUndefined();
    const opens = plus(e.validUntil, 1);
    expect(finding(evaluate(d, opens), 'CERTIFICATE_EXPIRING')?.due).toBe('2030-03-03');
    expect(finding(evaluate(d, e.validUntil), 'CERTIFICATE_EXPIRING')).toBeUndefined();
  });

  it('a mentor assignment ending: NO_PROBATION_MENTOR appears the day after it ends, and its message does not name today', () => {
    const d = edit(probationer(), (c) => {
      c.mentors = c.mentors.map((m) => (m.role === 'probation' ? { ...m, to: '2026-08-31' } : m));
    });
    expect(evaluate(d, '2026-08-01').validUntil <= '2026-08-31').toBe(true);
    const a = evaluate(d, '2026-09-01');
    const b = evaluate(d, '2026-09-20');
    expect(finding(a, 'NO_PROBATION_MENTOR')!.message).toContain('từ ngày 01/09/2026');
    expect(finding(b, 'NO_PROBATION_MENTOR')!.message).toBe(finding(a, 'NO_PROBATION_MENTOR')!.message);
    expect(a.validUntil >= '2026-09-20').toBe(true);
  });
});

describe('calendarSpan: a calendar change outside it cannot change the result', () => {
  it('on generated dossiers, a day off added, removed or swapped more than 31 days from the span changes nothing', () => {
    const r = seededRandom(20261207);
    const seedDays = new Set(VN_CALENDAR_SEED.map((e) => e.date));
    // Each variant changes one day of the shipped calendar, weekends included (a weekend holiday moves a day off).
    const variants = Array.from({ length: 60 }, (_, i) => {
      if (i % 6 === 5) {
        const removed = pickOne(r, VN_CALENDAR_SEED);
        return { day: removed.date, calendar: buildCalendar(VN_CALENDAR_SEED.filter((e) => e !== removed)) };
      }
      let day = plus('2021-01-01', between(r, 0, 2400));
      while (seedDays.has(day)) {
        day = plus(day, 1);
      }
      const kind = i % 6 === 4 ? ('swapped-workday' as const) : ('holiday' as const);
      return { day, calendar: buildCalendar([...VN_CALENDAR_SEED, { date: day, kind, name: 'Ngày thử', source: 'kiểm thử', confirmed: true }]) };
    });
    let outside = 0;
    let insideChanged = 0;
    let broken: object | null = null;
    for (let i = 0; i < 300; i++) {
      const dossier = randomDossier(r, '2026-06-01');
      const asOf = plus('2026-06-01', between(r, -1500, 400));
      const e = evaluate(dossier, asOf);
      const expected = JSON.stringify({ ...e, calendarSpan: null });
      for (let k = 0; k < 8; k++) {
        const { day, calendar } = pickOne(r, variants);
        const changed = JSON.stringify({ ...evaluateDossier(dossier, asOf, { ...ctx, calendar }), calendarSpan: null });
        const near = e.calendarSpan !== null && day >= plus(e.calendarSpan.from, -31) && day <= plus(e.calendarSpan.to, 31);
        if (!near) {
          outside++;
          if (broken === null && changed !== expected) {
            broken = { dossier, asOf, day, span: e.calendarSpan, expected: JSON.parse(expected), got: JSON.parse(changed) };
          }
        } else if (changed !== expected) {
          insideChanged++;
        }
      }
    }
    expect(broken).toBeNull();
    expect(outside).toBeGreaterThan(1000);
    // Not vacuous: changes near the span do move deadlines.
    expect(insideChanged).toBeGreaterThan(20);
  }, 120_000);
});
