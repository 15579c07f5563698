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
  { path: ['report', 'freeze'], summary: 'Lưu báo cáo đã gửi cấp trên (có số, ngày, phiên bản)', load: async () => (await import('./report')).reportFreeze },
  { path: ['targets', 'set'], summary: 'Đặt chỉ tiêu kết nạp theo năm, quý, tháng', load: async () => (await import('./targets')).targetsSet },
  { path: ['targets', 'list'], summary: 'Xem chỉ tiêu kết nạp và số đã đạt', load: async () => (await import('./targets')).targetsList },
  { path: ['restore'], summary: 'Khôi phục từ bản sao lưu', load: async () => (await import('./backup')).restore },
];
