import { documentInSentence } from '../../model/document-names';
import type { DocumentForm } from '../../model/dossier';
import { addMonths, toDay, toViDate, type DayNumber } from '../calendar/days';
import { sameName, unionForm } from './check-introducers';
import { docOnOrBefore, hasVoted, preVoteSeverity, type Ctx, type Facts } from './context';

function certText(issued: DayNumber, expiry: DayNumber): string {
  return `Giấy chứng nhận học lớp nhận thức về Đảng cấp ngày ${toViDate(issued)} hết hạn ngày ${toViDate(expiry)}`;
}

/**
 * Rule `course-certificate`: the latest certificate issued on or before the vote must still be valid on the vote
 * day. Valid through issue date + 60 months inclusive (a vote exactly 60 months later passes, a day after fails).
 * Before the vote, a certificate expiring within `warnMonthsBefore` gets a warning with the expiry as due date.
 */
export function checkCertificate(c: Ctx, preparing: boolean): void {
  const { facts } = c;
  const ref = facts.refDay;
  const applied = c.rule('course-certificate', ref);
  const { validityMonths, warnMonthsBefore } = applied.rule.parameters;
  let issued: DayNumber | null = null;
  for (const day of facts.courses) {
    if (day <= ref) {
      issued = day;
    }
  }
  const voted = hasVoted(facts);
  if (issued === null) {
    if (voted || preparing) {
      const when = voted ? `Chi bộ xét ngày ${toViDate(ref)} khi` : 'Ứng viên';
      c.add('CERTIFICATE_MISSING', preVoteSeverity(facts), applied, `${when} chưa có giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng. Cử ứng viên đi học và ghi nhận ngày cấp giấy chứng nhận trước khi chi bộ xét.`, { refs: ['CN-NTVĐ'] });
    }
    return;
  }
  const expiry = addMonths(issued, validityMonths);
  if (c.refAfter(expiry)) {
    const todo = voted ? `, trước ngày chi bộ xét ${toViDate(ref)}. Nghị quyết chi bộ không hợp lệ; ứng viên phải học lại lớp.` : '. Ứng viên phải học lại lớp trước khi chi bộ xét.';
    c.add('CERTIFICATE_EXPIRED', preVoteSeverity(facts), applied, `${certText(issued, expiry)}${todo}`, { refs: ['CN-NTVĐ'] });
  } else if (!voted && c.onOrAfter(addMonths(expiry, -warnMonthsBefore))) {
    c.add('CERTIFICATE_EXPIRING', 'warning', applied, `${certText(issued, expiry)}. Chi bộ cần xét kết nạp chậm nhất ngày ${toViDate(expiry)}, sau ngày này ứng viên phải học lại.`, { due: expiry, refs: ['CN-NTVĐ'] });
  }
}

/** Introduction letters on file by the vote: 3-KNĐ documents, or introducers with a recorded letter date. */
function letterDays(facts: Facts): DayNumber[] {
  const fromDocs = facts.letters.filter((l) => l.day <= facts.refDay).map((l) => l.day);
  const fromIntroducers: DayNumber[] = [];
  for (const intro of facts.dossier.introducers) {
    if (intro.letterDate && toDay(intro.letterDate) <= facts.refDay) {
      fromIntroducers.push(toDay(intro.letterDate));
    }
  }
  return fromDocs.length >= fromIntroducers.length ? fromDocs : fromIntroducers;
}

/**
 * How many introducers have no introduction letter (3-KNĐ) on file by the vote. A letter is matched to its introducer
 * by its signer (docs/rules.md); with one introducer the only letter is theirs, whoever is written as its signer. A
 * letter date recorded on the introducer counts as their letter, and a letter filed without a signer stands for one
 * introducer not matched otherwise; a letter signed by someone else stands for no one, so two letters by the same
 * introducer leave the other without one.
 */
function introducersWithoutLetter(facts: Facts): number {
  const filed = facts.letters.filter((l) => l.day <= facts.refDay);
  const dated = (letterDate: string | null | undefined) => Boolean(letterDate) && toDay(letterDate!) <= facts.refDay;
  const introducers = facts.dossier.introducers;
  if (introducers.length === 1) {
    return filed.length > 0 || dated(introducers[0]!.letterDate) ? 0 : 1;
  }
  let unsigned = filed.filter((l) => !l.signer?.trim()).length;
  let without = 0;
  for (const introducer of introducers) {
    if (dated(introducer.letterDate) || filed.some((l) => l.signer?.trim() && sameName(l.signer, introducer.name))) {
      continue;
    }
    if (unsigned > 0) {
      unsigned--;
    } else {
      without++;
    }
  }
  return without;
}

/**
 * DOCUMENT_MISSING for the forms the chi bộ needs on the day it votes (1-, 2-, 5-KNĐ, one 3-KNĐ per introducer, the
 * union resolution of the path and the TTLL), and BACKGROUND_CHECK_MISSING for the certified verification result,
 * which may be dated on the vote day. Judged once the vote is recorded; before it the checklist shows what is
 * missing. Missing forms are grouped into one finding so the to-do list shows one line per candidate.
 */
export function checkPreVoteDocuments(c: Ctx): void {
  const { facts } = c;
  const ref = facts.refDay;
  const applied = c.rule('dossier-documents', ref);
  const background = c.rule('background-check', ref);
  const union = unionForm(facts, c.rule('introducers', ref).rule.parameters);
  const required: DocumentForm[] = [...applied.rule.parameters.beforeVote];
  if (union && !required.includes(union)) {
    required.push(union);
  }
  const form = background.rule.parameters.form;
  if (!required.includes(form)) {
    required.push(form);
  }
  const missing: { form: DocumentForm; text: string }[] = required.filter((f) => docOnOrBefore(facts, f, ref) === null).map((form) => ({ form, text: documentInSentence(form) }));
  const without = introducersWithoutLetter(facts);
  if (without > 0) {
    missing.push({ form: '3-KNĐ', text: without > 1 ? `3-KNĐ (thiếu ${without} giấy)` : '3-KNĐ' });
  }
  if (missing.length > 0) {
    c.add('DOCUMENT_MISSING', 'error', applied, `Hồ sơ còn thiếu ${missing.map((m) => m.text).join(', ')} khi chi bộ xét ngày ${toViDate(ref)}. Hoàn thiện và ghi nhận ngày của từng văn bản; báo cáo cấp ủy cơ sở.`, { refs: missing.map((m) => m.form) });
  }
  if (docOnOrBefore(facts, form, ref) === null) {
    c.add('BACKGROUND_CHECK_MISSING', 'error', background, `Chưa có kết luận thẩm tra lý lịch được cấp ủy cơ sở chứng nhận (ứng viên, cha mẹ, cha mẹ vợ/chồng hoặc người nuôi dưỡng, vợ/chồng, con đã thành niên) đến ngày chi bộ xét ${toViDate(ref)}. Đôn đốc cấp ủy cơ sở hoàn thành thẩm tra.`, { refs: [form] });
  }
}

function noteStale(c: Ctx, stale: string[], refs: string[], form: string, day: DayNumber, maxAgeMonths: number): void {
  if (c.refAfter(addMonths(day, maxAgeMonths))) {
    stale.push(`${form} ngày ${toViDate(day)}`);
    refs.push(form);
  }
}

/**
 * Rule `document-freshness` [M]: letters, union resolutions, the 5-KNĐ summary and the verification result older
 * than 12 months on the vote day (or today before it) must be redone. Exactly 12 months is still fresh.
 */
export function checkFreshness(c: Ctx): void {
  const { facts } = c;
  const ref = facts.refDay;
  const applied = c.rule('document-freshness', ref);
  const { maxAgeMonths, forms } = applied.rule.parameters;
  const stale: string[] = [];
  const refs: string[] = [];
  for (const form of forms) {
    if (form === '3-KNĐ') {
      for (const day of letterDays(facts)) {
        noteStale(c, stale, refs, form, day, maxAgeMonths);
      }
    } else {
      const day = docOnOrBefore(facts, form, ref);
      if (day !== null) {
        noteStale(c, stale, refs, form, day, maxAgeMonths);
      }
    }
  }
  if (stale.length > 0) {
    const text = hasVoted(facts)
      ? `ngày chi bộ xét ${toViDate(ref)}: ${stale.join(', ')}. Hồ sơ có thể bị cấp trên trả lại; báo cáo cấp ủy cơ sở.`
      : `nay: ${stale.join(', ')}. Làm lại các văn bản này trước khi chi bộ xét.`;
    c.add('DOCUMENT_STALE', 'warning', applied, `Quá ${maxAgeMonths} tháng tính đến ${text}`, { refs: [...new Set(refs)] });
  }
}
