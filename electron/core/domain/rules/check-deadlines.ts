import { DOCUMENT_LABELS } from '../../model/document-names';
import { addMonths, toDay, toIso, toViDate, type DayNumber } from '../calendar/days';
import { docOnOrBefore, type Ctx, type Dated } from './context';
import type { DeadlineKind, FindingCode } from './findings';
import { compileRulebooks, DEFAULT_RULEBOOKS, ruleAt, type RuleId, type RuleIndex, type Rulebook } from './rulebook';
import { cellVotePasses, committeeVotePasses } from './check-votes';

type Open = {
  kind: DeadlineKind;
  applied: { rule: { id: RuleId }; rulebookVersion: string };
  due: DayNumber;
  from?: DayNumber;
  dueCode: FindingCode;
  overdueCode: FindingCode;
  label: string;
  /** Built by the caller for the one case that applies: ahead of the deadline or past it. */
  message: string;
  refs: string[];
};

/** Records an open deadline and its one finding: `*_DUE` info while ahead, `*_OVERDUE` error once past. */
function openDeadline(c: Ctx, d: Open): void {
  const overdue = c.after(d.due);
  c.deadlines.push({
    kind: d.kind,
    rule: d.applied.rule.id,
    due: toIso(d.due),
    ...(d.from === undefined ? {} : { from: toIso(d.from) }),
    overdue,
    label: d.label,
  });
  const code = overdue ? d.overdueCode : d.dueCode;
  c.add(code, overdue ? 'error' : 'info', d.applied, d.message, { due: d.due, refs: d.refs });
}

/**
 * The day whose rule judges an act: its own date once done; while it is open, today's, the day it would be judged by
 * if done now, so a reminder's due date is the one the act will be held to (a rulebook in force from a later day
 * moves it only from that day on, which `Evaluation.validUntil` already stops at).
 */
export function actDay(c: Ctx, act: { day: DayNumber } | undefined, earliest: DayNumber = c.facts.asOf): DayNumber {
  return act?.day ?? Math.max(c.facts.asOf, earliest);
}

type DecisionEvent = Dated<'ADMISSION_DECIDED'> | Dated<'RECOGNITION_DECIDED'>;

/** Working days the admission decision deadline was extended by, capped at the rule's maximum. */
function extensionOf(c: Ctx, decision: DecisionEvent | undefined, max: number): number {
  // Files written before DECISION_EXTENDED existed recorded the extension on the decision itself.
  const legacy = decision?.event.type === 'ADMISSION_DECIDED' ? (decision.event.extensionDays ?? 0) : 0;
  return Math.min(c.facts.extensionDays + legacy, max);
}

/**
 * Rule `decision-deadline` for the admission (9-KNĐ, 60 working days after 6-KNĐ, plus a recorded extension of at
 * most 30) or recognition decision (16-KNĐ, 30 after 13-KNĐ). The due date is the normal one unless an extension
 * is recorded. Broken, whether still open or signed late, it is an error carrying the due date that was broken.
 */
function checkDecision(c: Ctx, admission: boolean, voteDay: DayNumber, decision: DecisionEvent | undefined): void {
  const applied = c.rule('decision-deadline', actDay(c, decision));
  const p = applied.rule.parameters;
  const days = admission ? p.admissionWorkingDays : p.recognitionWorkingDays;
  const extension = admission ? extensionOf(c, decision, p.maxExtensionWorkingDays) : 0;
  const what = admission ? 'quyết định kết nạp (9-KNĐ)' : 'quyết định công nhận đảng viên chính thức (16-KNĐ)';
  const vote = admission ? 'chi bộ đề nghị kết nạp' : 'chi bộ đề nghị công nhận';
  const refs = [admission ? '9-KNĐ' : '16-KNĐ'];
  const due = c.workingDaysAfter(voteDay, days + extension);
  const span = extension > 0 ? `${days} ngày làm việc, gia hạn thêm ${extension} ngày` : `${days} ngày làm việc`;
  if (decision) {
    if (decision.day > due) {
      c.add('DECISION_OVERDUE', 'error', applied, `${capitalise(what)} ký ngày ${toViDate(decision.day)}, quá hạn ${toViDate(due)} (${span} sau ngày ${vote} ${toViDate(voteDay)}). Cấp ủy có thẩm quyền phải kiểm điểm trách nhiệm.`, { due, refs });
    }
    return;
  }
  const canExtend = admission && extension < p.maxExtensionWorkingDays;
  openDeadline(c, {
    kind: admission ? 'admission-decision' : 'recognition-decision',
    applied,
    due,
    dueCode: 'DECISION_DUE',
    overdueCode: 'DECISION_OVERDUE',
    label: `Hạn ${what}`,
    message:
      c.after(due)
        ? `Quá hạn ${what}: hạn ${toViDate(due)} (${span} sau ngày ${vote} ${toViDate(voteDay)}). Đôn đốc và báo cáo cấp ủy cấp trên${canExtend ? '; nếu cấp có thẩm quyền đã gia hạn, ghi nhận việc gia hạn' : ''}.`
        : `Cấp ủy có thẩm quyền ra ${what} chậm nhất ngày ${toViDate(due)} (${span} sau ngày ${vote} ${toViDate(voteDay)}).`,
    refs,
  });
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The admission decision deadline, once the chi bộ vote has passed and the ĐUCS (if it voted) agreed. */
export function checkAdmissionDecision(c: Ctx): void {
  const { latest } = c.facts;
  const vote = latest.CHI_BO_VOTED;
  if (!vote || !cellVotePasses(c, vote)) {
    return;
  }
  const ducs = latest.DUCS_VOTED;
  if (!latest.ADMISSION_DECIDED && ducs && !committeeVotePasses(c, ducs)) {
    return;
  }
  checkDecision(c, true, vote.day, latest.ADMISSION_DECIDED);
}

/**
 * The recognition decision deadline after a passing 13-KNĐ vote. A vote recorded with no ceremony before it has no
 * probation to recognise: it is an order error (EVENT_ORDER_INVALID), and no deadline runs from it. Nor does one
 * from a vote held before the probation end (RECOGNITION_VOTE_TOO_EARLY): the chi bộ must vote again, and no
 * decision may be made on it.
 */
export function checkRecognitionDecision(c: Ctx): void {
  const vote = c.facts.latest.RECOGNITION_VOTED;
  const ceremony = c.facts.latest.CEREMONY_HELD;
  if (vote && ceremony && vote.day >= probationEnd(c.index, ceremony.day) && cellVotePasses(c, vote)) {
    checkDecision(c, false, vote.day, c.facts.latest.RECOGNITION_DECIDED);
  }
}

/**
 * Rule `ceremony-deadline`: 30 working days from the day the cell received the decision (the signing date when the
 * receipt is unknown, or always when a rulebook says `countFrom: 'signed'`). A later ceremony needs the superior's
 * consent (DONG-Y-CAP-TREN) dated before it; without one it is an error carrying the broken due date.
 */
export function checkCeremony(c: Ctx): void {
  const decision = c.facts.latest.ADMISSION_DECIDED;
  if (!decision) {
    return;
  }
  const ceremony = c.facts.latest.CEREMONY_HELD;
  const applied = c.rule('ceremony-deadline', actDay(c, ceremony));
  const { workingDays, countFrom } = applied.rule.parameters;
  const consentForm = applied.rule.parameters.consentForm ?? 'DONG-Y-CAP-TREN';
  const received = decision.event.received ? toDay(decision.event.received) : null;
  const start = countFrom === 'received' && received !== null ? received : decision.day;
  const startText = start === received ? `nhận quyết định ${toViDate(start)}` : `ký quyết định ${toViDate(start)}`;
  const due = c.workingDaysAfter(start, workingDays);
  const refs = ['9-KNĐ', consentForm];
  if (ceremony) {
    // `superiorConsent` is how files written before DONG-Y-CAP-TREN existed recorded the same consent.
    const consented = ceremony.event.superiorConsent === true || docOnOrBefore(c.facts, consentForm, ceremony.day - 1) !== null;
    if (ceremony.day > due && !consented) {
      c.add('CEREMONY_OVERDUE', 'error', applied, `Lễ kết nạp tổ chức ngày ${toViDate(ceremony.day)}, quá hạn ${toViDate(due)} (${workingDays} ngày làm việc từ ngày ${startText}) mà không có văn bản đồng ý của cấp ủy cấp trên ghi ngày trước lễ. Báo cáo cấp ủy cấp trên.`, { due, refs });
    }
    return;
  }
  const consent = docOnOrBefore(c.facts, consentForm, c.facts.asOf);
  if (c.after(due) && consent !== null) {
    c.deadlines.push({ kind: 'ceremony', rule: 'ceremony-deadline', due: toIso(due), overdue: false, label: `Tổ chức lễ kết nạp (cấp trên đồng ý tổ chức muộn ngày ${toViDate(consent)})` });
    return;
  }
  openDeadline(c, {
    kind: 'ceremony',
    applied,
    due,
    dueCode: 'CEREMONY_DUE',
    overdueCode: 'CEREMONY_OVERDUE',
    label: 'Hạn tổ chức lễ kết nạp',
    message:
      c.after(due)
        ? `Quá hạn tổ chức lễ kết nạp (hạn ${toViDate(due)}, ${workingDays} ngày làm việc từ ngày ${startText}). Báo cáo cấp ủy cấp trên; chỉ tổ chức khi có văn bản đồng ý và ghi nhận văn bản đó ở mục Tài liệu hồ sơ («${DOCUMENT_LABELS[consentForm]}»).`
        : `Tổ chức lễ kết nạp chậm nhất ngày ${toViDate(due)} (${workingDays} ngày làm việc từ ngày ${startText}).`,
    refs,
  });
}

/** Rule `member-records`: 1-HSĐV and 2-HSĐV within 30 working days after the ceremony. */
export function checkMemberRecords(c: Ctx): void {
  const ceremony = c.facts.latest.CEREMONY_HELD;
  if (!ceremony) {
    return;
  }
  const applied = c.rule('member-records', ceremony.day);
  const { workingDays, forms } = applied.rule.parameters;
  const due = c.workingDaysAfter(ceremony.day, workingDays);
  const missing = forms.filter((f) => !c.facts.docs[f]);
  if (missing.length === 0) {
    const late = forms.filter((f) => c.facts.docs[f]![0]! > due);
    if (late.length > 0) {
      c.add('MEMBER_RECORDS_OVERDUE', 'error', applied, `${late.join(', ')} lập sau hạn ${toViDate(due)} (${workingDays} ngày làm việc sau lễ kết nạp ${toViDate(ceremony.day)}).`, { due, refs: late });
    }
    return;
  }
  openDeadline(c, {
    kind: 'member-records',
    applied,
    due,
    dueCode: 'MEMBER_RECORDS_DUE',
    overdueCode: 'MEMBER_RECORDS_OVERDUE',
    label: 'Hạn lập hồ sơ đảng viên',
    message:
      c.after(due)
        ? `Quá hạn lập ${missing.join(', ')} (hạn ${toViDate(due)}, ${workingDays} ngày làm việc sau lễ kết nạp ${toViDate(ceremony.day)}). Hoàn thành ngay và báo cáo cấp ủy cơ sở.`
        : `Lập ${missing.join(', ')} chậm nhất ngày ${toViDate(due)} (${workingDays} ngày làm việc sau lễ kết nạp ${toViDate(ceremony.day)}).`,
    refs: missing,
  });
}

/** Rule `probation`: the probation end day for a ceremony day, with the rule version in force on the ceremony. */
export function probationEnd(index: RuleIndex, ceremonyDay: DayNumber): DayNumber {
  return addMonths(ceremonyDay, ruleAt(index, 'probation', ceremonyDay).rule.parameters.months);
}

/**
 * Rule `probation` for code outside an evaluation (forms, the roster): the ISO probation end of a ceremony held on
 * `ceremony` (ISO), under the rulebooks given or the shipped one.
 */
export function probationEndOf(ceremony: string, rulebooks: readonly Rulebook[] = DEFAULT_RULEBOOKS): string {
  return toIso(probationEnd(compileRulebooks(rulebooks), toDay(ceremony)));
}
