import type { FindingCode } from '../../../electron/core/domain/rules/index';
import type { Dossier } from '../../../electron/core/model/dossier';
import { dropEvent, probationer, setDoc, setEvent, votedCandidate } from './builders';

/**
 * docs/rules.md as revised: every finding code with its stated severity, at and around each boundary. Each row
 * changes one thing in a baseline and names the severity expected for one code ('' = the code is absent). Also what
 * the stored-findings fingerprint evaluates (stored-findings-reset.test.ts).
 */

export const voted = votedCandidate();
export const both =
  (...changes: ((d: Dossier) => void)[]) =>
  (d: Dossier) =>
    changes.forEach((c) => c(d));
export const vote = (date: string) => (d: Dossier) => setEvent(d, { type: 'CHI_BO_VOTED', date, yes: 10, eligible: 12 });
export const born = (date: string) => (d: Dossier) => {
  d.candidate.birthDate = date;
  d.candidate.introductionPath = 'hai-dang-vien';
  d.introducers.push({ name: 'Phạm Văn An', fullMemberSince: '2010-01-01', workedTogetherSince: '2020-01-01', letterDate: '2025-12-02' });
};
export const notVoted = (d: Dossier) => dropEvent(d, 'CHI_BO_VOTED');
export const secondIntroducer = (fullMemberSince: string) => (d: Dossier) => {
  d.candidate.introductionPath = 'hai-dang-vien';
  d.introducers.push({ name: 'Phạm Văn An', fullMemberSince, workedTogetherSince: '2020-01-01' });
  d.introducers[0]!.letterDate = null;
  d.documents = d.documents.filter((x) => x.form !== '3-KNĐ');
  d.documents.push({ form: '3-KNĐ', date: '2025-12-01', signer: 'Trần Văn Bình' }, { form: '3-KNĐ', date: '2025-12-20', signer: 'Phạm Văn An' });
};
export const tradeUnionPath = (hasYouthUnion: boolean) => (d: Dossier) => {
  d.candidate.introductionPath = 'cong-doan';
  d.candidate.tradeUnionMember = true;
  d.unit.hasYouthUnion = hasYouthUnion;
  setDoc(d, '4-KNĐ', null);
  setDoc(d, '4A-KNĐ', '2025-12-05');
};

// Voted Mon 5 Jan 2026: the 60th working day (Tết 16–20 Feb skipped) is Mon 6 Apr; with 30 more, Thu 21 May.
export const janVote = (d: Dossier) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-01-05', yes: 10, eligible: 12 });
export const extended = (workingDays: number) => (d: Dossier) => {
  janVote(d);
  d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays });
};
export const decided = (date: string) => (d: Dossier) => setEvent(d, { type: 'ADMISSION_DECIDED', date, number: '1-QĐ', received: null });
// Decision signed Mon 6 Apr, received Fri 10 Apr: the 30th working day after receipt is Wed 27 May.
export const admitted = (d: Dossier) => {
  janVote(d);
  setEvent(d, { type: 'ADMISSION_DECIDED', date: '2026-04-06', number: '1-QĐ', received: '2026-04-10' });
};
export const ceremony = (date: string, consent: string | null = null) => (d: Dossier) => {
  admitted(d);
  setEvent(d, { type: 'CEREMONY_HELD', date });
  if (consent) {
    d.documents.push({ form: 'DONG-Y-CAP-TREN', date: consent });
  }
};
// Ceremony Wed 27 May 2026 (records due Wed 8 Jul 2026); a year earlier for the recognition cases: probation ends
// Wed 27 May 2026 and the 30th working day after it is Wed 8 Jul 2026.
export const member = probationer('2026-05-27');
export const oldMember = probationer('2025-05-27');
export const recognitionVote = (date: string) => (d: Dossier) => {
  setEvent(d, { type: 'NEW_MEMBER_COURSE_DONE', date: '2025-10-10' });
  setEvent(d, { type: 'RECOGNITION_VOTED', date, yes: 10, eligible: 12 });
  for (const form of ['10-KNĐ', '11-KNĐ', '12-KNĐ'] as const) {
    setDoc(d, form, '2026-05-20');
  }
};

export type Row = [title: string, base: Dossier, change: (d: Dossier) => void, asOf: string, code: FindingCode, severity: string];

export const rows: Row[] = [
  // age: calendar months, the day of the month does not count
  ['18th birthday month minus one: below minimum', voted, both(born('2008-05-31'), vote('2026-04-30')), '2026-05-05', 'AGE_BELOW_MIN', 'error'],
  ['first day of the 18th birthday month, before the birthday: not below minimum', voted, both(born('2008-05-31'), vote('2026-05-01')), '2026-05-05', 'AGE_BELOW_MIN', ''],
  ['first day of the 18th birthday month: borderline warning', voted, both(born('2008-05-31'), vote('2026-05-01')), '2026-05-05', 'AGE_BORDERLINE', 'warning'],
  ['last day of the 18th birthday month: borderline warning', voted, both(born('2008-05-01'), vote('2026-05-29')), '2026-06-05', 'AGE_BORDERLINE', 'warning'],
  ['month after the 18th birthday month: no age finding', voted, both(born('2008-05-31'), vote('2026-06-01')), '2026-06-05', 'AGE_BORDERLINE', ''],
  ['60th birthday month minus one: no age finding', voted, both(born('1966-05-01'), vote('2026-04-30')), '2026-05-05', 'AGE_BORDERLINE', ''],
  ['first day of the 60th birthday month: borderline warning', voted, both(born('1966-05-31'), vote('2026-05-01')), '2026-05-05', 'AGE_BORDERLINE', 'warning'],
  ['last day of the 60th birthday month, after the birthday: not above maximum', voted, both(born('1966-05-01'), vote('2026-05-29')), '2026-06-05', 'AGE_ABOVE_MAX', ''],
  ['month after the 60th birthday month: above maximum', voted, both(born('1966-05-31'), vote('2026-06-01')), '2026-06-05', 'AGE_ABOVE_MAX', 'error'],
  ['over 60 with a DONG-Y-TINH consent dated after the vote', voted, both(born('1966-05-31'), vote('2026-06-01'), (d) => setDoc(d, 'DONG-Y-TINH', '2026-06-02')), '2026-06-05', 'AGE_ABOVE_MAX', 'error'],
  ['over 60 with a DONG-Y-TINH consent: allowed', voted, both(born('1966-05-31'), vote('2026-06-01'), (d) => setDoc(d, 'DONG-Y-TINH', '2026-05-20')), '2026-06-05', 'AGE_ABOVE_MAX', ''],
  ['no vote yet, under 18 today: a warning', voted, both(born('2008-12-01'), notVoted), '2026-06-05', 'AGE_BELOW_MIN', 'warning'],
  ['no vote yet, over 60 today: a warning', voted, both(born('1965-01-01'), notVoted), '2026-06-05', 'AGE_ABOVE_MAX', 'warning'],

  ['literate exception with the consent dated after the vote', voted, (d) => { d.candidate.educationException = 'literate'; setDoc(d, 'DONG-Y-TINH', '2026-03-03'); }, '2026-03-10', 'EDUCATION_INSUFFICIENT', 'error'],
  ['literate exception with the consent dated on the vote day', voted, (d) => { d.candidate.educationException = 'literate'; setDoc(d, 'DONG-Y-TINH', '2026-03-02'); }, '2026-03-10', 'EDUCATION_INSUFFICIENT', ''],
  ['primary education without an exception', voted, (d) => (d.candidate.education = 'tieu-hoc'), '2026-03-10', 'EDUCATION_INSUFFICIENT', 'error'],

  // course certificate: valid through issue + 60 months (same day, or the month's last day)
  ['certificate missing at the vote', voted, (d) => dropEvent(d, 'COURSE_CERTIFIED'), '2026-03-10', 'CERTIFICATE_MISSING', 'error'],
  ['certificate of 29 Feb 2020 on 28 Feb 2025: still valid', voted, both(vote('2025-02-28'), (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2020-02-29' })), '2025-03-05', 'CERTIFICATE_EXPIRED', ''],
  ['certificate of 29 Feb 2020 on 1 Mar 2025: expired', voted, both(vote('2025-03-03'), (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2020-02-29' })), '2025-03-05', 'CERTIFICATE_EXPIRED', 'error'],
  ['no vote, certificate expiring in exactly 6 months: warning', voted, both(notVoted, (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-09-15' })), '2026-03-15', 'CERTIFICATE_EXPIRING', 'warning'],
  ['no vote, certificate expiring in 6 months and a day: nothing', voted, both(notVoted, (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-09-15' })), '2026-03-14', 'CERTIFICATE_EXPIRING', ''],

  // introducers and the path
  ['two introducers on the two-member path', voted, secondIntroducer('2010-01-01'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', ''],
  [
    'the same introducer listed twice on the two-member path: one person',
    voted,
    (d) => {
      secondIntroducer('2010-01-01')(d);
      d.introducers[1] = { ...d.introducers[0]!, name: ' trần  văn bình ' };
    },
    '2026-03-10',
    'INTRODUCERS_INSUFFICIENT',
    'error',
  ],
  ['trade-union path in a unit with a Youth Union: refused', voted, tradeUnionPath(true), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['trade-union path refused even with two introducers', voted, both(secondIntroducer('2010-01-01'), tradeUnionPath(true)), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['trade-union path in a unit without a Youth Union: accepted', voted, tradeUnionPath(false), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', ''],
  ['Youth Union path at 371 calendar months', voted, (d) => (d.candidate.birthDate = '1995-04-01'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', ''],
  ['Youth Union path at 372 calendar months', voted, (d) => (d.candidate.birthDate = '1995-03-31'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['two-member path with one introducer', voted, (d) => (d.candidate.introductionPath = 'hai-dang-vien'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],

  // each introducer against their own letter
  ['second introducer full member after their letter but before the vote', voted, secondIntroducer('2026-01-10'), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', 'error'],
  ['second introducer full member on their letter day', voted, secondIntroducer('2025-12-20'), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', ''],
  ['second introducer full member after the first letter but before their own', voted, secondIntroducer('2025-12-10'), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', ''],
  ['one introducer: the only 3-KNĐ is theirs, though another name signed it', voted, (d) => { d.introducers[0]!.letterDate = null; d.introducers[0]!.fullMemberSince = '2026-01-10'; d.documents.find((x) => x.form === '3-KNĐ')!.signer = 'Nguyễn Văn Khác'; }, '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', 'error'],
  ['a letter is its signer\'s only: Lê Thị Hạ cannot borrow Lê Thị Hà\'s later one', voted, both(secondIntroducer('2026-01-10'), (d) => { d.introducers[1]!.name = 'Lê Thị Hạ'; d.documents.find((x) => x.signer === 'Phạm Văn An')!.signer = 'Lê Thị Hạ'; d.documents.find((x) => x.signer === 'Trần Văn Bình')!.date = '2026-02-01'; d.introducers[0]!.name = 'Lê Thị Hà'; d.documents.find((x) => x.signer === 'Trần Văn Bình')!.signer = 'lê  thị hà'; }), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', 'error'],
  ['an unsigned letter of the second introducer is judged on its own day', voted, both(secondIntroducer('2026-01-10'), (d) => delete d.documents.find((x) => x.signer === 'Phạm Văn An')!.signer), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', 'error'],
  ['an unsigned letter of the second introducer, a full member on its day', voted, both(secondIntroducer('2025-12-20'), (d) => delete d.documents.find((x) => x.signer === 'Phạm Văn An')!.signer), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', ''],
  ['one introducer: the only 3-KNĐ is theirs, though unsigned', voted, (d) => { d.introducers[0]!.letterDate = null; d.introducers[0]!.fullMemberSince = '2026-01-10'; }, '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', 'error'],
  ['worked together 12 months on the vote day', voted, (d) => (d.introducers[0]!.workedTogetherSince = '2025-03-02'), '2026-03-10', 'INTRODUCER_TOO_SHORT', ''],
  ['worked together 12 months less a day on the vote day', voted, (d) => (d.introducers[0]!.workedTogetherSince = '2025-03-03'), '2026-03-10', 'INTRODUCER_TOO_SHORT', 'error'],
  ['a replacement introducer is exempt from the 12 months', voted, (d) => { d.introducers[0]!.workedTogetherSince = '2026-01-03'; d.introducers[0]!.replacement = true; }, '2026-03-10', 'INTRODUCER_TOO_SHORT', ''],

  ['Youth Union path without 4-KNĐ', voted, (d) => setDoc(d, '4-KNĐ', null), '2026-03-10', 'UNION_RESOLUTION_MISSING', 'error'],

  // documents by the vote
  ['vote without 2-KNĐ', voted, (d) => setDoc(d, '2-KNĐ', null), '2026-03-10', 'DOCUMENT_MISSING', 'error'],
  ['vote without the second introducer\'s letter', voted, both(secondIntroducer('2010-01-01'), (d) => (d.documents = d.documents.filter((x) => x.signer !== 'Phạm Văn An'))), '2026-03-10', 'DOCUMENT_MISSING', 'error'],
  ['two letters signed by one introducer leave the other without one', voted, both(secondIntroducer('2010-01-01'), (d) => (d.documents.find((x) => x.signer === 'Phạm Văn An')!.signer = 'Trần Văn Bình')), '2026-03-10', 'DOCUMENT_MISSING', 'error'],
  ['a letter filed without a signer stands for the introducer not matched otherwise', voted, both(secondIntroducer('2010-01-01'), (d) => delete d.documents.find((x) => x.signer === 'Phạm Văn An')!.signer), '2026-03-10', 'DOCUMENT_MISSING', ''],
  ['missing forms before the vote are not yet missing', voted, both(notVoted, (d) => setDoc(d, '2-KNĐ', null)), '2026-03-10', 'DOCUMENT_MISSING', ''],
  ['TTLL dated on the vote day', voted, (d) => setDoc(d, 'TTLL', '2026-03-02'), '2026-03-10', 'BACKGROUND_CHECK_MISSING', ''],
  ['TTLL dated the day after the vote', voted, (d) => setDoc(d, 'TTLL', '2026-03-03'), '2026-03-10', 'BACKGROUND_CHECK_MISSING', 'error'],
  ['3-KNĐ dated exactly 12 months before the vote: fresh', voted, (d) => { setDoc(d, '3-KNĐ', '2025-03-02'); d.introducers[0]!.letterDate = '2025-03-02'; }, '2026-03-10', 'DOCUMENT_STALE', ''],
  ['3-KNĐ dated 12 months and a day before the vote: stale', voted, (d) => { setDoc(d, '3-KNĐ', '2025-03-01'); d.introducers[0]!.letterDate = '2025-03-01'; }, '2026-03-10', 'DOCUMENT_STALE', 'warning'],

  ['chi bộ 8 of 12 passes', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 8, eligible: 12 }), '2026-03-10', 'VOTE_BELOW_THRESHOLD', ''],
  ['chi bộ 7 of 11 fails', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 7, eligible: 11 }), '2026-03-10', 'VOTE_BELOW_THRESHOLD', 'error'],
  ['small cell 2 of 2 passes, with no warning', voted, (d) => setEvent(d, { type: 'CHI_BO_VOTED', date: '2026-03-02', yes: 2, eligible: 2 }), '2026-03-10', 'VOTE_BELOW_THRESHOLD', ''],

  // admission decision: 60 working days, + a recorded extension of up to 30
  ['decision open on the 60th working day: reminder', voted, janVote, '2026-04-06', 'DECISION_DUE', 'info'],
  ['decision open the day after, no extension: error', voted, janVote, '2026-04-07', 'DECISION_OVERDUE', 'error'],
  ['decision open the day after, 30-day extension recorded: still due', voted, extended(30), '2026-04-07', 'DECISION_DUE', 'info'],
  ['decision open on the last extended day: no error', voted, extended(30), '2026-05-21', 'DECISION_OVERDUE', ''],
  ['decision open the day after the extension: error', voted, extended(30), '2026-05-22', 'DECISION_OVERDUE', 'error'],
  ['decision signed on the 61st working day: error', voted, both(janVote, decided('2026-04-07')), '2026-04-10', 'DECISION_OVERDUE', 'error'],
  ['decision signed on the 61st working day after a 1-day extension', voted, both(extended(1), decided('2026-04-07')), '2026-04-10', 'DECISION_OVERDUE', ''],
  ['decision signed on the 62nd working day after a 1-day extension', voted, both(extended(1), decided('2026-04-08')), '2026-04-10', 'DECISION_OVERDUE', 'error'],

  // ceremony: 30 working days after receipt; later only with DONG-Y-CAP-TREN dated before it
  ['ceremony on the 30th working day', voted, ceremony('2026-05-27'), '2026-06-01', 'CEREMONY_OVERDUE', ''],
  ['ceremony on the 31st working day without consent', voted, ceremony('2026-05-28'), '2026-06-01', 'CEREMONY_OVERDUE', 'error'],
  ['late ceremony with the superior consent dated before it', voted, ceremony('2026-06-15', '2026-06-01'), '2026-06-20', 'CEREMONY_OVERDUE', ''],
  ['late ceremony with the consent dated the same day', voted, ceremony('2026-06-15', '2026-06-15'), '2026-06-20', 'CEREMONY_OVERDUE', 'error'],
  ['late ceremony with the consent dated after it', voted, ceremony('2026-06-15', '2026-06-16'), '2026-06-20', 'CEREMONY_OVERDUE', 'error'],
  ['no ceremony yet on the 30th working day: reminder', voted, admitted, '2026-05-27', 'CEREMONY_DUE', 'info'],
  ['no ceremony the day after: error', voted, admitted, '2026-05-28', 'CEREMONY_OVERDUE', 'error'],
  ['no ceremony past the deadline, consent recorded: no error', voted, (d) => { admitted(d); d.documents.push({ form: 'DONG-Y-CAP-TREN', date: '2026-05-25' }); }, '2026-06-10', 'CEREMONY_OVERDUE', ''],

  ['member records missing on the 30th working day: reminder', member, (d) => setDoc(d, '2-HSĐV', null), '2026-07-08', 'MEMBER_RECORDS_DUE', 'info'],
  ['member records missing the day after: error', member, (d) => setDoc(d, '2-HSĐV', null), '2026-07-09', 'MEMBER_RECORDS_OVERDUE', 'error'],
  ['member records made on the 31st working day: error', member, (d) => setDoc(d, '2-HSĐV', '2026-07-09'), '2026-07-20', 'MEMBER_RECORDS_OVERDUE', 'error'],
  ['member records made on the 30th working day', member, (d) => setDoc(d, '2-HSĐV', '2026-07-08'), '2026-07-20', 'MEMBER_RECORDS_OVERDUE', ''],
  ['1- and 2-HSĐV are not DOCUMENT_MISSING', member, (d) => { setDoc(d, '1-HSĐV', null); setDoc(d, '2-HSĐV', null); }, '2026-07-20', 'DOCUMENT_MISSING', ''],

  // recognition
  ['recognition vote the day before probation ends', oldMember, recognitionVote('2026-05-26'), '2026-06-01', 'RECOGNITION_VOTE_TOO_EARLY', 'error'],
  ['recognition vote on the probation end', oldMember, recognitionVote('2026-05-27'), '2026-06-01', 'RECOGNITION_VOTE_TOO_EARLY', ''],
  ['no decision is asked for on a recognition vote held too early', oldMember, recognitionVote('2026-05-26'), '2026-06-01', 'DECISION_DUE', ''],
  ['a recognition decision is asked for after a vote on the probation end', oldMember, recognitionVote('2026-05-27'), '2026-06-01', 'DECISION_DUE', 'info'],
  ['recognition vote on the 30th working day', oldMember, recognitionVote('2026-07-08'), '2026-07-10', 'RECOGNITION_VOTE_OVERDUE', ''],
  ['recognition vote on the 31st working day: error', oldMember, recognitionVote('2026-07-09'), '2026-07-10', 'RECOGNITION_VOTE_OVERDUE', 'error'],
  ['no recognition vote on the 30th working day: reminder', oldMember, () => undefined, '2026-07-08', 'RECOGNITION_VOTE_DUE', 'info'],
  ['no recognition vote the day after: error', oldMember, () => undefined, '2026-07-09', 'RECOGNITION_VOTE_OVERDUE', 'error'],
  ['recognition vote held without the new-member course', oldMember, both(recognitionVote('2026-05-28'), (d) => dropEvent(d, 'NEW_MEMBER_COURSE_DONE')), '2026-06-01', 'NEW_MEMBER_COURSE_MISSING', 'error'],
  ['recognition vote without the 10/11/12-KNĐ: no finding', oldMember, both(recognitionVote('2026-05-28'), (d) => (d.documents = d.documents.filter((x) => !['10-KNĐ', '11-KNĐ', '12-KNĐ'].includes(x.form)))), '2026-06-01', 'DOCUMENT_MISSING', ''],
  ['course done on the recognition vote day', oldMember, both(recognitionVote('2026-05-28'), (d) => setEvent(d, { type: 'NEW_MEMBER_COURSE_DONE', date: '2026-05-28' })), '2026-06-01', 'NEW_MEMBER_COURSE_MISSING', ''],
  ['probationary member without the course, before the vote: reminder', member, () => undefined, '2026-09-01', 'NEW_MEMBER_COURSE_DUE', 'info'],
  ['probationary member without the course, the vote\'s last day passed: no reminder left', oldMember, () => undefined, '2026-09-01', 'NEW_MEMBER_COURSE_DUE', ''],
  ['recognition decision open 30 working days after the vote: reminder', oldMember, recognitionVote('2026-05-28'), '2026-07-09', 'DECISION_DUE', 'info'],
  ['recognition decision open 31 working days after the vote: error', oldMember, recognitionVote('2026-05-28'), '2026-07-10', 'DECISION_OVERDUE', 'error'],

  // mentors: from LISTED until the ceremony, then a probation mentor
  ['decision signed, no ceremony yet, no mentor: error', voted, both(admitted, (d) => (d.mentors = [])), '2026-04-20', 'NO_MENTOR', 'error'],
  ['after the ceremony the pre-admission mentor is no longer required', member, (d) => (d.mentors = d.mentors.filter((m) => m.role === 'probation')), '2026-06-01', 'NO_MENTOR', ''],
  ['listed the same day as today, no mentor: error', voted, (d) => { d.events = [{ type: 'LISTED', date: '2026-03-10' }]; d.mentors = []; }, '2026-03-10', 'NO_MENTOR', 'error'],
  ['probationary member with no probation mentor', member, (d) => (d.mentors = d.mentors.filter((m) => m.role !== 'probation')), '2026-06-01', 'NO_PROBATION_MENTOR', 'error'],

  ['extension recorded with no chi bộ vote', voted, (d) => { dropEvent(d, 'CHI_BO_VOTED'); d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 10 }); }, '2026-03-25', 'EVENT_ORDER_INVALID', 'error'],
  ['ceremony dated before the decision', member, (d) => setEvent(d, { type: 'CEREMONY_HELD', date: '2026-04-01' }), '2026-06-01', 'EVENT_ORDER_INVALID', 'error'],
  ['admission decision recorded twice', member, (d) => d.events.push({ type: 'ADMISSION_DECIDED', date: '2026-04-08', number: '124-QĐ/ĐU', received: '2026-04-10' }), '2026-06-10', 'EVENT_ORDER_INVALID', 'error'],
  ['a second chi bộ vote after the decision: each step judged on its first date', member, (d) => d.events.push({ type: 'CHI_BO_VOTED', date: '2026-04-20', yes: 11, eligible: 12 }), '2026-06-10', 'EVENT_ORDER_INVALID', ''],
];
