import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoDossier, demoMembers, seededRandom } from '../../../electron/core/demo/generate';
import { evaluateDossier } from '../../../electron/core/domain/rules/index';
import { MIGRATIONS_DIR } from '../../helpers/temp';
import { ctx, edit } from './builders';
import { rows } from './rule-cases';

/**
 * A database keeps each candidate's findings as this version computed them (candidate_findings), and only a change
 * to what they are computed from drops them. A new version whose rules say something else (a code, a severity, a due
 * date, a message) must drop them all by a migration, or reports and lists go on showing the old findings after an
 * upgrade. The fingerprint is what the evaluator says of every case of rule-cases.ts and of a fixed set of demo
 * dossiers on a few days: when it changes,
 * add a migration that is exactly `DELETE FROM \`candidate_findings\`;` and a line below with both. (A change to those
 * cases or to the demo generator changes it too, with the rules unchanged: then replace the last line's fingerprint.)
 * From 0040 on it includes the days a row's deadlines were counted over, which a calendar change is matched against.
 */
const EVALUATORS: { fingerprint: string; resetBy: string | null }[] = [
  // The evaluator when this test was written: findings stored before it were computed the same way, nothing to drop.
  { fingerprint: 'c420d5e001e00e2a352529cd65c79e0d729533b0b7eb8055877c1f8a85c4d216', resetBy: null },
  // EVENT_ORDER_INVALID on each step's first date, and a decision or ceremony recorded twice.
  { fingerprint: '616f28204b73c8e4e1e1df82ddb9c63811b815887f49e51d9df8bd6eb3508acd', resetBy: '0033_findings_of_the_step_order_rules' },
  // Missing papers and a late ceremony named in words (kết quả thẩm tra lý lịch), not by TTLL or DONG-Y-CAP-TREN.
  { fingerprint: '9d0f3c2d234b5ad2116113f872b7df384b59a884097cfcee586aa0f40585a133', resetBy: '0034_findings_name_their_papers' },
  // A recognition vote without 10-, 11- or 12-KNĐ is no longer DOCUMENT_MISSING (RULES.md §3); the case was added here with it.
  { fingerprint: '4dc28e836ad4eabcfb46a66b3772ad2cd95cfc036764345d7f2edbcfed30f367', resetBy: '0035_recognition_papers_not_a_finding' },
  // With one introducer the only 3-KNĐ is theirs, whatever name signed it; the case was added here with it.
  { fingerprint: 'ec82a850a1289c2bdbdfff35d7c54e364d3d2991c6a8a7b895633ecb47f9d815', resetBy: '0036_only_letter_of_one_introducer' },
  { fingerprint: 'f6596138b94ab022f4f0ecd57974c6539fed820ec3fb6cc09e30fe4f47de4232', resetBy: '0038_info_only_before_due_consent_by_vote' },
  { fingerprint: '4823b8145b7389289d4f0eef2c9c0d1b49da688a871c80c01959615fd118b705', resetBy: '0039_stages_entered_only_by_their_events' },
  // Each row keeps the days its working-day deadlines were counted over (rows stored before do not say), and one
  // introducer listed twice counts once; the case was added here with it.
  { fingerprint: '91e057d76560785811e889a1581bcfa31babdb2b80824b2bc42d1bcd3f1ecaac', resetBy: '0040_calendar_change_drops_only_findings_it_moves' },
  { fingerprint: '5e0d867436b40c1aec2ab8885d25a82343893f2b60b6db4837c28b6d75ba1ff7', resetBy: '0041_open_acts_judged_by_todays_rule' },
];

function fingerprint(): string {
  const r = seededRandom(20261206);
  const mentors = demoMembers(r, 40, '2026-12-01');
  const h = createHash('sha256');
  // Every code with its severity at and around its boundaries, then the demo's variety.
  for (const [, base, change, asOf] of rows) {
    const e = evaluateDossier(edit(base, change), asOf, ctx);
    h.update(JSON.stringify([e.stage, e.validUntil, e.findings, e.calendarSpan]));
  }
  for (let i = 0; i < 1500; i++) {
    const dossier = demoDossier(r, 'CB014', '2026-12-01', mentors, 40);
    for (const day of ['2026-03-31', '2026-12-01', '2027-06-30']) {
      const e = evaluateDossier(dossier, day, ctx);
      h.update(JSON.stringify([e.stage, e.validUntil, e.findings, e.calendarSpan]));
    }
  }
  return h.digest('hex');
}

const resets = () =>
  readdirSync(MIGRATIONS_DIR)
    .filter((name) => name.endsWith('.sql') && /^DELETE FROM `candidate_findings`;$/m.test(readFileSync(join(MIGRATIONS_DIR, name), 'utf8')))
    .map((name) => name.replace(/\.sql$/, ''))
    .sort();

describe('findings stored by an earlier version', () => {
  it('are dropped by a migration whenever the rules say something else of the same dossiers', () => {
    const now = EVALUATORS.at(-1)!;
    expect(fingerprint(), 'the rules say something else now: add a migration that drops the stored findings, and a line above').toBe(now.fingerprint);
    expect(new Set(EVALUATORS.map((e) => e.fingerprint)).size).toBe(EVALUATORS.length);
    expect(resets()).toEqual(EVALUATORS.slice(1).map((e) => e.resetBy));
  });
});
