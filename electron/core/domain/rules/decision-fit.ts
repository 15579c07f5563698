import { formatViDate } from '../../model/dates';
import type { CandidateEvent } from '../../model/dossier';
import { probationEndOf } from './check-deadlines';
import { deriveStage, STAGE_LABELS } from './stage';

export type DecisionKind = 'admission' | 'recognition';

/** The one stage a decision of each kind takes a person on from. */
export const DECISION_STAGE = { admission: 'cap-uy-xet', recognition: 'du-bi' } as const satisfies Record<DecisionKind, string>;

/**
 * Why a decision of `kind` does not fit a person with these events, or null when it does. A decision may only
 * take the next step: admission after the chi bộ and ĐUCS votes, recognition after the probation end and the
 * 13-KNĐ vote, so nothing moves a person two stages at once.
 */
export function decisionMisfit(events: readonly CandidateEvent[], kind: DecisionKind): string | null {
  const stage = deriveStage(events);
  const has = (type: CandidateEvent['type']) => events.some((e) => e.type === type);
  const at = `người này đang ở giai đoạn «${STAGE_LABELS[stage]}»`;
  if (kind === 'admission') {
    if (stage !== 'cap-uy-xet') {
      return has('ADMISSION_DECIDED') ? `Đã có quyết định kết nạp; ${at}.` : `Chưa đủ điều kiện ra quyết định kết nạp: ${at}, cần chi bộ và đảng ủy cơ sở đã biểu quyết đề nghị kết nạp.`;
    }
    return has('CHI_BO_VOTED') ? null : `Chưa đủ điều kiện ra quyết định kết nạp: chưa ghi chi bộ biểu quyết đề nghị kết nạp.`;
  }
  if (stage !== 'du-bi') {
    return stage === 'chinh-thuc' ? `Đã là đảng viên chính thức; không cần quyết định công nhận nữa.` : `Chưa đủ điều kiện công nhận đảng viên chính thức: ${at}, cần là đảng viên dự bị đã hết thời hạn dự bị và chi bộ đã biểu quyết (13-KNĐ).`;
  }
  const ceremony = events.find((e) => e.type === 'CEREMONY_HELD');
  const vote = events.find((e) => e.type === 'RECOGNITION_VOTED');
  if (!ceremony || !vote) {
    return `Chưa đủ điều kiện công nhận đảng viên chính thức: ${ceremony ? 'chi bộ chưa biểu quyết công nhận (13-KNĐ)' : 'chưa ghi lễ kết nạp'}.`;
  }
  const end = probationEndOf(ceremony.date);
  if (vote.date < end) {
    return `Chưa đủ điều kiện công nhận đảng viên chính thức: chi bộ biểu quyết (${vote.date}) trước ngày hết thời hạn dự bị (${end}).`;
  }
  return null;
}

const DECISION_VOTES = { admission: ['CHI_BO_VOTED', 'DUCS_VOTED'], recognition: ['RECOGNITION_VOTED', 'DUCS_RECOGNITION_VOTED'] } as const;

/**
 * Why a decision of `kind` signed on `date` (ISO) cannot be recorded: it would be dated before a vote that proposed
 * it, which the unit's checks would then report as EVENT_ORDER_INVALID. Null when the date fits.
 */
export function decisionDateMisfit(events: readonly CandidateEvent[], kind: DecisionKind, date: string): string | null {
  const votes = events.filter((e) => (DECISION_VOTES[kind] as readonly string[]).includes(e.type));
  const latest = votes.reduce<CandidateEvent | null>((last, e) => (last === null || e.date > last.date ? e : last), null);
  if (latest === null || date >= latest.date) {
    return null;
  }
  const vote = latest.type === 'CHI_BO_VOTED' || latest.type === 'RECOGNITION_VOTED' ? 'chi bộ biểu quyết' : 'đảng ủy cơ sở biểu quyết';
  return `Ngày ký quyết định (${formatViDate(date)}) trước ngày ${vote} đề nghị (${formatViDate(latest.date)}); quyết định phải ký từ ngày đó trở đi.`;
}
