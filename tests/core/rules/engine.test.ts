import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  buildTodo,
  computeChecklist,
  deriveStage,
  DEFAULT_RULEBOOKS,
  evaluateDossier,
  FINDING_CODES,
  loadRulebook,
  RULE_IDS,
  ruleInForce,
  SHIPPED_RULEBOOK,
  voteOutcome,
  type Rulebook,
} from '../../../electron/core/domain/rules/index';
import { AppError } from '../../../electron/core/errors';
import type { CandidateEvent } from '../../../electron/core/model/dossier';
import { ctx, edit, evaluate, probationer, setDoc, votedCandidate } from './builders';

describe('stage derivation', () => {
  const ev = (type: CandidateEvent['type'], date: string) => ({ type, date });

  it.each([
    [[], 'nguon'],
    [[ev('SOURCE_PROPOSED', '2025-01-01'), ev('LISTED', '2025-02-01')], 'cam-tinh'],
    [[ev('LISTED', '2025-02-01'), ev('COURSE_CERTIFIED', '2025-03-01'), ev('DOSSIER_STARTED', '2025-04-01')], 'lam-ho-so'],
    [[ev('CHI_BO_VOTED', '2026-01-01'), ev('DUCS_VOTED', '2026-01-10')], 'cap-uy-xet'],
    [[ev('ADMISSION_DECIDED', '2026-02-01')], 'co-quyet-dinh'],
    [[ev('CEREMONY_HELD', '2026-03-01'), ev('RECOGNITION_VOTED', '2027-03-02')], 'du-bi'],
    [[ev('CEREMONY_HELD', '2026-03-01'), ev('RECOGNITION_DECIDED', '2027-03-20')], 'chinh-thuc'],
    [[ev('CEREMONY_HELD', '2026-03-01'), ev('STRUCK_OFF', '2027-03-20')], 'xoa-ten'],
    [[ev('LISTED', '2025-02-01'), ev('TRANSFERRED_OUT', '2025-06-01')], 'chuyen-di'],
    [[ev('LISTED', '2025-02-01'), ev('WITHDRAWN', '2025-06-01'), ev('LISTED', '2026-01-05')], 'cam-tinh'],
    [[ev('COURSE_CERTIFIED', '2025-03-01'), ev('LISTED', '2025-02-01')], 'da-hoc-lop'],
    // Events that enter no stage (docs/rules.md §2) leave the candidate where the others put them, even out of order.
    [[ev('CHI_BO_VOTED', '2025-12-01'), ev('DUCS_VOTED', '2025-12-15'), ev('NEW_MEMBER_COURSE_DONE', '2026-01-05')], 'cap-uy-xet'],
    [[ev('ADMISSION_DECIDED', '2026-02-01'), ev('RECOGNITION_VOTED', '2026-02-10'), ev('DUCS_RECOGNITION_VOTED', '2026-02-20')], 'co-quyet-dinh'],
    [[ev('DOSSIER_STARTED', '2025-04-01'), ev('DECISION_EXTENDED', '2025-06-01')], 'lam-ho-so'],
    [[ev('LISTED', '2025-02-01'), ev('WITHDRAWN', '2025-06-01'), ev('NEW_MEMBER_COURSE_DONE', '2025-07-01')], 'dung'],
  ] as const)('%j → %s', (events, stage) => {
    expect(deriveStage(events)).toBe(stage);
  });
});

describe('rulebook', () => {
  it('ships every rule of docs/rules.md with a source', () => {
    const ids = new Set(SHIPPED_RULEBOOK.rules.map((r) => r.id));
    for (const id of ['age', 'education', 'course-certificate', 'introducers', 'introducer-eligible', 'document-freshness', 'background-check', 'vote-chi-bo', 'vote-ducs', 'decision-deadline', 'ceremony-deadline', 'probation', 'recognition-vote', 'member-records', 'mentor']) {
      expect(ids.has(id as never)).toBe(true);
    }
    expect(ids.size).toBe(RULE_IDS.length);
    expect(SHIPPED_RULEBOOK.rules.every((r) => r.source.length > 10)).toBe(true);
  });

  it.each([
    ['hôm nay', /mục version có giá trị không hợp lệ/],
    ['2027-02-30', /mục version có giá trị không hợp lệ/],
  ])('rejects a rulebook version %j that would print as nonsense', (version, message) => {
    const raw = JSON.parse(readFileSync('electron/core/domain/rules/rulebook-2026-12-04.json', 'utf8'));
    raw.version = version;
    expect(() => loadRulebook(raw)).toThrow(message);
    raw.version = '2027-02-28-thu-nghiem';
    expect(loadRulebook(raw).version).toBe('2027-02-28-thu-nghiem');
  });

  it('rejects an imported rulebook with a wrong parameter, naming the field in Vietnamese', () => {
    const raw = JSON.parse(readFileSync('electron/core/domain/rules/rulebook-2021-07-30.json', 'utf8'));
    raw.rules[0].parameters.minYears = 'mười tám';
    expect(() => loadRulebook(raw)).toThrow(AppError);
    expect(() => loadRulebook(raw)).toThrow(/rules\.0\.parameters\.minYears/);
    expect(() => loadRulebook({ ...raw, format: 'other' })).toThrow(/Bộ quy tắc không hợp lệ/);
  });

  const newer: Rulebook = loadRulebook({
    format: 'ptdv.rulebook/1',
    version: '2026-07-26',
    rules: [{ id: 'ceremony-deadline', parameters: { workingDays: 30, countFrom: 'signed' }, validFrom: '2026-07-26', validTo: null, source: 'QĐ 208-QĐ/TW (chưa xác minh)' }],
  });
  const books = [...DEFAULT_RULEBOOKS, newer];

  it('applies the version in force on the date of the act', () => {
    expect(ruleInForce(books, 'ceremony-deadline', '2026-07-25').rulebookVersion).toBe('2021-07-30');
    expect(ruleInForce(books, 'ceremony-deadline', '2026-07-26').rulebookVersion).toBe('2026-07-26');
    expect(ruleInForce(books, 'age', '2026-08-01').rulebookVersion).toBe('2021-07-30');
    expect(ruleInForce(books, 'age', '2019-01-01').rulebookVersion).toBe('2021-07-30');
  });

  it('counts the ceremony deadline from the signing date under a newer rulebook, and says which version applied', () => {
    const d = edit(votedCandidate(), (x) => {
      x.events.push({ type: 'ADMISSION_DECIDED', date: '2026-08-03', received: '2026-08-20' });
    });
    const old = evaluateDossier(d, '2026-08-04', ctx).findings.find((f) => f.code === 'CEREMONY_DUE');
    const now = evaluateDossier(d, '2026-08-04', { ...ctx, rulebooks: books }).findings.find((f) => f.code === 'CEREMONY_DUE');
    expect(old?.rulebookVersion).toBe('2021-07-30');
    expect(now?.rulebookVersion).toBe('2026-07-26');
    expect(now!.due! < old!.due!).toBe(true);
    expect(evaluateDossier(d, '2026-08-04', { ...ctx, rulebooks: books }).rulebookVersion).toBe('2026-07-26');
  });

  it('reminds an open ceremony of the due date it will be judged by: the rule in force today, not on the decision day', () => {
    // Signed Mon 20 July under the old rule (from the receipt, Fri 24 July); the newer one counts from the signing.
    const d = edit(votedCandidate(), (x) => {
      x.events.push({ type: 'ADMISSION_DECIDED', date: '2026-07-20', received: '2026-07-24' });
    });
    const reminder = evaluateDossier(d, '2026-08-04', { ...ctx, rulebooks: books }).findings.find((f) => f.code === 'CEREMONY_DUE');
    expect(reminder?.rulebookVersion).toBe('2026-07-26');
    const dayAfterDue = new Date(Date.parse(`${reminder!.due!}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const held = edit(d, (x) => {
      x.events.push({ type: 'CEREMONY_HELD', date: dayAfterDue });
    });
    const judged = evaluateDossier(held, dayAfterDue, { ...ctx, rulebooks: books }).findings.find((f) => f.code === 'CEREMONY_OVERDUE');
    expect(judged?.due).toBe(reminder!.due);
  });
});

describe('vote outcome', () => {
  it.each([
    [8, 12, true, 8],
    [7, 12, false, 8],
    [7, 11, false, 8],
    [8, 11, true, 8],
    [6, 9, true, 6],
    [2, 3, true, 2],
    [0, 0, false, 0],
  ])('%i of %i → passes %s, needs %i', (yes, eligible, passes, needed) => {
    expect(voteOutcome(yes, eligible)).toEqual({ passes, needed });
  });
});

describe('dossier checklist', () => {
  const forms = (items: { form: string }[]) => items.map((i) => i.form);

  it('asks for the Youth Union resolution and one letter on the đoàn path', () => {
    const items = computeChecklist(votedCandidate(), '2026-03-10', ctx);
    expect(forms(items)).toContain('4-KNĐ');
    expect(forms(items)).not.toContain('4A-KNĐ');
    expect(forms(items).filter((f) => f === '3-KNĐ')).toHaveLength(1);
    expect(items.find((i) => i.form === '4-KNĐ')).toMatchObject({ status: 'present', date: '2025-12-05' });
  });

  it('asks for the trade-union resolution on the công đoàn path', () => {
    const d = edit(votedCandidate(), (x) => { x.candidate.introductionPath = 'cong-doan'; x.candidate.tradeUnionMember = true; x.unit.hasYouthUnion = false; });
    const items = computeChecklist(d, '2026-03-10', ctx);
    expect(items.find((i) => i.form === '4A-KNĐ')?.status).toBe('missing');
    expect(forms(items)).not.toContain('4-KNĐ');
  });

  it('asks for two letters and no union resolution on the two-member path', () => {
    const d = edit(votedCandidate(), (x) => (x.candidate.introductionPath = 'hai-dang-vien'));
    const items = computeChecklist(d, '2026-03-10', ctx);
    expect(items.filter((i) => i.form === '3-KNĐ').map((i) => i.status)).toEqual(['present', 'missing']);
    expect(forms(items).some((f) => f.startsWith('4'))).toBe(false);
  });

  it('lists the recognition papers as missing once probation has ended, not before', () => {
    const base = probationer('2025-05-27');
    const during = computeChecklist(base, '2026-05-20', ctx);
    expect(during.filter((i) => ['10-KNĐ', '11-KNĐ', '12-KNĐ'].includes(i.form)).map((i) => i.status)).toEqual(['not-yet', 'not-yet', 'not-yet']);
    const ended = computeChecklist(base, '2026-06-01', ctx);
    expect(ended.filter((i) => ['10-KNĐ', '11-KNĐ', '12-KNĐ'].includes(i.form)).map((i) => i.status)).toEqual(['missing', 'missing', 'missing']);
  });

  it('marks stale, expired and not-yet items', () => {
    const d = edit(votedCandidate(), (x) => {
      setDoc(x, '5-KNĐ', '2025-02-01');
      x.events = x.events.map((e) => (e.type === 'COURSE_CERTIFIED' ? { ...e, date: '2020-01-01' } : e));
    });
    const items = computeChecklist(d, '2026-03-10', ctx);
    expect(items.find((i) => i.form === '5-KNĐ')?.status).toBe('stale');
    expect(items.find((i) => i.form === 'CN-NTVĐ')?.status).toBe('expired');
    expect(items.find((i) => i.form === '1-HSĐV')?.status).toBe('not-yet');
  });

  it('requires the background check before the vote only once the dossier is being prepared', () => {
    const listed = edit(votedCandidate(), (x) => { x.events = x.events.slice(0, 2); x.documents = []; });
    expect(computeChecklist(listed, '2026-03-10', ctx).find((i) => i.form === 'TTLL')?.status).toBe('not-yet');
    const preparing = edit(votedCandidate(), (x) => { x.events = x.events.slice(0, 4); setDoc(x, 'TTLL', null); });
    expect(computeChecklist(preparing, '2026-03-10', ctx).find((i) => i.form === 'TTLL')?.status).toBe('missing');
  });

  it('gives the member-record deadline during probation', () => {
    const d = edit(probationer('2026-05-27'), (x) => setDoc(x, '1-HSĐV', null));
    const item = computeChecklist(d, '2026-06-01', ctx).find((i) => i.form === '1-HSĐV');
    expect(item).toMatchObject({ status: 'missing', dueNote: 'Chậm nhất ngày 08/07/2026' });
  });
});

describe('to-do list', () => {
  const candidates = [
    { candidateId: 'a', name: 'A', evaluation: evaluate(edit(votedCandidate(), (x) => (x.mentors = [])), '2026-03-10') },
    { candidateId: 'b', name: 'B', evaluation: evaluate(probationer('2026-05-27'), '2026-06-01') },
    { candidateId: 'c', name: 'C', evaluation: evaluate(edit(votedCandidate(), (x) => (x.events[4] = { type: 'CHI_BO_VOTED', date: '2025-10-01', yes: 9, eligible: 12 })), '2026-03-10') },
  ];

  it('puts overdue items first, then by due date, then undated items by severity', () => {
    const todo = buildTodo(candidates);
    const dated = todo.filter((t) => t.finding.due);
    expect(dated.map((t) => t.finding.due)).toEqual([...dated.map((t) => t.finding.due)].sort());
    expect(todo[0]).toMatchObject({ candidateId: 'c', overdue: true, finding: { code: 'DECISION_OVERDUE' } });
    const undated = todo.filter((t) => !t.finding.due);
    expect(undated[0]?.finding.severity).toBe('error');
    expect(todo.indexOf(undated[0]!)).toBeGreaterThan(todo.indexOf(dated.at(-1)!));
  });

  it('filters by severity and code', () => {
    expect(buildTodo(candidates, { codes: ['NO_MENTOR'] }).map((t) => t.candidateId)).toEqual(['a']);
    expect(buildTodo(candidates, { severities: ['info'] }).every((t) => t.finding.severity === 'info')).toBe(true);
    expect(buildTodo(candidates, { dueOnly: true }).every((t) => t.finding.due)).toBe(true);
  });
});

describe('finding codes', () => {
  it('are exactly the stable codes of docs/rules.md', () => {
    const documented = 'AGE_BELOW_MIN AGE_ABOVE_MAX AGE_BORDERLINE EDUCATION_INSUFFICIENT CERTIFICATE_MISSING CERTIFICATE_EXPIRED CERTIFICATE_EXPIRING INTRODUCERS_INSUFFICIENT INTRODUCER_NOT_FULL_MEMBER INTRODUCER_TOO_SHORT UNION_RESOLUTION_MISSING DOCUMENT_MISSING DOCUMENT_STALE BACKGROUND_CHECK_MISSING VOTE_BELOW_THRESHOLD DECISION_OVERDUE CEREMONY_OVERDUE MEMBER_RECORDS_OVERDUE RECOGNITION_VOTE_TOO_EARLY RECOGNITION_VOTE_OVERDUE NEW_MEMBER_COURSE_MISSING NO_MENTOR NO_PROBATION_MENTOR EVENT_ORDER_INVALID';
    expect([...FINDING_CODES]).toEqual(documented.split(' '));
  });
});
