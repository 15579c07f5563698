import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../electron/core/model/dossier';
import type { FindingCode } from '../../../electron/core/domain/rules/index';
import { dropEvent, edit, evaluate, finding, probationer, setDoc, setEvent, severityOf, votedCandidate } from './builders';

const voted = votedCandidate();
// Voted Mon 5 Jan 2026: 60 working days, skipping Tết 16–20 Feb, end on Mon 6 Apr (without Tết: 30 Mar);
// the 30-day extension, skipping 27 Apr (Giỗ Tổ compensatory), 30 Apr and 1 May, ends on Thu 21 May.
const janVote = (d: Dossier) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-01-05', yes: 10, eligible: 12 });
const decided = (date: string, extensionDays?: number, received?: string) => (d: Dossier) => {
  janVote(d);
  setEvent(d, { type: 'ADMISSION_DECIDED', date, number: '1-QĐ', extensionDays: extensionDays ?? null, received: received ?? null });
};
// Decision signed Mon 6 Apr, received Fri 10 Apr: 30 working days end on Wed 27 May; from the signing day, Thu 21 May.
const ceremonyAfterDecision = (ceremony: string | null, consent = false) => (d: Dossier) => {
  decided('2026-04-06', 0, '2026-04-10')(d);
  if (ceremony) {
    setEvent(d, { type: 'CEREMONY_HELD', date: ceremony, superiorConsent: consent });
  }
};
// Ceremony Wed 27 May 2026: member records and (a year later) the recognition vote both run 30 working days.
const member = probationer('2026-05-27');
const oldMember = probationer('2025-05-27');
const recognitionVote = (date: string, yes = 10, eligible = 12) => (d: Dossier) => {
  setEvent(d, { type: 'NEW_MEMBER_COURSE_DONE', date: '2025-10-10' });
  setEvent(d, { type: 'RECOGNITION_VOTED', date, yes, eligible });
};

type Row = [title: string, base: Dossier, change: (d: Dossier) => void, asOf: string, code: FindingCode, severity: string];

const rows: Row[] = [
  ['chi bộ vote 8 of 12 passes', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 8, eligible: 12 }), '2026-03-10', 'VOTE_BELOW_THRESHOLD', ''],
  ['chi bộ vote 7 of 11 fails', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 7, eligible: 11 }), '2026-03-10', 'VOTE_BELOW_THRESHOLD', 'error'],
  ['more yes votes than full members is rejected', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 13, eligible: 12 }), '2026-03-10', 'VOTE_BELOW_THRESHOLD', 'error'],
  ['ĐUCS vote 6 of 9 passes', voted, (d) => setEvent(d, { type: 'DUCS_VOTED', date: '2026-03-10', yes: 6, members: 9 }), '2026-03-12', 'VOTE_BELOW_THRESHOLD', ''],
  ['ĐUCS vote 5 of 9 fails', voted, (d) => setEvent(d, { type: 'DUCS_VOTED', date: '2026-03-10', yes: 5, members: 9 }), '2026-03-12', 'VOTE_BELOW_THRESHOLD', 'error'],
  ['recognition vote 7 of 11 fails', oldMember, recognitionVote('2026-05-28', 7, 11), '2026-06-01', 'VOTE_BELOW_THRESHOLD', 'error'],

  ['decision deadline day itself (Tết skipped): still due', voted, janVote, '2026-04-06', 'DECISION_DUE', 'info'],
  ['day after the 60 working days, no extension recorded: overdue', voted, janVote, '2026-04-07', 'DECISION_OVERDUE', 'error'],
  ['last day of a recorded 30-day extension: still due', voted, (d) => { janVote(d); d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 30 }); }, '2026-05-21', 'DECISION_DUE', 'info'],
  ['day after a recorded 30-day extension: overdue error', voted, (d) => { janVote(d); d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 30 }); }, '2026-05-22', 'DECISION_OVERDUE', 'error'],
  ['decision signed on the 60th working day', voted, decided('2026-04-06'), '2026-04-10', 'DECISION_OVERDUE', ''],
  ['decision signed on the 61st working day without extension', voted, decided('2026-04-07'), '2026-04-10', 'DECISION_OVERDUE', 'error'],
  ['decision signed on the 61st working day with a recorded extension', voted, decided('2026-04-07', 5), '2026-04-10', 'DECISION_OVERDUE', ''],
  ['a failed vote opens no decision deadline', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-01-05', yes: 7, eligible: 11 }), '2026-06-01', 'DECISION_OVERDUE', ''],

  ['ceremony on the 30th working day after receipt', voted, ceremonyAfterDecision('2026-05-27'), '2026-06-01', 'CEREMONY_OVERDUE', ''],
  ['ceremony on the 31st working day without consent', voted, ceremonyAfterDecision('2026-05-28'), '2026-06-01', 'CEREMONY_OVERDUE', 'error'],
  ['late ceremony with the superior consent recorded', voted, ceremonyAfterDecision('2026-05-28', true), '2026-06-01', 'CEREMONY_OVERDUE', ''],
  ['no ceremony yet on the deadline day', voted, ceremonyAfterDecision(null), '2026-05-27', 'CEREMONY_DUE', 'info'],
  ['no ceremony the day after the deadline', voted, ceremonyAfterDecision(null), '2026-05-28', 'CEREMONY_OVERDUE', 'error'],
  ['unknown receipt date counts from the signing date', voted, (d) => { decided('2026-04-06')(d); setEvent(d, { type: 'CEREMONY_HELD', date: '2026-05-22' }); }, '2026-06-01', 'CEREMONY_OVERDUE', 'error'],

  ['member records missing on their deadline day', member, (d) => { setDoc(d, '1-HSĐV', null); setDoc(d, '2-HSĐV', null); }, '2026-07-08', 'MEMBER_RECORDS_DUE', 'info'],
  ['member records missing the day after', member, (d) => setDoc(d, '2-HSĐV', null), '2026-07-09', 'MEMBER_RECORDS_OVERDUE', 'error'],
  ['member records made one working day late', member, (d) => setDoc(d, '1-HSĐV', '2026-07-09'), '2026-07-10', 'MEMBER_RECORDS_OVERDUE', 'error'],

  ['recognition vote the day before probation ends', oldMember, recognitionVote('2026-05-26'), '2026-06-01', 'RECOGNITION_VOTE_TOO_EARLY', 'error'],
  ['recognition vote on the day probation ends', oldMember, recognitionVote('2026-05-27'), '2026-06-01', 'RECOGNITION_VOTE_TOO_EARLY', ''],
  ['recognition vote on the 30th working day', oldMember, recognitionVote('2026-07-08'), '2026-07-10', 'RECOGNITION_VOTE_OVERDUE', ''],
  ['recognition vote on the 31st working day', oldMember, recognitionVote('2026-07-09'), '2026-07-10', 'RECOGNITION_VOTE_OVERDUE', 'error'],
  ['no recognition vote on the 30th working day', oldMember, () => undefined, '2026-07-08', 'RECOGNITION_VOTE_DUE', 'info'],
  ['no recognition vote the day after', oldMember, () => undefined, '2026-07-09', 'RECOGNITION_VOTE_OVERDUE', 'error'],

  ['recognition vote without the new-member course', oldMember, (d) => { recognitionVote('2026-05-28')(d); dropEvent(d, 'NEW_MEMBER_COURSE_DONE'); }, '2026-06-01', 'NEW_MEMBER_COURSE_MISSING', 'error'],
  ['new-member course done after the recognition vote', oldMember, (d) => { recognitionVote('2026-05-28')(d); setEvent(d, { type: 'NEW_MEMBER_COURSE_DONE', date: '2026-05-29' }); }, '2026-06-01', 'NEW_MEMBER_COURSE_MISSING', 'error'],
  ['no course early in probation: a reminder', member, () => undefined, '2026-08-01', 'NEW_MEMBER_COURSE_DUE', 'info'],
  ['no course 90 days before probation ends: still a reminder, not missing', member, () => undefined, '2027-02-26', 'NEW_MEMBER_COURSE_DUE', 'info'],
  ['no course and no vote yet: nothing is missing before the vote', member, () => undefined, '2027-02-26', 'NEW_MEMBER_COURSE_MISSING', ''],
  // RULES.md §3 names the papers DOCUMENT_MISSING covers: those before the admission vote and the member records.
  ['recognition vote without the 10/11/12-KNĐ: no finding, the checklist lists them', oldMember, recognitionVote('2026-05-28'), '2026-06-01', 'DOCUMENT_MISSING', ''],

  ['listed candidate with an active mentor', voted, () => undefined, '2026-03-10', 'NO_MENTOR', ''],
  ['listed candidate without a mentor', voted, (d) => (d.mentors = []), '2026-03-10', 'NO_MENTOR', 'error'],
  ['mentor assignment ended before today', voted, (d) => (d.mentors[0]!.to = '2026-03-09'), '2026-03-10', 'NO_MENTOR', 'error'],
  ['mentor assignment ending today still counts', voted, (d) => (d.mentors[0]!.to = '2026-03-10'), '2026-03-10', 'NO_MENTOR', ''],
  ['source candidate not yet listed needs no mentor', voted, (d) => { d.events = [{ type: 'SOURCE_PROPOSED', date: '2026-01-05', by: 'doan' }]; d.mentors = []; }, '2026-03-10', 'NO_MENTOR', ''],
  ['probationary member without a probation mentor', member, (d) => (d.mentors = d.mentors.filter((m) => m.role !== 'probation')), '2026-06-01', 'NO_PROBATION_MENTOR', 'error'],
  ['probationary member with a probation mentor', member, () => undefined, '2026-06-01', 'NO_PROBATION_MENTOR', ''],

  ['ceremony dated before the decision', member, (d) => setEvent(d, { type: 'CEREMONY_HELD', date: '2026-04-01' }), '2026-06-01', 'EVENT_ORDER_INVALID', 'error'],
  ['ceremony with no admission decision', member, (d) => dropEvent(d, 'ADMISSION_DECIDED'), '2026-06-01', 'EVENT_ORDER_INVALID', 'error'],
  ['decision received before it was signed', member, (d) => setEvent(d, { type: 'ADMISSION_DECIDED', date: '2026-04-06', received: '2026-04-03' }), '2026-06-01', 'EVENT_ORDER_INVALID', 'error'],
  ['events in order', member, () => undefined, '2026-06-01', 'EVENT_ORDER_INVALID', ''],
];

describe('process findings at and around each boundary', () => {
  it.each(rows)('%s', (_title, base, change, asOf, code, severity) => {
    expect(severityOf(evaluate(edit(base, change), asOf), code)).toBe(severity);
  });
});

describe('a vote with no full member recorded', () => {
  it('is an error that asks to check the figures, not a threshold of 0 missed', () => {
    const e = evaluate(edit(voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 0, eligible: 0 })), '2026-03-10');
    expect(finding(e, 'VOTE_BELOW_THRESHOLD')).toMatchObject({ severity: 'error', message: expect.stringContaining('tổng số đảng viên chính thức của chi bộ ghi là 0') });
    expect(finding(e, 'VOTE_BELOW_THRESHOLD')?.message).not.toContain('cần ít nhất 0');
  });
});

describe('a recognition vote recorded with no ceremony', () => {
  it('is an order error, and runs no recognition decision deadline beside the admission one', () => {
    const e = evaluate(edit(voted, (d) => setEvent(d, { type: 'RECOGNITION_VOTED', date: '2026-03-20', yes: 10, eligible: 12 })), '2026-06-30');
    expect(severityOf(e, 'EVENT_ORDER_INVALID')).toBe('error');
    expect(e.findings.filter((f) => f.message.includes('16-KNĐ'))).toEqual([]);
    expect(e.findings.filter((f) => f.code === 'DECISION_OVERDUE')).toHaveLength(1);
  });
});

describe('deadlines and key dates', () => {
  it('lists the open decision deadline with its due date, Tết skipped', () => {
    const e = evaluate(edit(voted, janVote), '2026-03-01');
    expect(e.deadlines).toEqual([expect.objectContaining({ kind: 'admission-decision', due: '2026-04-06', overdue: false })]);
    expect(finding(e, 'DECISION_DUE')?.due).toBe('2026-04-06');
  });

  it('ends a probation that began on 29 February 2024 on 28 February 2025', () => {
    const d = probationer('2024-02-29');
    const e = evaluate(d, '2025-01-10');
    expect(e.keyDates.probationEnd).toBe('2025-02-28');
    expect(e.deadlines.find((x) => x.kind === 'recognition-vote')?.from).toBe('2025-02-28');
    const early = evaluate(edit(d, (x) => setEvent(x, { type: 'RECOGNITION_VOTED', date: '2025-02-27', yes: 9, eligible: 12 })), '2025-03-01');
    expect(severityOf(early, 'RECOGNITION_VOTE_TOO_EARLY')).toBe('error');
  });

  it('dates a late recognition from the probation end, not from the late vote or decision', () => {
    const d = edit(oldMember, (x) => {
      recognitionVote('2026-08-03')(x);
      setEvent(x, { type: 'RECOGNITION_DECIDED', date: '2026-08-20', number: '9-QĐ' });
    });
    const e = evaluate(d, '2026-09-01');
    expect(e.stage).toBe('chinh-thuc');
    expect(e.keyDates.fullMemberSince).toBe('2026-05-27');
    expect(e.keyDates.partyAgeFrom).toBe('2026-04-06');
    expect(e.keyDates.joinedParty).toBe('2025-05-27');
    expect(finding(e, 'RECOGNITION_VOTE_OVERDUE')?.message).toContain('27/05/2026');
  });

  it('ignores events dated after the as-of day', () => {
    const e = evaluate(member, '2026-03-10');
    expect(e.stage).toBe('chi-bo-de-nghi');
  });

  it('checks only event order for a withdrawn candidate', () => {
    const d = edit(voted, (x) => {
      x.mentors = [];
      x.events.push({ type: 'WITHDRAWN', date: '2026-03-05' });
    });
    const e = evaluate(d, '2026-06-01');
    expect(e.stage).toBe('dung');
    expect(e.findings).toEqual([]);
  });
});
