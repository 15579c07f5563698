import type { FindingCode } from '../../../../electron/core/domain/rules/findings';

/**
 * What to do about each finding, in the words of a secretary's next step. Typed over every code, so a code added to
 * the rules engine does not build until it has its advice here.
 */
export const FINDING_ACTIONS: Readonly<Record<FindingCode, string>> = {
  AGE_BELOW_MIN: 'Chưa kết nạp được: chờ người đó đủ 18 tuổi (tính đến ngày chi bộ xét) rồi mới làm thủ tục.',
  AGE_ABOVE_MAX: 'Quá 60 tuổi chỉ kết nạp khi cấp ủy có thẩm quyền đồng ý; xin ý kiến cấp trên và ghi văn bản vào hồ sơ.',
  AGE_BORDERLINE: 'Kiểm tra kỹ ngày sinh trên giấy tờ và ngày chi bộ xét, để chắc chắn người đó đủ tuổi đúng ngày xét.',
  EDUCATION_INSUFFICIENT: 'Bổ sung bằng cấp vào hồ sơ, hoặc ghi trường hợp được miễn (vùng đặc biệt khó khăn, già làng) trong lý lịch.',
  CERTIFICATE_MISSING: 'Cử người đi học lớp bồi dưỡng nhận thức về Đảng, rồi ghi “Được cấp giấy chứng nhận” với ngày cấp.',
  CERTIFICATE_EXPIRED: 'Giấy chứng nhận đã quá 5 năm: cho người đó học lại lớp nhận thức về Đảng trước khi chi bộ xét.',
  CERTIFICATE_EXPIRING: 'Đẩy nhanh việc xét kết nạp trước ngày giấy hết hạn, hoặc chuẩn bị cho học lại.',
  INTRODUCERS_INSUFFICIENT: 'Ghi đủ người giới thiệu: hai đảng viên chính thức, hoặc nghị quyết giới thiệu của Đoàn/Công đoàn và một đảng viên.',
  INTRODUCER_NOT_FULL_MEMBER: 'Thay người giới thiệu bằng một đảng viên chính thức của chi bộ.',
  INTRODUCER_TOO_SHORT: 'Chọn người giới thiệu đã cùng công tác với người vào Đảng đủ 12 tháng, hoặc chờ đủ thời gian.',
  UNION_RESOLUTION_MISSING: 'Xin nghị quyết giới thiệu của Đoàn (hoặc Công đoàn) và ghi vào hồ sơ.',
  DOCUMENT_MISSING: 'Mở hồ sơ của người đó, mục “Tài liệu”, và ghi tài liệu còn thiếu khi đã có bản ký.',
  DOCUMENT_STALE: 'Tài liệu đã quá 12 tháng: làm lại bản mới (lý lịch, đơn, nhận xét) trước khi chi bộ xét.',
  BACKGROUND_CHECK_MISSING: 'Đề nghị cấp ủy thẩm tra lý lịch và ghi kết luận thẩm tra vào hồ sơ.',
  VOTE_BELOW_THRESHOLD: 'Số phiếu tán thành chưa đạt hai phần ba: chưa đề nghị kết nạp; kiểm tra lại số đảng viên được biểu quyết.',
  DECISION_OVERDUE: 'Báo ngay với đảng ủy cơ sở: quyết định kết nạp chưa có trong thời hạn; ghi gia hạn nếu cấp có thẩm quyền cho phép.',
  CEREMONY_OVERDUE: 'Tổ chức lễ kết nạp ngay; lễ phải làm trong thời hạn kể từ ngày có quyết định.',
  MEMBER_RECORDS_OVERDUE: 'Hoàn thành hồ sơ đảng viên (phiếu đảng viên, lý lịch đảng viên) và ghi lại ngày hoàn thành.',
  RECOGNITION_VOTE_TOO_EARLY: 'Chưa hết 12 tháng dự bị: sửa lại ngày biểu quyết nếu nhập nhầm, hoặc hủy sự kiện và xét lại đúng hạn.',
  RECOGNITION_VOTE_OVERDUE: 'Đã hết 12 tháng dự bị: chi bộ họp xét công nhận đảng viên chính thức ngay.',
  NEW_MEMBER_COURSE_MISSING: 'Cho đảng viên dự bị học lớp bồi dưỡng đảng viên mới trước khi xét công nhận chính thức.',
  NO_MENTOR: 'Phân công một đảng viên chính thức giúp đỡ: mở hồ sơ người đó, mục “Người giúp đỡ”.',
  NO_PROBATION_MENTOR: 'Phân công đảng viên chính thức giúp đỡ đảng viên dự bị trong thời gian dự bị.',
  EVENT_ORDER_INVALID: 'Xem lại các mốc đã ghi: một bước được ghi trước bước phải có trước nó. Hủy mốc sai (có ghi lý do) rồi ghi lại.',
  DECISION_DUE: 'Nhắc đảng ủy cơ sở ra quyết định kết nạp trước hạn.',
  CEREMONY_DUE: 'Chuẩn bị lễ kết nạp trước hạn.',
  MEMBER_RECORDS_DUE: 'Chuẩn bị hồ sơ đảng viên trước hạn.',
  RECOGNITION_VOTE_DUE: 'Lên lịch họp chi bộ xét công nhận chính thức khi đủ 12 tháng dự bị.',
  NEW_MEMBER_COURSE_DUE: 'Đăng ký cho đảng viên dự bị học lớp bồi dưỡng đảng viên mới.',
};
