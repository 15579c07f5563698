import { DOTS, documentTitle, partyHeader, recipientsAndSignature } from '../party-document';
import type { FormInput } from './common';
import { body, formMeta, identityLines, lastBody, lastEvent, orDots, packForm, probationaryLine, viDate, votePercent } from './common';
import { probationEndOf } from '../../rules/check-deadlines';

/**
 * Draft of 13-KNĐ, the cell's resolution proposing recognition as a full member, dated on the recognition vote
 * with its vote numbers, the ceremony date and the end of probation.
 */
export async function form13Docx(input: FormInput): Promise<Buffer> {
  const { dossier: d, unit } = input;
  const vote = lastEvent(d, 'RECOGNITION_VOTED');
  const ceremony = lastEvent(d, 'CEREMONY_HELD');
  const decision = lastEvent(d, 'ADMISSION_DECIDED');
  const course = lastEvent(d, 'NEW_MEMBER_COURSE_DONE');
  const mentor = d.mentors.find((m) => m.role === 'probation');
  const meta = formMeta(unit, input.number, vote?.date ?? null);
  const children = [
    partyHeader(meta),
    ...documentTitle('NGHỊ QUYẾT', 'Đề nghị công nhận đảng viên chính thức'),
    body(`Ngày ${viDate(vote?.date)}, ${unit.issuingBody} đã họp để xét đề nghị công nhận đảng viên chính thức đối với đồng chí ${d.candidate.fullName}.`),
    body(`Tổng số đảng viên chính thức của chi bộ: ${orDots(vote?.eligible)} đồng chí. Có mặt: ${DOTS} đồng chí; vắng mặt: ${DOTS} đồng chí.`),
    probationaryLine(input),
    body('I. THÔNG TIN VỀ ĐẢNG VIÊN DỰ BỊ', true),
    ...identityLines(d, 'đồng chí'),
    body(`- Quyết định kết nạp số ${orDots(decision?.number)} ngày ${viDate(decision?.date)}; kết nạp vào Đảng (lễ kết nạp) ngày ${viDate(ceremony?.date)}.`),
    body(`- Hết thời hạn dự bị ngày: ${viDate(ceremony ? probationEndOf(ceremony.date) : null)}; học lớp bồi dưỡng đảng viên mới ngày: ${viDate(course?.date)}.`),
    body(`- Đảng viên chính thức được phân công giúp đỡ: đồng chí ${orDots(mentor?.name)}.`),
    body('II. NHẬN XÉT CỦA CHI BỘ TRONG THỜI GIAN DỰ BỊ', true),
    body(`1. Ưu điểm: ${DOTS}${DOTS}${DOTS}${DOTS}`),
    body(`2. Khuyết điểm: ${DOTS}${DOTS}${DOTS}${DOTS}`),
    body('III. KẾT QUẢ BIỂU QUYẾT', true),
    body(`Số đảng viên chính thức tán thành việc công nhận: ${orDots(vote?.yes)} đồng chí, bằng ${vote ? votePercent(vote.yes, vote.eligible) : DOTS}% so với tổng số đảng viên chính thức của chi bộ; số không tán thành: ${DOTS} đồng chí.`),
    lastBody(`Chi bộ đề nghị ${unit.superiorCommittee} xem xét, công nhận đồng chí ${d.candidate.fullName} là đảng viên chính thức.`),
    recipientsAndSignature(meta),
  ];
  return packForm(`13-KNĐ ${d.candidate.fullName}`, children);
}
