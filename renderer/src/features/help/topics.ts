/** The topics of Hướng dẫn, and which one each screen's “?” opens at: small, so the shell loads it without the help page. */

export const TOPICS = [
  { id: 'ngay-dau', title: 'Ngày đầu làm bí thư chi bộ' },
  { id: 'bao-cao-quy', title: 'Gửi báo cáo quý lên cấp trên' },
  { id: 'nhan-chi-dao', title: 'Nhận chỉ đạo của cấp trên' },
  { id: 'sao-luu', title: 'Sao lưu và khôi phục dữ liệu' },
  { id: 'mat-khau', title: 'Quên mật khẩu' },
  { id: 'danh-sach', title: 'Tìm, sắp xếp và xuất Excel' },
  { id: 'tien-trinh', title: 'Tiến trình và Tổng quan' },
  { id: 'chi-tieu', title: 'Chỉ tiêu kết nạp' },
  { id: 'quy-tac-lich', title: 'Bộ quy tắc và lịch ngày nghỉ' },
  { id: 'loi-canh-bao', title: 'Ý nghĩa từng lỗi, cảnh báo và việc cần làm' },
] as const;

export type TopicId = (typeof TOPICS)[number]['id'];

/** The topic the “?” of each screen opens at (the first part of its route). */
const TOPIC_OF_SCREEN: Readonly<Record<string, TopicId>> = {
  // A person's page and the new-person form; the lists themselves open at how to search, sort and export them.
  candidates: 'ngay-dau',
  members: 'danh-sach',
  todo: 'loi-canh-bao',
  pipeline: 'tien-trinh',
  dashboard: 'tien-trinh',
  targets: 'chi-tieu',
  reports: 'bao-cao-quy',
  sync: 'nhan-chi-dao',
  units: 'nhan-chi-dao',
  rulebook: 'quy-tac-lich',
  calendar: 'quy-tac-lich',
  settings: 'sao-luu',
};

/** The help topic for the screen at `route` (“/targets”, “/candidates/…”), if it has one. */
export function helpTopicOf(route: string): TopicId | null {
  const [, screen = '', rest] = route.split(/[/?]/);
  if (screen === 'candidates' && (rest === undefined || rest === '' || rest === 'stage' || rest === 'filter')) {
    return 'danh-sach';
  }
  return TOPIC_OF_SCREEN[screen] ?? null;
}
