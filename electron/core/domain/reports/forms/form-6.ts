import type { Introducer } from '../../../model/dossier';
import { DOTS, documentTitle, partyHeader, recipientsAndSignature } from '../party-document';
import type { FormInput } from './common';
import { body, formMeta, identityLines, lastBody, lastEvent, orDots, packForm, probationaryLine, viDate, votePercent } from './common';

const PATH_TEXT = { doan: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', 'cong-doan': 'Công đoàn cơ sở' } as const;

function introducersText(introducers: Introducer[]): string {
  return introducers.length === 0 ? DOTS : introducers.map((i) => `đồng chí ${i.name}`).join(' và ');
}

/**
 * Draft of 6-KNĐ, the cell's resolution proposing admission, dated on the chi bộ vote with its vote numbers
 * (yes votes against all the cell's full members, docs/rules.md vote-chi-bo). Blanks where the data has nothing.
 */
export async function form6Docx(input: FormInput): Promise<Buffer> {
  const { dossier: d, unit } = input;
  const vote = lastEvent(d, 'CHI_BO_VOTED');
  const course = lastEvent(d, 'COURSE_CERTIFIED');
  const union = d.candidate.introductionPath === 'doan' || d.candidate.introductionPath === 'cong-doan' ? PATH_TEXT[d.candidate.introductionPath] : null;
  const meta = formMeta(unit, input.number, vote?.date ?? null);
  const children = [
    partyHeader(meta),
    ...documentTitle('NGHỊ QUYẾT', 'Đề nghị kết nạp đảng viên'),
    body(`Ngày ${viDate(vote?.date)}, ${unit.issuingBody} đã họp để xét đề nghị kết nạp vào Đảng đối với quần chúng ${d.candidate.fullName}.`),
    body(`Tổng số đảng viên chính thức của chi bộ: ${orDots(vote?.eligible)} đồng chí. Có mặt: ${DOTS} đồng chí; vắng mặt: ${DOTS} đồng chí (có lý do: ${DOTS}).`),
    probationaryLine(input),
    body(`Chủ trì hội nghị: đồng chí ${orDots(unit.secretary)}; thư ký hội nghị: đồng chí ${DOTS}.`),
    body('I. THÔNG TIN VỀ NGƯỜI XIN VÀO ĐẢNG', true),
    ...identityLines(d, 'quần chúng'),
    body(`- Được cấp giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng ngày: ${viDate(course?.date)}`),
    body(`- Người giới thiệu: ${introducersText(d.introducers)}${union ? `; tổ chức giới thiệu: ${union}` : ''}.`),
    body('II. NHẬN XÉT CỦA CHI BỘ', true),
    body('Sau khi xem xét đơn xin vào Đảng, lý lịch, kết quả thẩm tra lý lịch, giấy giới thiệu của đảng viên chính thức và ý kiến nhận xét của đoàn thể chính trị - xã hội nơi làm việc, chi ủy (chi bộ) nơi cư trú, chi bộ nhận thấy:'),
    body(`1. Ưu điểm: ${DOTS}${DOTS}${DOTS}${DOTS}`),
    body(`2. Khuyết điểm: ${DOTS}${DOTS}${DOTS}${DOTS}`),
    body('III. KẾT QUẢ BIỂU QUYẾT', true),
    body(`Số đảng viên chính thức tán thành việc kết nạp: ${orDots(vote?.yes)} đồng chí, bằng ${vote ? votePercent(vote.yes, vote.eligible) : DOTS}% so với tổng số đảng viên chính thức của chi bộ; số không tán thành: ${DOTS} đồng chí.`),
    lastBody(`Chi bộ đề nghị ${unit.superiorCommittee} xem xét, kết nạp quần chúng ${d.candidate.fullName} vào Đảng Cộng sản Việt Nam.`),
    recipientsAndSignature(meta),
  ];
  return packForm(`6-KNĐ ${d.candidate.fullName}`, children);
}
