/**
 * The words for a bundle's kind and contents, shared by the sync screens and the CLI so neither prints the codes
 * ("unit-report", "candidates 40") to a secretary; the data and `--json` output keep the codes.
 */

/** A label for a code, or the code itself when it is newer than this build: shown rather than hidden. */
export const labelOf = (labels: Readonly<Record<string, string>>, code: string): string => labels[code] ?? code;

export const BUNDLE_KIND_LABELS: Readonly<Record<string, string>> = {
  'unit-report': 'Báo cáo',
  directive: 'Chỉ đạo',
  enrolment: 'Đăng ký',
};

/** What a directive item is, by its kind. */
export const DIRECTIVE_ITEM_LABELS: Readonly<Record<string, string>> = {
  receipt: 'Biên nhận',
  decision: 'Quyết định',
  comment: 'Ý kiến',
  'request-dossier': 'Đề nghị bổ sung hồ sơ',
  'report-review': 'Ý kiến về báo cáo',
  'rules-update': 'Lịch và bộ quy tắc',
};

/** A directive item on one line of text: its kind in words, left out where its text already starts with them. */
export function directiveItemText(kind: string, text: string): string {
  const label = labelOf(DIRECTIVE_ITEM_LABELS, kind);
  return text.startsWith(label) ? text : `${label}: ${text}`;
}

const COUNT_LABELS: Readonly<Record<string, string>> = {
  candidates: 'hồ sơ người vào Đảng',
  members: 'đảng viên',
  targets: 'chỉ tiêu',
  frozenReports: 'báo cáo đã chốt',
  receipts: 'biên nhận',
  decisions: 'quyết định',
  notes: 'ý kiến',
  holidays: 'ngày nghỉ',
  rulebooks: 'bộ quy tắc',
  forwardedUnits: 'đơn vị cấp dưới (chuyển tiếp)',
  // Read at both ends: the issuer hands them to the unit on the way, which passes them down.
  relayed: 'mục chỉ đạo chuyển tiếp qua đơn vị trung gian',
};

/** What a bundle carried: "41 hồ sơ người vào Đảng, 23 đảng viên". */
export function countsText(counts: Readonly<Record<string, number>>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([key, n]) => `${n.toLocaleString('vi-VN')} ${labelOf(COUNT_LABELS, key)}`);
  return parts.length > 0 ? parts.join(', ') : 'không có bản ghi';
}
