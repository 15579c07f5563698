import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../electron/core/model/dossier';
import type { FindingCode } from '../../../electron/core/domain/rules/index';
import { dropEvent, edit, evaluate, finding, setDoc, setEvent, severityOf, votedCandidate } from './builders';

const base = votedCandidate();
const vote = (date: string) => (d: Dossier) => setEvent(d, { type: 'CHI_BO_VOTED', date, yes: 10, eligible: 12 });
const born = (date: string) => (d: Dossier) => {
  d.candidate.birthDate = date;
  d.candidate.introductionPath = 'hai-dang-vien';
};
const both =
  (...changes: ((d: Dossier) => void)[]) =>
  (d: Dossier) =>
    changes.forEach((c) => c(d));
const notVoted = (d: Dossier) => dropEvent(d, 'CHI_BO_VOTED');

type Row = [title: string, change: (d: Dossier) => void, asOf: string, code: FindingCode, severity: string];

const rows: Row[] = [
  ['the clean baseline has no age finding', () => undefined, '2026-03-10', 'AGE_BELOW_MIN', ''],
  ['vote on the last day of the month before the 18th birthday month: below minimum', both(born('2008-05-14'), vote('2026-04-30')), '2026-05-20', 'AGE_BELOW_MIN', 'error'],
  ['vote in the 18th birthday month before the birthday: 216 calendar months, not below minimum', both(born('2008-05-14'), vote('2026-05-13')), '2026-05-20', 'AGE_BELOW_MIN', ''],
  ['vote in the 18th birthday month before the birthday: borderline only', both(born('2008-05-14'), vote('2026-05-13')), '2026-05-20', 'AGE_BORDERLINE', 'warning'],
  ['vote on the 18th birthday: not below minimum', both(born('2008-05-14'), vote('2026-05-14')), '2026-05-20', 'AGE_BELOW_MIN', ''],
  ['vote on the 18th birthday: borderline, to confirm', both(born('2008-05-14'), vote('2026-05-14')), '2026-05-20', 'AGE_BORDERLINE', 'warning'],
  ['vote the month after the 18th birthday: not borderline', both(born('2008-05-14'), vote('2026-06-01')), '2026-06-10', 'AGE_BORDERLINE', ''],
  ['no vote yet and under 18 today: a warning', both(born('2008-05-14'), notVoted), '2026-04-01', 'AGE_BELOW_MIN', 'warning'],
  ['vote in the 60th birthday month: borderline', both(born('1966-05-14'), vote('2026-05-20')), '2026-05-25', 'AGE_BORDERLINE', 'warning'],
  ['vote in the 60th birthday month: not above maximum', both(born('1966-05-14'), vote('2026-05-20')), '2026-05-25', 'AGE_ABOVE_MAX', ''],
  ['vote on the last day of the 60th birthday month: not above maximum', both(born('1966-05-14'), vote('2026-05-29')), '2026-06-20', 'AGE_ABOVE_MAX', ''],
  ['vote on the first day of the month after the 60th birthday month: above maximum', both(born('1966-05-14'), vote('2026-06-01')), '2026-06-20', 'AGE_ABOVE_MAX', 'error'],
  ['vote at 60 years and 1 month: above maximum', both(born('1966-05-14'), vote('2026-06-14')), '2026-06-20', 'AGE_ABOVE_MAX', 'error'],
  ['over 60 with the provincial consent recorded: allowed', both(born('1966-05-14'), vote('2026-06-15'), (d) => setDoc(d, 'DONG-Y-TINH', '2026-06-01')), '2026-06-20', 'AGE_ABOVE_MAX', ''],
  ['no vote yet and over 60 today: a warning', both(born('1960-01-01'), notVoted), '2026-04-01', 'AGE_ABOVE_MAX', 'warning'],

  ['primary school without an exception', (d) => (d.candidate.education = 'tieu-hoc'), '2026-03-10', 'EDUCATION_INSUFFICIENT', 'error'],
  ['lower secondary is enough', (d) => (d.candidate.education = 'thcs'), '2026-03-10', 'EDUCATION_INSUFFICIENT', ''],
  ['primary school with the difficult-area exception recorded', (d) => { d.candidate.education = 'tieu-hoc'; d.candidate.educationException = 'primary'; }, '2026-03-10', 'EDUCATION_INSUFFICIENT', ''],
  ['literate exception without provincial consent', (d) => { d.candidate.education = null; d.candidate.educationException = 'literate'; }, '2026-03-10', 'EDUCATION_INSUFFICIENT', 'error'],
  ['literate exception with provincial consent', (d) => { d.candidate.educationException = 'literate'; setDoc(d, 'DONG-Y-TINH', '2026-01-05'); }, '2026-03-10', 'EDUCATION_INSUFFICIENT', ''],
  ['voted with no education recorded', (d) => (d.candidate.education = null), '2026-03-10', 'EDUCATION_INSUFFICIENT', 'error'],
  ['education not recorded before the vote: judged on the vote', both(notVoted, (d) => (d.candidate.education = null)), '2026-03-10', 'EDUCATION_INSUFFICIENT', ''],

  ['vote with no course certificate', (d) => dropEvent(d, 'COURSE_CERTIFIED'), '2026-03-10', 'CERTIFICATE_MISSING', 'error'],
  ['certificate issued only after the vote does not count', (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2026-03-05' }), '2026-03-10', 'CERTIFICATE_MISSING', 'error'],
  ['dossier in preparation without a certificate', both(notVoted, (d) => dropEvent(d, 'COURSE_CERTIFIED')), '2026-03-10', 'CERTIFICATE_MISSING', 'warning'],
  ['vote exactly 60 months after issue: still valid', (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-03-02' }), '2026-03-10', 'CERTIFICATE_EXPIRED', ''],
  ['vote 60 months and a day after issue: expired', (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-03-01' }), '2026-03-10', 'CERTIFICATE_EXPIRED', 'error'],
  ['not voted, 6 months and a day before expiry: no warning yet', both(notVoted, (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-09-15' })), '2026-03-14', 'CERTIFICATE_EXPIRING', ''],
  ['not voted, 6 months before expiry: expiring', both(notVoted, (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-09-15' })), '2026-03-15', 'CERTIFICATE_EXPIRING', 'warning'],
  ['not voted, the day after expiry: expired, redo the course', both(notVoted, (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-09-15' })), '2026-09-16', 'CERTIFICATE_EXPIRED', 'warning'],

  ['two-member path with one introducer', (d) => (d.candidate.introductionPath = 'hai-dang-vien'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['two-member path with two introducers', (d) => { d.candidate.introductionPath = 'hai-dang-vien'; d.introducers.push({ name: 'Phạm Văn An', fullMemberSince: '2010-01-01', workedTogetherSince: '2020-01-01', letterDate: '2025-12-02' }); setDoc(d, '3-KNĐ', null); }, '2026-03-10', 'INTRODUCERS_INSUFFICIENT', ''],
  ['đoàn path for a candidate aged 31 at the vote', (d) => (d.candidate.birthDate = '1995-01-10'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['đoàn path at 371 calendar months: still youth age', (d) => (d.candidate.birthDate = '1995-04-30'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', ''],
  ['đoàn path at 372 calendar months (31st birthday month, before the day): no longer youth age', (d) => (d.candidate.birthDate = '1995-03-31'), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['đoàn path for a non-member of the Youth Union', (d) => (d.candidate.youthUnionMember = false), '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],
  ['trade-union path in a unit without a Youth Union', (d) => { d.candidate.introductionPath = 'cong-doan'; d.candidate.tradeUnionMember = true; d.unit.hasYouthUnion = false; setDoc(d, '4A-KNĐ', '2025-12-05'); }, '2026-03-10', 'INTRODUCERS_INSUFFICIENT', ''],
  ['trade-union path for a non-member of the trade union', (d) => { d.candidate.introductionPath = 'cong-doan'; d.unit.hasYouthUnion = false; }, '2026-03-10', 'INTRODUCERS_INSUFFICIENT', 'error'],

  ['introducer became a full member after writing the letter', (d) => (d.introducers[0]!.fullMemberSince = '2025-12-02'), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', 'error'],
  ['introducer became a full member on the letter day', (d) => (d.introducers[0]!.fullMemberSince = '2025-12-01'), '2026-03-10', 'INTRODUCER_NOT_FULL_MEMBER', ''],
  ['worked together exactly 12 months at the vote', (d) => (d.introducers[0]!.workedTogetherSince = '2025-03-02'), '2026-03-10', 'INTRODUCER_TOO_SHORT', ''],
  ['worked together 12 months less a day at the vote', (d) => (d.introducers[0]!.workedTogetherSince = '2025-03-03'), '2026-03-10', 'INTRODUCER_TOO_SHORT', 'error'],
  ['a replacement introducer is exempt from the 12 months', (d) => { d.introducers[0]!.workedTogetherSince = '2026-01-03'; d.introducers[0]!.replacement = true; }, '2026-03-10', 'INTRODUCER_TOO_SHORT', ''],

  ['đoàn path without the Youth Union resolution', (d) => setDoc(d, '4-KNĐ', null), '2026-03-10', 'UNION_RESOLUTION_MISSING', 'error'],
  ['trade-union path without the trade-union resolution', (d) => { d.candidate.introductionPath = 'cong-doan'; d.candidate.tradeUnionMember = true; d.unit.hasYouthUnion = false; }, '2026-03-10', 'UNION_RESOLUTION_MISSING', 'error'],
  ['two-member path needs no union resolution', (d) => { d.candidate.introductionPath = 'hai-dang-vien'; setDoc(d, '4-KNĐ', null); }, '2026-03-10', 'UNION_RESOLUTION_MISSING', ''],

  ['vote without the comments summary 5-KNĐ', (d) => setDoc(d, '5-KNĐ', null), '2026-03-10', 'DOCUMENT_MISSING', 'error'],
  ['dossier in preparation without the application: required by the vote, not yet', both(notVoted, (d) => setDoc(d, '1-KNĐ', null)), '2026-03-10', 'DOCUMENT_MISSING', ''],
  ['comments summary exactly 12 months old at the vote', (d) => setDoc(d, '5-KNĐ', '2025-03-02'), '2026-03-10', 'DOCUMENT_STALE', ''],
  ['comments summary 12 months and a day old at the vote', (d) => setDoc(d, '5-KNĐ', '2025-03-01'), '2026-03-10', 'DOCUMENT_STALE', 'warning'],
  ['vote without the background check conclusion', (d) => setDoc(d, 'TTLL', null), '2026-03-10', 'BACKGROUND_CHECK_MISSING', 'error'],
  ['background check certified after the vote', (d) => setDoc(d, 'TTLL', '2026-03-03'), '2026-03-10', 'BACKGROUND_CHECK_MISSING', 'error'],
];

describe('admission findings at and around each boundary', () => {
  it.each(rows)('%s', (_title, change, asOf, code, severity) => {
    expect(severityOf(evaluate(edit(base, change), asOf), code)).toBe(severity);
  });
});

describe('admission finding messages', () => {
  it('names the month from which a too-young candidate may be voted on', () => {
    const e = evaluate(edit(base, both(born('2008-05-14'), vote('2026-04-30'))), '2026-05-20');
    expect(finding(e, 'AGE_BELOW_MIN')?.message).toContain('tháng 5/2026');
  });

  it('gives the expiry as the due date of an expiring certificate', () => {
    const e = evaluate(edit(base, both(notVoted, (d) => setEvent(d, { type: 'COURSE_CERTIFIED', date: '2021-09-15' }))), '2026-04-01');
    const f = finding(e, 'CERTIFICATE_EXPIRING');
    expect(f?.due).toBe('2026-09-15');
    expect(f?.message).toContain('15/09/2026');
    expect(f?.rule).toBe('course-certificate');
    expect(f?.rulebookVersion).toBe('2021-07-30');
  });

  it('lists every missing pre-vote form in one finding', () => {
    const e = evaluate(edit(base, (d) => { setDoc(d, '1-KNĐ', null); setDoc(d, '5-KNĐ', null); }), '2026-03-10');
    expect(finding(e, 'DOCUMENT_MISSING')?.refs).toEqual(['1-KNĐ', '5-KNĐ']);
  });

  it('reports nothing but the open decision deadline for the clean baseline', () => {
    const e = evaluate(base, '2026-03-10');
    expect(e.stage).toBe('chi-bo-de-nghi');
    expect(e.findings.map((f) => `${f.code}:${f.severity}`)).toEqual(['DECISION_DUE:info']);
  });
});
