import type { INTRODUCTION_PATHS } from '../../model/dossier';
import { addMonths, toDay, toViDate, wholeMonthsBetween, type DayNumber } from '../calendar/days';
import { cleanName } from '../names';
import { ageInMonths, docOnOrBefore, type Ctx, type Facts } from './context';
import { youthBelowMonths, type RuleOf } from './rulebook';

export type IntroductionPath = (typeof INTRODUCTION_PATHS)[number];

export const PATH_LABELS: Readonly<Record<IntroductionPath, string>> = {
  doan: 'Đoàn Thanh niên + 1 đảng viên chính thức',
  'cong-doan': 'Công đoàn + 1 đảng viên chính thức',
  'hai-dang-vien': '2 đảng viên chính thức',
};

/** The union resolution each path needs (4-KNĐ from the Youth Union, 4A-KNĐ from the trade union). */
export const UNION_FORM = { doan: '4-KNĐ', 'cong-doan': '4A-KNĐ' } as const;

/** True when the candidate is of Youth Union age on the reference day: below 372 calendar months (30 or less). */
function isYouth(facts: Facts, belowMonths: number): boolean {
  return ageInMonths(facts, facts.refDay) < belowMonths;
}

/**
 * The introduction path in use. When the dossier does not say, we infer the path the statute would impose, so a
 * dossier typed without the field is still checked against something sensible.
 */
export function introductionPath(facts: Facts, youthBelow: number): IntroductionPath {
  const { candidate, unit } = facts.dossier;
  if (candidate.introductionPath) {
    return candidate.introductionPath;
  }
  if (unit.hasYouthUnion && candidate.youthUnionMember && isYouth(facts, youthBelow)) {
    return 'doan';
  }
  return unit.hasYouthUnion !== true && candidate.tradeUnionMember ? 'cong-doan' : 'hai-dang-vien';
}

/** Why the chosen path does not fit this candidate and unit; empty when it fits. */
export function pathProblems(facts: Facts, path: IntroductionPath, youthBelow: number): string[] {
  const { candidate, unit } = facts.dossier;
  const problems: string[] = [];
  if (path === 'doan') {
    if (unit.hasYouthUnion === false) {
      problems.push('đơn vị không có tổ chức Đoàn');
    }
    if (candidate.youthUnionMember !== true) {
      problems.push('ứng viên không phải đoàn viên');
    }
    if (!isYouth(facts, youthBelow)) {
      problems.push(`ứng viên đã quá ${Math.floor(youthBelow / 12) - 1} tuổi (tính theo tháng) ngày ${toViDate(facts.refDay)}`);
    }
  } else if (path === 'cong-doan') {
    if (candidate.tradeUnionMember !== true) {
      problems.push('ứng viên không phải công đoàn viên');
    }
    if (unit.hasYouthUnion === true) {
      problems.push('đơn vị có tổ chức Đoàn, nên Công đoàn không được giới thiệu');
    }
  }
  return problems;
}

/**
 * Rule `introducers` (path and number of ĐVCT) and the union resolution the path needs, judged on the chi bộ vote.
 * The trade-union path in a unit with a Youth Union is refused outright; another unusable union path falls back to
 * the default of two full members.
 */
export function checkIntroducers(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('introducers', facts.refDay);
  const { fullMembersDefault, fullMembersWithUnion } = applied.rule.parameters;
  const youthBelow = youthBelowMonths(applied.rule.parameters);
  const path = introductionPath(facts, youthBelow);
  const problems = pathProblems(facts, path, youthBelow);
  // One person listed twice (a file typed by hand, an import merged twice) is one introducer.
  const count = new Set(facts.dossier.introducers.map((i) => nameKey(i.name))).size;
  const refused = path === 'cong-doan' && facts.dossier.unit.hasYouthUnion === true;
  if (problems.length > 0) {
    if (refused || count < fullMembersDefault) {
      const todo = refused ? 'Chọn đường giới thiệu khác (Đoàn Thanh niên hoặc hai đảng viên chính thức).' : `Cần ${fullMembersDefault} đảng viên chính thức giới thiệu, hiện có ${count}.`;
      c.add('INTRODUCERS_INSUFFICIENT', 'error', applied, `Không dùng được đường giới thiệu "${PATH_LABELS[path]}": ${problems.join('; ')}. ${todo}`, { refs: ['3-KNĐ'] });
    }
    return;
  }
  const needed = path === 'hai-dang-vien' ? fullMembersDefault : fullMembersWithUnion;
  if (count < needed) {
    c.add('INTRODUCERS_INSUFFICIENT', 'error', applied, `Đường giới thiệu "${PATH_LABELS[path]}" cần ${needed} đảng viên chính thức giới thiệu, hiện có ${count}. Chi bộ phân công người giới thiệu và ghi nhận giấy giới thiệu (3-KNĐ).`, { refs: ['3-KNĐ'] });
  }
  const form = unionForm(facts, applied.rule.parameters);
  if (form && docOnOrBefore(facts, form, facts.refDay) === null) {
    const who = form === '4-KNĐ' ? 'Ban Chấp hành Đoàn cơ sở' : 'Ban Chấp hành công đoàn cơ sở';
    c.add('UNION_RESOLUTION_MISSING', 'error', applied, `Chưa có nghị quyết giới thiệu của ${who} (${form}) trước ngày chi bộ xét ${toViDate(facts.refDay)}. Đề nghị ${who} họp và ra nghị quyết.`, { refs: [form] });
  }
}

/** The union resolution the candidate's path needs (4-KNĐ or 4A-KNĐ), or null on the two-member path or a refused one. */
export function unionForm(facts: Facts, parameters: RuleOf<'introducers'>['parameters']): '4-KNĐ' | '4A-KNĐ' | null {
  const youthBelow = youthBelowMonths(parameters);
  const path = introductionPath(facts, youthBelow);
  if (path === 'hai-dang-vien' || pathProblems(facts, path, youthBelow).length > 0) {
    return null;
  }
  return UNION_FORM[path];
}

/**
 * Same person: case, spacing and how the accents were typed (NFC) do not matter, the accents themselves do: Lê Thị Hà
 * and Lê Thị Hạ are two people, and neither may borrow the other's letter.
 */
export function sameName(a: string, b: string): boolean {
  return nameKey(a) === nameKey(b);
}

function nameKey(name: string): string {
  return cleanName(name).toLocaleLowerCase('vi');
}

/**
 * The day of this introducer's own letter (3-KNĐ): the letter whose `signer` is their name; with one introducer,
 * the only letter; else the letter date recorded on the introducer; else an unsigned letter, which DOCUMENT_MISSING
 * counts for an introducer without one (the latest before the vote when several were filed unsigned), so a letter
 * left unsigned is judged on its own day as a signed one would be. Null when no letter can be tied to them.
 */
export function letterDayOf(facts: Facts, name: string, letterDate: string | null | undefined): DayNumber | null {
  let found: DayNumber | null = null;
  for (const l of facts.letters) {
    if (l.signer && sameName(l.signer, name) && l.day <= facts.refDay && (found === null || l.day > found)) {
      found = l.day;
    }
  }
  if (found !== null) {
    return found;
  }
  const single = facts.dossier.introducers.length === 1;
  if (single) {
    // docs/rules.md, "Người giới thiệu": with one introducer, the only 3-KNĐ is theirs, whoever is written as its signer.
    const filed = facts.letters.filter((l) => l.day <= facts.refDay);
    if (filed.length === 1) {
      return filed[0]!.day;
    }
  }
  if (!single && letterDate) {
    return toDay(letterDate);
  }
  for (const l of facts.letters) {
    if (!l.signer && l.day <= facts.refDay && (found === null || l.day > found)) {
      found = l.day;
    }
  }
  if (found !== null) {
    return found;
  }
  return letterDate ? toDay(letterDate) : null;
}

/**
 * Rule `introducer-eligible`, judged on the chi bộ vote: each introducer is a ĐVCT on the date of their own letter
 * (a full-membership date after it is an error even when it precedes the vote; the vote day stands in when no
 * letter can be tied to them) and has worked with the candidate ≥ 12 months on the vote day; a replacement is
 * exempt from the 12 months. A missing date cannot show the condition was met, so it is reported too.
 */
export function checkIntroducerEligibility(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('introducer-eligible', facts.refDay);
  const { minMonthsTogether } = applied.rule.parameters;
  for (const intro of facts.dossier.introducers) {
    const letterDay = letterDayOf(facts, intro.name, intro.letterDate) ?? facts.refDay;
    const onWhat = letterDay === facts.refDay ? `ngày chi bộ xét ${toViDate(letterDay)}` : `ngày ký giấy giới thiệu ${toViDate(letterDay)}`;
    if (!intro.fullMemberSince) {
      c.add('INTRODUCER_NOT_FULL_MEMBER', 'error', applied, `Chưa ghi ngày đồng chí ${intro.name} trở thành đảng viên chính thức, nên không xác định được đồng chí là đảng viên chính thức tại ${onWhat}. Bổ sung ngày này.`, { refs: [intro.name] });
    } else if (toDay(intro.fullMemberSince) > letterDay) {
      c.add('INTRODUCER_NOT_FULL_MEMBER', 'error', applied, `Đồng chí ${intro.name} là đảng viên chính thức từ ${toViDate(toDay(intro.fullMemberSince))}, sau ${onWhat}. Giấy giới thiệu không hợp lệ; phân công đảng viên chính thức viết lại giấy giới thiệu.`, { refs: [intro.name] });
    }
    if (intro.replacement) {
      continue;
    }
    if (!intro.workedTogetherSince) {
      c.add('INTRODUCER_TOO_SHORT', 'error', applied, `Chưa ghi từ ngày nào đồng chí ${intro.name} cùng công tác với ứng viên (cần đủ ${minMonthsTogether} tháng tại ngày chi bộ xét ${toViDate(facts.refDay)}). Bổ sung ngày này.`, { refs: [intro.name] });
      continue;
    }
    const since = toDay(intro.workedTogetherSince);
    if (wholeMonthsBetween(since, facts.refDay) < minMonthsTogether) {
      const enough = addMonths(since, minMonthsTogether);
      c.add('INTRODUCER_TOO_SHORT', 'error', applied, `Đồng chí ${intro.name} cùng công tác với ứng viên từ ${toViDate(since)}, đến ngày chi bộ xét ${toViDate(facts.refDay)} chưa đủ ${minMonthsTogether} tháng (đủ ngày ${toViDate(enough)}). Người giới thiệu không đủ điều kiện; phân công người giới thiệu khác.`, { refs: [intro.name] });
    }
  }
}
