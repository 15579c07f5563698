import { DOTS, documentTitle, partyHeader, recipientsAndSignature } from '../party-document';
import type { FormInput } from './common';
import { body, formMeta, identityLines, lastBody, packForm, viDate } from './common';

const WORKPLACE_BODY = { doan: 'Đoàn Thanh niên Cộng sản Hồ Chí Minh', 'cong-doan': 'Công đoàn cơ sở', 'hai-dang-vien': DOTS } as const;

/**
 * Draft of 5-KNĐ, the cell committee's summary of the comments of the workplace mass organisation and of the
 * residence cell on a person applying to join. The opinions themselves are left blank: only people give them.
 */
export async function form5Docx(input: FormInput): Promise<Buffer> {
  const { dossier: d, unit } = input;
  const doc = d.documents.filter((x) => x.form === '5-KNĐ').sort((a, b) => a.date.localeCompare(b.date)).at(-1);
  const meta = formMeta(unit, input.number, doc?.date ?? null, 'T/M CHI ỦY (CHI BỘ)');
  const workplace = WORKPLACE_BODY[d.candidate.introductionPath ?? 'hai-dang-vien'];
  const opinion = (who: string) => [
    body(`Tổng số được hỏi ý kiến: ${DOTS}; số đồng ý: ${DOTS}; số không đồng ý: ${DOTS}.`),
    body(`Ưu điểm chính: ${DOTS}${DOTS}${DOTS}`),
    body(`Khuyết điểm chính: ${DOTS}${DOTS}${DOTS}`),
    body(`(${who} ghi rõ ngày lấy ý kiến: ${DOTS})`),
  ];
  const children = [
    partyHeader(meta),
    ...documentTitle('TỔNG HỢP Ý KIẾN NHẬN XÉT', 'của đoàn thể chính trị - xã hội nơi làm việc và chi ủy (chi bộ) nơi cư trú đối với người vào Đảng'),
    body(`Căn cứ Điều lệ Đảng và hướng dẫn của Ban Tổ chức Trung ương, chi ủy ${unit.issuingBody} tổng hợp ý kiến nhận xét đối với quần chúng:`),
    ...identityLines(d, 'quần chúng'),
    body(`- Ngày vào danh sách cảm tình Đảng: ${viDate(d.events.find((e) => e.type === 'LISTED')?.date)}`),
    body(`1. Ý kiến nhận xét của đoàn thể nơi làm việc (${workplace})`, true),
    ...opinion('Đoàn thể'),
    body('2. Ý kiến nhận xét của chi ủy (chi bộ) nơi cư trú', true),
    ...opinion('Chi ủy nơi cư trú'),
    body('3. Ý kiến của chi ủy (chi bộ)', true),
    lastBody(`${DOTS}${DOTS}${DOTS}${DOTS}`),
    recipientsAndSignature(meta),
  ];
  return packForm(`5-KNĐ ${d.candidate.fullName}`, children);
}
