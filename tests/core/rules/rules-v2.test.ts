import { describe, expect, it } from 'vitest';
import { buildTodo, DUE_CODES, evaluateDossier, FINDING_CODES, ruleInForce, type Evaluation, type FindingCode } from '../../../electron/core/domain/rules/index';
import { BEFORE_VOTE_SEVERITY, CODE_SEVERITY } from '../../../electron/core/domain/rules/findings';
import { DEFAULT_RULEBOOKS, FIRST_RULEBOOK, SHIPPED_RULEBOOK } from '../../../electron/core/domain/rules/rulebook';
import { dossierSchema, type Dossier } from '../../../electron/core/model/dossier';
import { ctx, edit, evaluate, finding, setDoc, severityOf, votedCandidate } from './builders';
import { born, both, ceremony, decided, extended, janVote, member, oldMember, recognitionVote, rows, secondIntroducer, type Row, vote, voted } from './rule-cases';

const evaluations = new Map<string, Evaluation>();
function rowEvaluation([title, base, change, asOf]: Row): Evaluation {
  let e = evaluations.get(title);
  if (!e) {
    e = evaluate(edit(base, change), asOf);
    evaluations.set(title, e);
  }
  return e;
}

describe('every docs/rules.md code with its severity, at and around each boundary', () => {
  it.each(rows)('%s', (...row) => {
    const [, , , , code, severity] = row;
    expect(severityOf(rowEvaluation(row), code)).toBe(severity);
  });

  it('covers every code of the findings table with its stated severity', () => {
    const seen = new Set(rows.filter((r) => r[5] !== '').map((r) => `${r[4]}:${r[5]}`));
    const uncovered = [...FINDING_CODES, ...DUE_CODES].filter((code) => !seen.has(`${code}:${CODE_SEVERITY[code]}`));
    expect(uncovered).toEqual([]);
  });

  it('gives each code only its stated severity, except age and certificate checked against today', () => {
    const againstToday = new Set<FindingCode>(['AGE_BELOW_MIN', 'AGE_ABOVE_MAX', 'CERTIFICATE_MISSING', 'CERTIFICATE_EXPIRED']);
    // The Hướng dẫn screen shows exactly these codes with their second severity.
    expect(Object.entries(BEFORE_VOTE_SEVERITY)).toEqual([...againstToday].map((code) => [code, 'warning']));
    for (const row of rows) {
      const e = rowEvaluation(row);
      const voteRecorded = edit(row[1], row[2]).events.some((x) => x.type === 'CHI_BO_VOTED');
      for (const f of e.findings) {
        const expected = !voteRecorded && againstToday.has(f.code) ? 'warning' : CODE_SEVERITY[f.code];
        expect(`${row[0]} → ${f.code}:${f.severity}`).toBe(`${row[0]} → ${f.code}:${expected}`);
      }
    }
  });
});

describe('what the findings say', () => {
  it('a vote in the birth month of the 18th birthday gives only AGE_BORDERLINE', () => {
    const e = evaluate(edit(voted, both(born('2008-05-31'), vote('2026-05-01'))), '2026-05-05');
    expect(e.findings.filter((f) => f.rule === 'age').map((f) => f.code)).toEqual(['AGE_BORDERLINE']);
  });

  it('a deadline broken by a late act carries the due date that was broken', () => {
    expect(finding(evaluate(edit(voted, both(janVote, decided('2026-04-07'))), '2026-04-10'), 'DECISION_OVERDUE')?.due).toBe('2026-04-06');
    expect(finding(evaluate(edit(voted, ceremony('2026-05-28')), '2026-06-01'), 'CEREMONY_OVERDUE')?.due).toBe('2026-05-27');
    expect(finding(evaluate(edit(member, (d) => setDoc(d, '2-HSĐV', '2026-07-09')), '2026-07-20'), 'MEMBER_RECORDS_OVERDUE')?.due).toBe('2026-07-08');
    expect(finding(evaluate(edit(oldMember, recognitionVote('2026-07-09')), '2026-07-10'), 'RECOGNITION_VOTE_OVERDUE')?.due).toBe('2026-07-08');
  });

  it('shows the 60-day due date unless an extension is recorded, and the extended one when it is', () => {
    const plain = evaluate(edit(voted, janVote), '2026-03-01');
    expect(finding(plain, 'DECISION_DUE')?.due).toBe('2026-04-06');
    const longer = evaluate(edit(voted, extended(30)), '2026-03-25');
    expect(finding(longer, 'DECISION_DUE')?.due).toBe('2026-05-21');
    expect(longer.deadlines.find((d) => d.kind === 'admission-decision')?.due).toBe('2026-05-21');
    expect(evaluate(edit(voted, extended(30)), '2026-03-19').deadlines.find((d) => d.kind === 'admission-decision')?.due).toBe('2026-04-06');
  });

  it('ties a letter to its introducer by the signer name, however the name was typed', () => {
    const d = edit(voted, both(secondIntroducer('2026-01-10'), (x) => (x.documents.find((doc) => doc.signer === 'Phạm Văn An')!.signer = '  phạm  văn an ')));
    const f = finding(evaluate(d, '2026-03-10'), 'INTRODUCER_NOT_FULL_MEMBER');
    expect(f?.refs).toEqual(['Phạm Văn An']);
    expect(f?.message).toContain('20/12/2025');
  });

  it('keeps a reminder only while its due day is ahead, never overdue in the to-do list; once passed the error says it', () => {
    const ahead = evaluate(member, '2027-06-01');
    expect(severityOf(ahead, 'NEW_MEMBER_COURSE_DUE')).toBe('info');
    expect(buildTodo([{ candidateId: 'x', name: 'x', evaluation: ahead }]).filter((t) => t.finding.severity === 'info').map((t) => t.overdue)).toEqual([false, false]);
    // RULES.md §3: info is one per open deadline not yet passed.
    const e = evaluate(member, '2027-08-01');
    expect(severityOf(e, 'NEW_MEMBER_COURSE_DUE')).toBe('');
    const todo = buildTodo([{ candidateId: 'x', name: 'x', evaluation: e }]);
    expect(todo.filter((t) => t.finding.severity === 'info')).toEqual([]);
    expect(todo.find((t) => t.finding.code === 'RECOGNITION_VOTE_OVERDUE')?.overdue).toBe(true);
  });
});

describe('dossier format ptdv.dossier/1', () => {
  const parse = (change: (d: Record<string, unknown> & Dossier) => void) => {
    const d = structuredClone(votedCandidate()) as Record<string, unknown> & Dossier;
    change(d);
    return dossierSchema.safeParse(d);
  };

  it('accepts a signer on a document, DECISION_EXTENDED of 1 to 30 working days and DONG-Y-CAP-TREN', () => {
    expect(parse((d) => d.documents.push({ form: '3-KNĐ', date: '2025-12-01', signer: 'Trần Văn Bình' })).success).toBe(true);
    expect(parse((d) => d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 30 })).success).toBe(true);
    expect(parse((d) => d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 1 })).success).toBe(true);
    expect(parse((d) => d.documents.push({ form: 'DONG-Y-CAP-TREN', date: '2026-05-25' })).success).toBe(true);
  });

  it('reads an optional field given as null as one left out (RULES.md §4)', () => {
    const nulls = parse((d) => Object.assign(d, { documents: null, introducers: null, mentors: null, unit: { ...d.unit, hasYouthUnion: null } }));
    expect(nulls.success).toBe(true);
    expect(nulls.data).toMatchObject({ documents: [], introducers: [], mentors: [] });
    expect(nulls.data?.unit.hasYouthUnion).toBeUndefined();
    expect(parse((d) => Object.assign(d, { events: null })).data?.events).toEqual([]);
    expect(parse((d) => Object.assign(d, { unit: { ...d.unit, hasYouthUnion: 'co' } })).success).toBe(false);
  });

  it('refuses an extension of 31 or 0 working days, or without its number', () => {
    expect(parse((d) => d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 31 })).success).toBe(false);
    expect(parse((d) => d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 0 })).success).toBe(false);
    expect(parse((d) => d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20' } as never)).success).toBe(false);
  });

  it('keeps unknown fields an error', () => {
    expect(parse((d) => d.documents.push({ form: '3-KNĐ', date: '2025-12-01', signedBy: 'x' } as never)).success).toBe(false);
    expect(parse((d) => d.events.push({ type: 'DECISION_EXTENDED', date: '2026-03-20', workingDays: 5, days: 5 } as never)).success).toBe(false);
    expect(parse((d) => (d['extra'] = 1)).success).toBe(false);
  });
});

describe('the revised rulebook', () => {
  it('applies to acts from 4 Dec 2026, the first one before, and both read the same limits', () => {
    expect(ruleInForce(DEFAULT_RULEBOOKS, 'age', '2026-12-03').rulebookVersion).toBe('2021-07-30');
    expect(ruleInForce(DEFAULT_RULEBOOKS, 'age', '2026-12-04').rulebookVersion).toBe(SHIPPED_RULEBOOK.version);
    const early = edit(voted, both(born('2008-12-31'), vote('2026-12-01')));
    const late = edit(voted, both(born('2009-01-31'), vote('2027-01-04')));
    for (const [d, asOf] of [[early, '2026-12-02'], [late, '2027-01-05']] as const) {
      const onlyFirst = evaluateDossier(d, asOf, { ...ctx, rulebooks: [FIRST_RULEBOOK] });
      const withRevised = evaluate(d, asOf);
      expect(withRevised.findings.filter((f) => f.rule === 'age').map((f) => f.code)).toEqual(['AGE_BORDERLINE']);
      expect(onlyFirst.findings.map((f) => `${f.code}:${f.severity}:${f.due ?? ''}`)).toEqual(withRevised.findings.map((f) => `${f.code}:${f.severity}:${f.due ?? ''}`));
    }
    expect(finding(evaluate(late, '2027-01-05'), 'AGE_BORDERLINE')?.rulebookVersion).toBe(SHIPPED_RULEBOOK.version);
  });
});
