import { EDUCATION_LEVELS } from '../../model/dossier';
import { addMonths, toViDate, wholeMonthsBetween, ymdOf, type DayNumber } from '../calendar/days';
import { docOnOrBefore, hasVoted, preVoteSeverity, type Ctx } from './context';

function ageText(months: number): string {
  const rest = months % 12;
  return rest === 0 ? `${months / 12} tuổi` : `${Math.floor(months / 12)} tuổi ${rest} tháng`;
}

function whenText(voted: boolean, ref: DayNumber): string {
  return voted ? `Ngày chi bộ xét (${toViDate(ref)})` : `Đến ngày ${toViDate(ref)}`;
}

function sameMonth(a: DayNumber, b: DayNumber): boolean {
  const x = ymdOf(a);
  const y = ymdOf(b);
  return x.y === y.y && x.m === y.m;
}

/**
 * Rule `age`: whole months since birth on the chi bộ vote day, 18–60 years; over 60 only with a recorded
 * DONG-Y-TINH. Before the vote the check runs on `asOf` and only warns. In the birth month of the 18th or 60th
 * birthday the texts do not settle whether the day of the month counts, so a vote there is flagged for the
 * secretary to confirm (AGE_BORDERLINE) unless the whole-month count already fails.
 */
export function checkAge(c: Ctx): void {
  const { facts } = c;
  const ref = facts.refDay;
  const applied = c.rule('age', ref);
  const { minYears, maxYears } = applied.rule.parameters;
  const months = wholeMonthsBetween(facts.birth, ref);
  const minDay = addMonths(facts.birth, minYears * 12);
  const maxDay = addMonths(facts.birth, maxYears * 12);
  const voted = hasVoted(facts);
  if (months < minYears * 12) {
    const todo = voted
      ? `Nghị quyết chi bộ không hợp lệ; chỉ xét lại từ ngày ${toViDate(minDay)}.`
      : `Chỉ đưa ra chi bộ xét từ ngày ${toViDate(minDay)}.`;
    c.add('AGE_BELOW_MIN', preVoteSeverity(facts), applied, `${whenText(voted, ref)} ứng viên mới ${ageText(months)}, chưa đủ ${minYears} tuổi (đủ ngày ${toViDate(minDay)}). ${todo}`);
    return;
  }
  if (months > maxYears * 12) {
    if (docOnOrBefore(facts, 'DONG-Y-TINH', ref) === null) {
      c.add('AGE_ABOVE_MAX', preVoteSeverity(facts), applied, `${whenText(voted, ref)} ứng viên đã ${ageText(months)}, quá ${maxYears} tuổi. Chỉ được xét khi có văn bản đồng ý của ban thường vụ tỉnh ủy (hoặc tương đương) trước khi quyết định; ghi nhận văn bản DONG-Y-TINH.`, { refs: ['DONG-Y-TINH'] });
    }
    return;
  }
  if (voted && (sameMonth(ref, minDay) || sameMonth(ref, maxDay))) {
    const birthday = sameMonth(ref, minDay) ? minDay : maxDay;
    c.add('AGE_BORDERLINE', 'warning', applied, `Chi bộ xét ngày ${toViDate(ref)}, trong tháng sinh nhật ${ageText(wholeMonthsBetween(facts.birth, birthday))} của ứng viên (${toViDate(birthday)}). Tuổi tính theo tháng: đề nghị kiểm tra và xác nhận ứng viên đủ điều kiện về tuổi.`);
  }
}

const LEVEL_RANK: Readonly<Record<string, number>> = Object.fromEntries(EDUCATION_LEVELS.map((l, i) => [l, i]));

const LEVEL_LABEL: Readonly<Record<string, string>> = {
  'tieu-hoc': 'tiểu học',
  thcs: 'trung học cơ sở',
  thpt: 'trung học phổ thông',
  'trung-cap': 'trung cấp',
  'cao-dang': 'cao đẳng',
  'dai-hoc': 'đại học',
  'sau-dai-hoc': 'sau đại học',
};

/**
 * Rule `education`: THCS or higher (a THCS diploma, or from 2026 the học bạ "completed THCS" note, both recorded
 * as `thcs`). Exceptions `primary`/`literate` are the recorded basis; those listed in `consentExceptions` also need
 * the provincial DONG-Y-TINH document. A missing education level is reported so the secretary fills it in.
 */
export function checkEducation(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('education', facts.refDay);
  const { minLevel, consentExceptions } = applied.rule.parameters;
  const { education, educationException } = facts.dossier.candidate;
  if (educationException) {
    const needsConsent = consentExceptions.includes(educationException);
    if (needsConsent && docOnOrBefore(facts, 'DONG-Y-TINH', facts.refDay) === null) {
      c.add('EDUCATION_INSUFFICIENT', preVoteSeverity(facts), applied, `Ứng viên xét theo ngoại lệ "${educationException === 'literate' ? 'biết đọc, biết viết chữ quốc ngữ' : 'tốt nghiệp tiểu học'}" nhưng chưa có văn bản đồng ý của ban thường vụ tỉnh ủy. Ghi nhận văn bản DONG-Y-TINH trước khi chi bộ xét.`, { refs: ['DONG-Y-TINH'] });
    }
    return;
  }
  if (!education) {
    c.add('EDUCATION_INSUFFICIENT', 'warning', applied, `Chưa ghi trình độ học vấn của ứng viên; cần tối thiểu ${LEVEL_LABEL[minLevel]}. Bổ sung trình độ (bằng THCS hoặc xác nhận hoàn thành chương trình THCS trong học bạ).`);
    return;
  }
  if (LEVEL_RANK[education]! < LEVEL_RANK[minLevel]!) {
    c.add('EDUCATION_INSUFFICIENT', preVoteSeverity(facts), applied, `Trình độ ${LEVEL_LABEL[education]} chưa đạt tối thiểu ${LEVEL_LABEL[minLevel]}. Chỉ xét được nếu thuộc diện ngoại lệ (vùng khó khăn, người có uy tín) và ghi nhận căn cứ ngoại lệ.`);
  }
}
