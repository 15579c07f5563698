import type { DocumentForm } from './dossier';

/** The papers of a dossier by their names, as the screens, the messages of the rules and the documents show them. */
export const DOCUMENT_LABELS: Readonly<Record<DocumentForm, string>> = {
  '1-KNĐ': 'Đơn xin vào Đảng',
  '2-KNĐ': 'Lý lịch của người xin vào Đảng',
  '3-KNĐ': 'Giấy giới thiệu người vào Đảng',
  '4-KNĐ': 'Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng',
  '4A-KNĐ': 'Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng',
  '5-KNĐ': 'Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú',
  '6-KNĐ': 'Nghị quyết đề nghị kết nạp của chi bộ',
  '7-KNĐ': 'Báo cáo thẩm định của đảng ủy bộ phận',
  '8-KNĐ': 'Nghị quyết đề nghị kết nạp của đảng ủy cơ sở',
  '9-KNĐ': 'Quyết định kết nạp đảng viên',
  '10-KNĐ': 'Bản tự kiểm điểm của đảng viên dự bị',
  '11-KNĐ': 'Bản nhận xét của đảng viên giúp đỡ',
  '12-KNĐ': 'Tổng hợp ý kiến nhận xét đảng viên dự bị',
  '13-KNĐ': 'Nghị quyết đề nghị công nhận chính thức của chi bộ',
  '14-KNĐ': 'Báo cáo thẩm định công nhận chính thức',
  '15-KNĐ': 'Nghị quyết đề nghị công nhận chính thức của đảng ủy cơ sở',
  '16-KNĐ': 'Quyết định công nhận đảng viên chính thức',
  TTLL: 'Kết quả thẩm tra lý lịch',
  '1-HSĐV': 'Phiếu đảng viên',
  '2-HSĐV': 'Lý lịch đảng viên',
  'DONG-Y-TINH': 'Văn bản đồng ý của Ban Thường vụ Tỉnh ủy',
  'DONG-Y-CAP-TREN': 'Văn bản đồng ý của cấp ủy cấp trên (tổ chức lễ kết nạp muộn)',
};

/**
 * A document form as a picker offers it: an official form number ("3-KNĐ", "1-HSĐV") is what the secretary knows
 * the paper by, so it leads; the app's own names for papers with no number (DONG-Y-CAP-TREN, TTLL) are not shown.
 */
export function documentFormText(form: DocumentForm): string {
  return /-(KNĐ|HSĐV)$/.test(form) ? `${form} — ${DOCUMENT_LABELS[form]}` : DOCUMENT_LABELS[form];
}

/**
 * A document form inside a sentence of a finding: an official form number as it is ("5-KNĐ"), a paper the app names
 * itself by its name ("kết quả thẩm tra lý lịch"), never the app's own code for it (TTLL, DONG-Y-CAP-TREN).
 */
export function documentInSentence(form: DocumentForm): string {
  if (/-(KNĐ|HSĐV)$/.test(form)) {
    return form;
  }
  const name = DOCUMENT_LABELS[form];
  return name.charAt(0).toLowerCase() + name.slice(1);
}
