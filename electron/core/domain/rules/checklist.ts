import type { Dossier } from '../../model/dossier';
import { addWorkingDaysN } from '../calendar/calendar';
import { addMonths, toDay, toIso, toViDate, type DayNumber } from '../calendar/days';
import { probationEnd } from './check-deadlines';
import { introductionPath, letterDayOf, pathProblems, UNION_FORM } from './check-introducers';
import { ageInMonths, collectFacts, docOnOrBefore, type EvalContext, type Facts } from './context';
import { ageLimits, compileRulebooks, ruleAt, youthBelowMonths, type RuleIndex } from './rulebook';
import { deriveStage, stageRank, STAGE_OF_EVENT, isTerminalStage, type Stage } from './stage';

export type ChecklistStatus = 'present' | 'missing' | 'stale' | 'expired' | 'not-yet';

export type ChecklistItem = {
  /** A form code (`1-KNĐ`…, `TTLL`, `1-HSĐV`) or a certificate: `CN-NTVĐ` (awareness course), `CN-ĐVM` (new members). */
  form: string;
  label: string;
  required: boolean;
  status: ChecklistStatus;
  date?: string;
  signer?: string;
  dueNote?: string;
};

type Builder = { facts: Facts; index: RuleIndex; ctx: EvalContext; stage: Stage; items: ChecklistItem[] };

type ItemSpec = {
  form: string;
  label: string;
  required?: boolean;
  /** True once the item is needed at the candidate's stage: absent then means missing, before it not-yet. */
  expected: boolean;
  /** A day the item exists from (an event standing for the form), overriding the documents. */
  day?: DayNumber | null;
  dueNote?: string;
};

function push(b: Builder, spec: ItemSpec): void {
  const form = spec.form as Dossier['documents'][number]['form'];
  const day = spec.day !== undefined ? spec.day : docOnOrBefore(b.facts, form, b.facts.asOf);
  const item: ChecklistItem = { form: spec.form, label: spec.label, required: spec.required ?? true, status: 'present' };
  if (day === null) {
    item.status = spec.expected ? 'missing' : 'not-yet';
  } else {
    item.date = toIso(day);
    const signer = b.facts.dossier.documents.find((d) => d.form === form && toDay(d.date) === day)?.signer;
    if (signer) {
      item.signer = signer;
    }
    const fresh = ruleAt(b.index, 'document-freshness', b.facts.refDay).rule.parameters;
    const judged = b.facts.voteDay === null || day <= b.facts.refDay;
    if (judged && fresh.forms.includes(form) && addMonths(day, fresh.maxAgeMonths) < b.facts.refDay) {
      item.status = 'stale';
    }
  }
  if (spec.dueNote) {
    item.dueNote = spec.dueNote;
  }
  b.items.push(item);
}

const BEFORE_VOTE = 'Trước khi chi bộ xét kết nạp';

function addCertificate(b: Builder, preparing: boolean): void {
  const { facts } = b;
  const issued = facts.courses.filter((d) => d <= facts.refDay).at(-1) ?? null;
  const item: ChecklistItem = {
    form: 'CN-NTVĐ',
    label: 'Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng',
    required: true,
    status: issued === null ? (preparing ? 'missing' : 'not-yet') : 'present',
    dueNote: BEFORE_VOTE,
  };
  if (issued !== null) {
    const months = ruleAt(b.index, 'course-certificate', facts.refDay).rule.parameters.validityMonths;
    const expiry = addMonths(issued, months);
    item.date = toIso(issued);
    item.status = facts.refDay > expiry ? 'expired' : 'present';
    item.dueNote = `Còn giá trị đến hết ngày ${toViDate(expiry)}`;
  }
  b.items.push(item);
}

function addPreVote(b: Builder): void {
  const { facts } = b;
  const preparing = stageRank(b.stage) >= stageRank('lam-ho-so');
  addCertificate(b, preparing);
  push(b, { form: '1-KNĐ', label: 'Đơn xin vào Đảng', expected: preparing, dueNote: BEFORE_VOTE });
  push(b, { form: '2-KNĐ', label: 'Lý lịch của người xin vào Đảng', expected: preparing, dueNote: BEFORE_VOTE });
  push(b, { form: 'TTLL', label: 'Kết luận thẩm tra lý lịch (cấp ủy cơ sở chứng nhận)', expected: preparing, dueNote: BEFORE_VOTE });
  const params = ruleAt(b.index, 'introducers', facts.refDay).rule.parameters;
  const youthBelow = youthBelowMonths(params);
  let path = introductionPath(facts, youthBelow);
  if (path !== 'hai-dang-vien' && pathProblems(facts, path, youthBelow).length > 0) {
    path = 'hai-dang-vien';
  }
  const letters = path === 'hai-dang-vien' ? params.fullMembersDefault : params.fullMembersWithUnion;
  const days = (facts.docs['3-KNĐ'] ?? []).filter((d) => d <= facts.asOf);
  for (let i = 0; i < letters; i++) {
    const intro = facts.dossier.introducers[i];
    const day = intro ? letterDayOf(facts, intro.name, intro.letterDate) : (days[i] ?? null);
    const who = intro ? `: ${intro.name}` : '';
    push(b, { form: '3-KNĐ', label: `Giấy giới thiệu người vào Đảng (người thứ ${i + 1}${who})`, expected: preparing, day, dueNote: BEFORE_VOTE });
  }
  if (path !== 'hai-dang-vien') {
    const label = path === 'doan' ? 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (BCH Đoàn cơ sở)' : 'Nghị quyết giới thiệu công đoàn viên ưu tú vào Đảng (BCH công đoàn cơ sở)';
    push(b, { form: UNION_FORM[path], label, expected: preparing, dueNote: BEFORE_VOTE });
  }
  push(b, { form: '5-KNĐ', label: 'Tổng hợp ý kiến nhận xét của đoàn thể nơi làm việc và chi ủy nơi cư trú', expected: preparing, dueNote: BEFORE_VOTE });
  const over = ageInMonths(facts, facts.refDay) > ageLimits(ruleAt(b.index, 'age', facts.refDay).rule.parameters).max;
  if (over || facts.dossier.candidate.educationException === 'literate') {
    push(b, { form: 'DONG-Y-TINH', label: 'Văn bản đồng ý của ban thường vụ tỉnh ủy (trên 60 tuổi hoặc ngoại lệ học vấn)', expected: preparing, dueNote: BEFORE_VOTE });
  }
}

function addAdmission(b: Builder): void {
  const { latest } = b.facts;
  const hasDucs = (b.facts.dossier.unit.ducsMembers ?? 0) > 0;
  const voteDay = latest.CHI_BO_VOTED?.day ?? null;
  const decisionRule = voteDay === null ? null : ruleAt(b.index, 'decision-deadline', voteDay).rule.parameters;
  const decisionDays = decisionRule ? decisionRule.admissionWorkingDays + Math.min(b.facts.extensionDays, decisionRule.maxExtensionWorkingDays) : 0;
  const decisionNote = voteDay === null ? undefined : `Chậm nhất ngày ${toViDate(addWorkingDaysN(voteDay, decisionDays, b.ctx.calendar))}`;
  push(b, { form: '6-KNĐ', label: 'Nghị quyết chi bộ đề nghị kết nạp', expected: false, day: voteDay ?? docOnOrBefore(b.facts, '6-KNĐ', b.facts.asOf) });
  push(b, { form: '7-KNĐ', label: 'Báo cáo thẩm định của đảng ủy bộ phận (nếu có)', required: false, expected: false });
  push(b, { form: '8-KNĐ', label: 'Nghị quyết đảng ủy cơ sở đề nghị kết nạp', required: hasDucs, expected: hasDucs && latest.ADMISSION_DECIDED !== undefined, day: latest.DUCS_VOTED?.day ?? docOnOrBefore(b.facts, '8-KNĐ', b.facts.asOf) });
  push(b, { form: '9-KNĐ', label: 'Quyết định kết nạp đảng viên', expected: false, day: latest.ADMISSION_DECIDED?.day ?? docOnOrBefore(b.facts, '9-KNĐ', b.facts.asOf), ...(decisionNote ? { dueNote: decisionNote } : {}) });
}

function addProbation(b: Builder): void {
  const { latest } = b.facts;
  const ceremony = latest.CEREMONY_HELD?.day ?? null;
  const inProbation = ceremony !== null;
  const end = ceremony === null ? null : probationEnd(b.index, ceremony);
  const ended = end !== null && b.facts.asOf >= end;
  const records = ceremony === null ? undefined : `Chậm nhất ngày ${toViDate(addWorkingDaysN(ceremony, ruleAt(b.index, 'member-records', ceremony).rule.parameters.workingDays, b.ctx.calendar))}`;
  const recognition = end === null ? undefined : `Từ ngày hết dự bị ${toViDate(end)}`;
  const hasDucs = (b.facts.dossier.unit.ducsMembers ?? 0) > 0;
  push(b, { form: '1-HSĐV', label: 'Lý lịch đảng viên', expected: inProbation, ...(records ? { dueNote: records } : {}) });
  push(b, { form: '2-HSĐV', label: 'Phiếu đảng viên', expected: inProbation, ...(records ? { dueNote: records } : {}) });
  push(b, { form: 'CN-ĐVM', label: 'Giấy chứng nhận lớp bồi dưỡng lý luận chính trị cho đảng viên mới', expected: inProbation, day: latest.NEW_MEMBER_COURSE_DONE?.day ?? null, ...(recognition ? { dueNote: 'Trước khi chi bộ xét công nhận' } : {}) });
  // The papers of the recognition dossier the rulebook names are listed as missing once probation ends; no finding
  // is made of them (DOCUMENT_MISSING covers the papers before the admission vote and the member records only).
  const recognitionPapers: readonly string[] = end === null ? [] : ruleAt(b.index, 'dossier-documents', latest.RECOGNITION_VOTED?.day ?? end).rule.parameters.beforeRecognitionVote;
  push(b, { form: '10-KNĐ', label: 'Bản tự kiểm điểm của đảng viên dự bị', expected: ended && recognitionPapers.includes('10-KNĐ') });
  push(b, { form: '11-KNĐ', label: 'Bản nhận xét đảng viên dự bị của đảng viên chính thức giúp đỡ', expected: ended && recognitionPapers.includes('11-KNĐ') });
  push(b, { form: '12-KNĐ', label: 'Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú đối với đảng viên dự bị', expected: ended && recognitionPapers.includes('12-KNĐ') });
  push(b, { form: '13-KNĐ', label: 'Nghị quyết chi bộ đề nghị công nhận đảng viên chính thức', expected: ended, day: latest.RECOGNITION_VOTED?.day ?? docOnOrBefore(b.facts, '13-KNĐ', b.facts.asOf), ...(recognition ? { dueNote: recognition } : {}) });
  push(b, { form: '14-KNĐ', label: 'Báo cáo thẩm định của đảng ủy bộ phận (nếu có)', required: false, expected: false });
  push(b, { form: '15-KNĐ', label: 'Nghị quyết đảng ủy cơ sở đề nghị công nhận đảng viên chính thức', required: hasDucs, expected: false, day: latest.DUCS_RECOGNITION_VOTED?.day ?? docOnOrBefore(b.facts, '15-KNĐ', b.facts.asOf) });
  push(b, { form: '16-KNĐ', label: 'Quyết định công nhận đảng viên chính thức', expected: false, day: latest.RECOGNITION_DECIDED?.day ?? docOnOrBefore(b.facts, '16-KNĐ', b.facts.asOf) });
}

/**
 * The dossier checklist for the candidate's introduction path and stage: every form of the whole journey, each
 * present (with date and signer), stale, expired, missing (needed at this stage and absent) or not yet needed.
 * A terminal candidate's checklist is the one of the stage they had reached.
 */
export function computeChecklist(dossier: Dossier, asOf: string, ctx: EvalContext): ChecklistItem[] {
  const index = compileRulebooks(ctx.rulebooks);
  const facts = collectFacts(dossier, toDay(asOf), asOf);
  const notTerminal = (e: { type: keyof typeof STAGE_OF_EVENT }) => {
    const stage = STAGE_OF_EVENT[e.type];
    return stage === null || !isTerminalStage(stage);
  };
  const progress = isTerminalStage(facts.stage) ? deriveStage(dossier.events.filter(notTerminal), asOf) : facts.stage;
  const b: Builder = { facts, index, ctx, stage: progress, items: [] };
  addPreVote(b);
  addAdmission(b);
  addProbation(b);
  return b.items;
}
