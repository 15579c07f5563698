import { EDUCATION_LEVELS } from '../../model/dossier';
import { addMonths, toViDate, ymdOf, type DayNumber } from '../calendar/days';
import { ageInMonths, docOnOrBefore, hasVoted, monthOfAge, preVoteSeverity, type Ctx } from './context';
import { ageLimits } from './rulebook';

function ageText(months: number): string {
  const rest = months % 12;
  return rest === 0 ? `${months / 12} tuổi` : `${Math.floor(months / 12)} tuổi ${rest} tháng`;
}

/** Before the vote the age is today's, which only changes with the month: the month is named, not the day. */
function whenText(voted: boolean, ref: DayNumber): string {
  const { y, m } = ymdOf(ref);
  return voted ? `Ngày chi bộ xét (${toViDate(ref)})` : `Trong tháng ${m}/${y}`;
}

/** "tháng 5/2026": the month in which a number of calendar months of age is reached. */
function monthText(birth: DayNumber, months: number): string {
  const { y, m } = ymdOf(addMonths(birth, months));
  return `tháng ${m}/${y}`;
}

/**
 * Rule `age`, counted by calendar month on the chi bộ vote day: 216–720 months. A vote in the birth month of the
 * 18th or 60th birthday is allowed but flagged for the secretary to confirm (AGE_BORDERLINE); over 60 only with a
 * recorded DONG-Y-TINH. Before the vote the check runs on today and only warns.
 */
export function checkAge(c: Ctx): void {
  const { facts } = c;
  const ref = facts.refDay;
  const applied = c.rule('age', ref);
  const { min, max } = ageLimits(applied.rule.parameters);
  const months = ageInMonths(facts, ref);
  const voted = hasVoted(facts);
  if (!voted) {
    // Within the limits only passing the maximum changes anything; outside them the message prints the age.
    c.changesOn(monthOfAge(facts, min <= months && months <= max ? max + 1 : months + 1));
  }
  if (months < min) {
    const from = monthText(facts.birth, min);
    const todo = voted
      ? `Nghị quyết chi bộ không hợp lệ; chỉ xét lại từ ${from}.`
      : `Chỉ đưa ra chi bộ xét từ ${from}.`;
    c.add('AGE_BELOW_MIN', preVoteSeverity(facts), applied, `${whenText(voted, ref)} ứng viên mới ${ageText(months)} (tính theo tháng), chưa đủ ${ageText(min)}. ${todo}`);
    return;
  }
  if (months > max) {
    // The consent must be there when the chi bộ votes: one dated after the vote does not make that vote valid.
    if (docOnOrBefore(facts, 'DONG-Y-TINH', ref) === null) {
      c.add('AGE_ABOVE_MAX', preVoteSeverity(facts), applied, `${whenText(voted, ref)} ứng viên đã ${ageText(months)} (tính theo tháng), quá ${ageText(max)}. Chỉ được xét khi có văn bản đồng ý của ban thường vụ tỉnh ủy (hoặc tương đương); ghi nhận văn bản DONG-Y-TINH.`, { refs: ['DONG-Y-TINH'] });
    }
    return;
  }
  if (voted && (months === min || months === max)) {
    c.add('AGE_BORDERLINE', 'warning', applied, `Chi bộ xét ngày ${toViDate(ref)}, trong tháng sinh nhật ${ageText(months)} của ứng viên (sinh ngày ${toViDate(facts.birth)}). Tuổi tính theo tháng nên vẫn đủ điều kiện; đề nghị kiểm tra lại ngày sinh và xác nhận.`);
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
 * Rule `education`, judged on the chi bộ vote: THCS or higher (a THCS diploma, or from 2026 the học bạ "completed
 * THCS" note, both recorded as `thcs`). Exceptions `primary`/`literate` are the recorded basis; those listed in
 * `consentExceptions` also need the provincial DONG-Y-TINH document. A vote with no level recorded cannot show the
 * condition was met, so it is reported too.
 */
export function checkEducation(c: Ctx): void {
  const { facts } = c;
  const applied = c.rule('education', facts.refDay);
  const { minLevel, consentExceptions } = applied.rule.parameters;
  const { education, educationException } = facts.dossier.candidate;
  if (educationException) {
    const needsConsent = consentExceptions.includes(educationException);
    if (needsConsent && docOnOrBefore(facts, 'DONG-Y-TINH', facts.refDay) === null) {
      c.add('EDUCATION_INSUFFICIENT', 'error', applied, `Ứng viên xét theo ngoại lệ "${educationException === 'literate' ? 'biết đọc, biết viết chữ quốc ngữ' : 'tốt nghiệp tiểu học'}" nhưng chưa có văn bản đồng ý của ban thường vụ tỉnh ủy. Ghi nhận văn bản DONG-Y-TINH trước khi chi bộ xét.`, { refs: ['DONG-Y-TINH'] });
    }
    return;
  }
  if (!education) {
    c.add('EDUCATION_INSUFFICIENT', 'error', applied, `Chi bộ đã xét ngày ${toViDate(facts.refDay)} nhưng chưa ghi trình độ học vấn của ứng viên; cần tối thiểu ${LEVEL_LABEL[minLevel]}. Bổ sung trình độ (bằng THCS hoặc xác nhận hoàn thành chương trình THCS trong học bạ).`);
    return;
  }
  if (LEVEL_RANK[education]! < LEVEL_RANK[minLevel]!) {
    c.add('EDUCATION_INSUFFICIENT', 'error', applied, `Trình độ ${LEVEL_LABEL[education]} chưa đạt tối thiểu ${LEVEL_LABEL[minLevel]}. Chỉ xét được nếu thuộc diện ngoại lệ (vùng khó khăn, người có uy tín) và ghi nhận căn cứ ngoại lệ.`);
  }
}
