import type { CliIo } from '../io';

export type Command = {
  /** Words after `ptdv`, e.g. `['bundle', 'import']`. */
  path: string[];
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
};

type Loader = { path: string[]; summary: string; load: () => Promise<Command> };

/** Commands load lazily so `ptdv --help` and `ptdv check` stay fast and never open a database they don't need. */
export const commands: Loader[] = [
  { path: ['check'], summary: 'Kiểm tra hồ sơ theo bộ quy tắc', load: async () => (await import('./check')).command },
  { path: ['init'], summary: 'Tạo cơ sở dữ liệu mới cho một đơn vị', load: async () => (await import('./init')).command },
  { path: ['dossier', 'import'], summary: 'Nhập hồ sơ từ tệp ptdv.dossier/1', load: async () => (await import('./dossier')).dossierImport },
  { path: ['dossier', 'export'], summary: 'Xuất hồ sơ ra thư mục JSON', load: async () => (await import('./dossier')).dossierExport },
  { path: ['demo'], summary: 'Tạo dữ liệu mẫu', load: async () => (await import('./demo')).command },
  { path: ['backup'], summary: 'Sao lưu cơ sở dữ liệu', load: async () => (await import('./backup')).backup },
  { path: ['report'], summary: 'Lập báo cáo theo kỳ (XLSX, DOCX, PDF, JSON)', load: async () => (await import('./report')).report },
  { path: ['form'], summary: 'Lập bản nháp mẫu 5, 6, 13, 18-KNĐ (DOCX) từ dữ liệu', load: async () => (await import('./form')).command },
  { path: ['report', 'units'], summary: 'Bảng số liệu theo đơn vị: mỗi tổ chức cơ sở đảng một dòng, chi bộ trực thuộc ngay dưới', load: async () => (await import('./report')).reportUnits },
  { path: ['report', 'freeze'], summary: 'Lưu báo cáo đã gửi cấp trên (có số, ngày, phiên bản)', load: async () => (await import('./report')).reportFreeze },
  { path: ['targets', 'set'], summary: 'Đặt chỉ tiêu kết nạp theo năm, quý, tháng', load: async () => (await import('./targets')).targetsSet },
  { path: ['targets', 'list'], summary: 'Xem chỉ tiêu kết nạp và số đã đạt', load: async () => (await import('./targets')).targetsList },
  { path: ['targets', 'table'], summary: 'Bảng chỉ tiêu các đơn vị trực thuộc, tổng và phần còn lại', load: async () => (await import('./targets')).targetsTable },
  { path: ['targets', 'export'], summary: 'Xuất bảng chỉ tiêu ra XLSX', load: async () => (await import('./targets')).targetsExport },
  { path: ['targets', 'import'], summary: 'Nhập bảng chỉ tiêu từ XLSX', load: async () => (await import('./targets')).targetsImport },
  { path: ['dashboard'], summary: 'Cấp trên: tổng quan kết nạp, tiến trình, quá hạn theo đơn vị', load: async () => (await import('./oversight')).dashboard },
  { path: ['dashboard', 'people'], summary: 'Cấp trên: những người một con số của Tổng quan đếm', load: async () => (await import('./oversight')).dashboardPeopleCommand },
  { path: ['report', 'approve'], summary: 'Cấp trên: duyệt báo cáo đơn vị đã gửi', load: async () => (await import('./report')).reportApprove },
  { path: ['report', 'return'], summary: 'Cấp trên: trả lại báo cáo đơn vị đã gửi, kèm ý kiến', load: async () => (await import('./report')).reportReturn },
  { path: ['report', 'list-frozen'], summary: 'Danh sách báo cáo đã lưu', load: async () => (await import('./oversight')).reportListFrozen },
  { path: ['rulebook', 'list'], summary: 'Xem các bộ quy tắc và bộ đang áp dụng', load: async () => (await import('./oversight')).rulebookList },
  { path: ['rulebook', 'import'], summary: 'Nhập bộ quy tắc mới (JSON)', load: async () => (await import('./oversight')).rulebookImport },
  { path: ['calendar', 'list'], summary: 'Xem lịch ngày nghỉ, làm bù', load: async () => (await import('./oversight')).calendarList },
  { path: ['calendar', 'add'], summary: 'Thêm một ngày nghỉ, nghỉ bù, làm bù', load: async () => (await import('./oversight')).calendarAdd },
  { path: ['calendar', 'confirm'], summary: 'Xác nhận một ngày trong lịch', load: async () => (await import('./oversight')).calendarConfirm },
  { path: ['restore'], summary: 'Khôi phục từ bản sao lưu', load: async () => (await import('./backup')).restore },
  { path: ['keys', 'show'], summary: 'Xem khóa và mã vân tay của đơn vị', load: async () => (await import('./keys')).keysShow },
  { path: ['keys', 'export-trust'], summary: 'Xuất tệp tin cậy cho đơn vị cấp dưới', load: async () => (await import('./keys')).keysExportTrust },
  { path: ['keys', 'export-allowed-signers'], summary: 'Xuất allowed_signers cho ssh-keygen -Y verify', load: async () => (await import('./keys')).keysExportAllowedSigners },
  { path: ['keys', 'export-age-identity'], summary: 'Xuất khóa bí mật age để kiểm tra gói bằng age', load: async () => (await import('./keys')).keysExportAgeIdentity },
  { path: ['keys', 'rotate'], summary: 'Đổi khóa và tạo gói thông báo khóa mới', load: async () => (await import('./keys')).keysRotate },
  { path: ['keys', 'revoke'], summary: 'Thu hồi khóa của đơn vị cấp dưới', load: async () => (await import('./keys')).keysRevoke },
  { path: ['enrol', 'request'], summary: 'Đơn vị: tạo gói đăng ký từ tệp tin cậy của cấp trên', load: async () => (await import('./enrol')).enrolRequest },
  { path: ['enrol', 'accept'], summary: 'Cấp trên: nhận gói đăng ký, hiện mã vân tay', load: async () => (await import('./enrol')).enrolAccept },
  { path: ['enrol', 'confirm'], summary: 'Cấp trên: xác nhận đơn vị khi mã vân tay khớp', load: async () => (await import('./enrol')).enrolConfirm },
  { path: ['enrol', 'move-notice'], summary: 'Đơn vị: tạo gói báo cấp trên cũ đã chuyển đi', load: async () => (await import('./enrol')).enrolMoveNotice },
  { path: ['enrol', 'resync'], summary: 'Đơn vị: đánh số gói tiếp sau số cấp trên đã nhận', load: async () => (await import('./enrol')).enrolResync },
  { path: ['bundle', 'export'], summary: 'Tạo gói báo cáo gửi cấp trên', load: async () => (await import('./bundle')).bundleExport },
  { path: ['bundle', 'verify'], summary: 'Kiểm tra gói nhận được mà không nhập', load: async () => (await import('./bundle')).bundleVerify },
  { path: ['bundle', 'import'], summary: 'Nhập các gói nhận được', load: async () => (await import('./bundle')).bundleImport },
  { path: ['bundle', 'outbox'], summary: 'Xem và lưu lại các gói đã gửi', load: async () => (await import('./bundle')).bundleOutbox },
  { path: ['directive', 'export'], summary: 'Cấp trên: tạo gói chỉ đạo cho đơn vị cấp dưới', load: async () => (await import('./directive')).directiveExport },
  { path: ['directive', 'import'], summary: 'Đơn vị: nhập gói chỉ đạo của cấp trên', load: async () => (await import('./directive')).directiveImport },
  { path: ['directive', 'add-decision'], summary: 'Cấp trên: ghi quyết định kết nạp/công nhận để gửi xuống', load: async () => (await import('./directive')).directiveAddDecision },
  { path: ['directive', 'add-note'], summary: 'Cấp trên: ghi ý kiến, yêu cầu bổ sung hồ sơ', load: async () => (await import('./directive')).directiveAddNote },
  { path: ['directive', 'add-rules-update'], summary: 'Cấp trên: gửi lịch ngày nghỉ và bộ quy tắc cho đơn vị không trực thuộc trực tiếp', load: async () => (await import('./directive')).directiveAddRulesUpdate },
  { path: ['directive', 'resolve'], summary: 'Đơn vị: đánh dấu đã xử lý yêu cầu của cấp trên', load: async () => (await import('./directive')).directiveResolve },
  { path: ['directive', 'list'], summary: 'Xem mục chỉ đạo chờ gửi và đã nhận', load: async () => (await import('./directive')).directiveList },
  { path: ['unit', 'show'], summary: 'Xem thông tin đơn vị', load: async () => (await import('./unit')).unitShow },
  { path: ['unit', 'set'], summary: 'Sửa thông tin đơn vị (tên, Đoàn, Công đoàn, bí thư, địa danh, cấp trên)', load: async () => (await import('./unit')).unitSet },
  { path: ['units', 'list'], summary: 'Cấp trên: danh sách đơn vị cấp dưới', load: async () => (await import('./units')).unitsList },
  { path: ['units', 'show'], summary: 'Cấp trên: người và phát hiện của một đơn vị cấp dưới', load: async () => (await import('./units')).unitsShow },
  { path: ['units', 'confirm-change'], summary: 'Cấp trên: xác nhận tên hoặc cấp mới của đơn vị cấp dưới', load: async () => (await import('./units')).unitsConfirmChange },
  { path: ['units', 'move-out'], summary: 'Cấp trên: ghi nhận đơn vị trực thuộc đã chuyển đi', load: async () => (await import('./units')).unitsMoveOut },
  { path: ['units', 'accept-numbering'], summary: 'Cấp trên: chấp nhận cách đánh số mới của đơn vị', load: async () => (await import('./units')).unitsAcceptNumbering },
  { path: ['quarantine', 'list'], summary: 'Xem bản ghi bị cách ly khi nhập gói', load: async () => (await import('./units')).quarantineList },
  { path: ['quarantine', 'retry'], summary: 'Thử lại bản ghi bị cách ly', load: async () => (await import('./units')).quarantineRetry },
];
