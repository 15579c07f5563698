import { toViDate } from '../calendar/days';
import type { Ctx, Dated } from './context';
import { voteOutcome } from './votes';

type CellVote = Dated<'CHI_BO_VOTED'> | Dated<'RECOGNITION_VOTED'>;
type CommitteeVote = Dated<'DUCS_VOTED'> | Dated<'DUCS_RECOGNITION_VOTED'>;

/** True when the latest chi bộ vote of this kind reached the threshold of the rule in force on its day. */
export function cellVotePasses(c: Ctx, vote: CellVote): boolean {
  const { parameters } = c.rule('vote-chi-bo', vote.day).rule;
  return voteOutcome(vote.event.yes, vote.event.eligible, parameters).passes;
}

/** True when the latest ĐUCS vote of this kind reached the threshold of the rule in force on its day. */
export function committeeVotePasses(c: Ctx, vote: CommitteeVote): boolean {
  const { parameters } = c.rule('vote-ducs', vote.day).rule;
  return voteOutcome(vote.event.yes, vote.event.members, parameters).passes;
}

const CELL_FORM = { CHI_BO_VOTED: '6-KNĐ', RECOGNITION_VOTED: '13-KNĐ' } as const;
const COMMITTEE_FORM = { DUCS_VOTED: '8-KNĐ', DUCS_RECOGNITION_VOTED: '15-KNĐ' } as const;

function checkCellVote(c: Ctx, vote: CellVote): void {
  const applied = c.rule('vote-chi-bo', vote.day);
  const { numerator, denominator } = applied.rule.parameters;
  const { yes, eligible } = vote.event;
  const form = CELL_FORM[vote.event.type];
  const outcome = voteOutcome(yes, eligible, applied.rule.parameters);
  const when = `Chi bộ biểu quyết (${form}) ngày ${toViDate(vote.day)}`;
  if (eligible === 0) {
    c.add('VOTE_BELOW_THRESHOLD', 'error', applied, `${when}: tổng số đảng viên chính thức của chi bộ ghi là 0. Kiểm tra lại số liệu biểu quyết.`, { refs: [form] });
  } else if (yes > eligible) {
    c.add('VOTE_BELOW_THRESHOLD', 'error', applied, `${when}: ${yes} phiếu tán thành nhiều hơn tổng số ${eligible} đảng viên chính thức. Kiểm tra lại số liệu biểu quyết.`, { refs: [form] });
  } else if (!outcome.passes) {
    c.add('VOTE_BELOW_THRESHOLD', 'error', applied, `${when}: ${yes}/${eligible} đảng viên chính thức tán thành, cần ít nhất ${outcome.needed} (${numerator}/${denominator}). Nghị quyết không đạt; không được chuyển hồ sơ lên cấp trên.`, { refs: [form] });
  }
}

function checkCommitteeVote(c: Ctx, vote: CommitteeVote): void {
  const applied = c.rule('vote-ducs', vote.day);
  const { numerator, denominator } = applied.rule.parameters;
  const { yes, members } = vote.event;
  const form = COMMITTEE_FORM[vote.event.type];
  const outcome = voteOutcome(yes, members, applied.rule.parameters);
  if (!outcome.passes) {
    const why = yes > members ? `số phiếu tán thành ${yes} nhiều hơn số cấp ủy viên ${members}` : `${yes}/${members} cấp ủy viên tán thành, cần ít nhất ${outcome.needed} (${numerator}/${denominator})`;
    c.add('VOTE_BELOW_THRESHOLD', 'error', applied, `Đảng ủy cơ sở biểu quyết (${form}) ngày ${toViDate(vote.day)}: ${why}. Nghị quyết không đạt; kiểm tra lại.`, { refs: [form] });
  }
}

/**
 * Rules `vote-chi-bo` and `vote-ducs` on the latest vote of each kind (a re-vote replaces a failed one): the
 * denominator is the cell's total ĐVCT or the committee's members, never those present.
 */
export function checkVotes(c: Ctx): void {
  const { latest } = c.facts;
  if (latest.CHI_BO_VOTED) {
    checkCellVote(c, latest.CHI_BO_VOTED);
  }
  if (latest.RECOGNITION_VOTED) {
    checkCellVote(c, latest.RECOGNITION_VOTED);
  }
  if (latest.DUCS_VOTED) {
    checkCommitteeVote(c, latest.DUCS_VOTED);
  }
  if (latest.DUCS_RECOGNITION_VOTED) {
    checkCommitteeVote(c, latest.DUCS_RECOGNITION_VOTED);
  }
}
