import type { INTRODUCTION_PATHS } from '../../model/dossier';
import { addMonths, toDay, toViDate, wholeMonthsBetween } from '../calendar/days';
import { docOnOrBefore, hasVoted, preVoteSeverity, type Ctx, type Facts } from './context';

export type IntroductionPath = (typeof INTRODUCTION_PATHS)[number];

export const PATH_LABELS: Readonly<Record<IntroductionPath, string>> = {
  doan: 'Đoàn Thanh niên + 1 đảng viên chính thức',
  'cong-doan': 'Công đoàn + 1 đảng viên chính thức',
  'hai-dang-vien': '2 đảng viên chính thức',
};

/** The union resolution each path needs (4-KNĐ from the Youth Union, 4A-KNĐ from the trade union). */
export const UNION_FORM = { doan: '4-KNĐ', 'cong-doan': '4A-KNĐ' } as const;

/**
 * The introduction path in use. When the dossier does not say, we infer the path the statute would impose, so a
 * dossier typed without the field is still checked against something sensible.
 */
export function introductionPath(facts: Facts, youthMaxAgeYears: number): IntroductionPath {
  const { candidate, unit } = facts.dossier;
  if (candidate.introductionPath) {
    return candidate.introductionPath;
  }
  const youth = wholeMonthsBetween(facts.birth, facts.refDay) < (youthMaxAgeYears + 1) * 12;
  if (unit.hasYouthUnion && candidate.youthUnionMember && youth) {
    return 'doan';
  }
  return unit.hasYouthUnion !== true && candidate.tradeUnionMember ? 'cong-doan' : 'hai-dang-vien';
}

/** Why the chosen path does not fit this candidate and unit; empty when it fits. */
export function pathProblems(facts: Facts, path: IntroductionPath, youthMaxAgeYears: number): string[] {
  const { candidate, unit } = facts.dossier;
  const youth = wholeMonthsBetween(facts.birth, facts.refDay) < (youthMaxAgeYears + 1) * 12;
  const problems: string[] = [];
  if (path === 'doan') {
    if (unit.hasYouthUnion === false) {
      problems.push('đơn vị không có tổ chức Đoàn');
    }
    if (candidate.youthUnionMember !== true) {
      problems.push('ứng viên không phải đoàn viên');
    }
    if (!youth) {
      problems.push(`ứng viên đã quá ${youthMaxAgeYears} tuổi ngày ${toViDate(facts.refDay)}`);
    }
  } else if (path === 'cong-doan') {
    if (candidate.tradeUnionMember !== true) {
      problems.push('ứng viên không phải công đoàn viên');
    }
    if (unit.hasYouthUnion === true && youth) {
      problems.push('đơn vị có tổ chức Đoàn, ứng viên trong độ tuổi đoàn phải do Đoàn giới thiệu');
    }
  }
  return problems;
}

/**
 * Rule `introducers` (path and number of ĐVCT) and the union resolution the path needs. Checked once the dossier
 * is being prepared; an invalid union path falls back to the default of two full members.
 */
export function checkIntroducers(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('introducers', facts.refDay);
  const { youthMaxAgeYears, fullMembersDefault, fullMembersWithUnion } = applied.rule.parameters;
  const path = introductionPath(facts, youthMaxAgeYears);
  const problems = pathProblems(facts, path, youthMaxAgeYears);
  const count = facts.dossier.introducers.length;
  const severity = preVoteSeverity(facts);
  if (problems.length > 0) {
    if (count < fullMembersDefault) {
      c.add('INTRODUCERS_INSUFFICIENT', severity, applied, `Không dùng được đường giới thiệu "${PATH_LABELS[path]}": ${problems.join('; ')}. Cần ${fullMembersDefault} đảng viên chính thức giới thiệu, hiện có ${count}.`, { refs: ['3-KNĐ'] });
    }
    return;
  }
  const needed = path === 'hai-dang-vien' ? fullMembersDefault : fullMembersWithUnion;
  if (count < needed) {
    c.add('INTRODUCERS_INSUFFICIENT', severity, applied, `Đường giới thiệu "${PATH_LABELS[path]}" cần ${needed} đảng viên chính thức giới thiệu, hiện có ${count}. Chi bộ phân công người giới thiệu và ghi nhận giấy giới thiệu (3-KNĐ).`, { refs: ['3-KNĐ'] });
  }
  if (path !== 'hai-dang-vien') {
    const form = UNION_FORM[path];
    if (docOnOrBefore(facts, form, facts.refDay) === null) {
      const who = path === 'doan' ? 'Ban Chấp hành Đoàn cơ sở' : 'Ban Chấp hành công đoàn cơ sở';
      const when = hasVoted(facts) ? `trước ngày chi bộ xét ${toViDate(facts.refDay)}` : 'trước khi chi bộ xét';
      c.add('UNION_RESOLUTION_MISSING', severity, applied, `Chưa có nghị quyết giới thiệu của ${who} (${form}) ${when}. Đề nghị ${who} họp và ra nghị quyết.`, { refs: [form] });
    }
  }
}

/**
 * Rule `introducer-eligible`: each introducer is a ĐVCT on the date of their letter (the vote or `asOf` when the
 * letter date is unknown) and has worked with the candidate ≥ 12 months on the vote day; a replacement is exempt
 * from the 12 months. Missing dates are reported as warnings so the secretary completes them.
 */
export function checkIntroducerEligibility(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('introducer-eligible', facts.refDay);
  const { minMonthsTogether } = applied.rule.parameters;
  const severity = preVoteSeverity(facts);
  for (const intro of facts.dossier.introducers) {
    const letterDay = intro.letterDate ? toDay(intro.letterDate) : facts.refDay;
    if (!intro.fullMemberSince) {
      c.add('INTRODUCER_NOT_FULL_MEMBER', 'warning', applied, `Chưa ghi ngày đồng chí ${intro.name} trở thành đảng viên chính thức; chỉ đảng viên chính thức được giới thiệu. Bổ sung ngày này.`, { refs: [intro.name] });
    } else if (toDay(intro.fullMemberSince) > letterDay) {
      c.add('INTRODUCER_NOT_FULL_MEMBER', severity, applied, `Đồng chí ${intro.name} là đảng viên chính thức từ ${toViDate(toDay(intro.fullMemberSince))}, sau ngày giới thiệu ${toViDate(letterDay)}. Phân công đảng viên chính thức khác giới thiệu.`, { refs: [intro.name] });
    }
    if (intro.replacement) {
      continue;
    }
    if (!intro.workedTogetherSince) {
      c.add('INTRODUCER_TOO_SHORT', 'warning', applied, `Chưa ghi từ ngày nào đồng chí ${intro.name} cùng công tác với ứng viên (cần đủ ${minMonthsTogether} tháng). Bổ sung ngày này.`, { refs: [intro.name] });
      continue;
    }
    const since = toDay(intro.workedTogetherSince);
    if (wholeMonthsBetween(since, facts.refDay) < minMonthsTogether) {
      const enough = addMonths(since, minMonthsTogether);
      const todo = hasVoted(facts) ? 'Người giới thiệu không đủ điều kiện tại ngày chi bộ xét.' : `Chỉ đưa ra chi bộ xét từ ngày ${toViDate(enough)} hoặc phân công người giới thiệu khác.`;
      c.add('INTRODUCER_TOO_SHORT', severity, applied, `Đồng chí ${intro.name} cùng công tác với ứng viên từ ${toViDate(since)}, đến ${toViDate(facts.refDay)} chưa đủ ${minMonthsTogether} tháng (đủ ngày ${toViDate(enough)}). ${todo}`, { refs: [intro.name] });
    }
  }
}
