import type { ReactNode } from 'react';
import { BEFORE_VOTE_SEVERITY, CODE_SEVERITY, DUE_CODES, FINDING_CODES, type FindingCode } from '../../../../electron/core/domain/rules/findings';
import { SeverityTag } from '../../components/SeverityTag';
import { findingCodeLabel } from '../../lib/labels';
import { FINDING_ACTIONS } from './finding-actions';

const TOPICS = [
  { id: 'ngay-dau', title: 'Ngày đầu làm bí thư chi bộ' },
  { id: 'bao-cao-quy', title: 'Gửi báo cáo quý lên cấp trên' },
  { id: 'nhan-chi-dao', title: 'Nhận chỉ đạo của cấp trên' },
  { id: 'sao-luu', title: 'Sao lưu và khôi phục dữ liệu' },
  { id: 'mat-khau', title: 'Quên mật khẩu' },
  { id: 'danh-sach', title: 'Tìm, sắp xếp và xuất Excel' },
  { id: 'loi-canh-bao', title: 'Ý nghĩa từng lỗi, cảnh báo và việc cần làm' },
] as const;

function Topic({ id, children }: { id: (typeof TOPICS)[number]['id']; children: ReactNode }) {
  const title = TOPICS.find((t) => t.id === id)?.title ?? '';
  return (
    <section className="card help-topic" id={`help-${id}`} aria-labelledby={`help-${id}-title`}>
      <h2 id={`help-${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Every code the rules engine can report, in its own order: the words, the severity and the next step come from code. */
const CODES: readonly FindingCode[] = [...FINDING_CODES, ...DUE_CODES];

function FindingTable() {
  return (
    <table className="table help-findings" aria-label="Các lỗi, cảnh báo và nhắc việc">
      <thead>
        <tr>
          <th>Mức độ</th>
          <th>Nội dung</th>
          <th>Cần làm gì</th>
        </tr>
      </thead>
      <tbody>
        {CODES.map((code) => (
          <tr key={code} data-testid="help-finding" data-code={code}>
            <td>
              <SeverityTag severity={CODE_SEVERITY[code]} />
              {BEFORE_VOTE_SEVERITY[code] && (
                <small className="help-before-vote">
                  {' '}
                  (<SeverityTag severity={BEFORE_VOTE_SEVERITY[code]} /> khi chi bộ chưa xét)
                </small>
              )}
            </td>
            <td>
              <strong>{findingCodeLabel(code)}</strong>
              <small className="help-code">{code}</small>
            </td>
            <td>{FINDING_ACTIONS[code]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Hướng dẫn: the secretary's common tasks step by step, and what each finding means; reachable from every screen. */
export function HelpPage() {
  return (
    <section className="help">
      <div className="page-head">
        <div>
          <h1>Hướng dẫn</h1>
          <p className="count">Các việc thường làm, từng bước một. Bấm dấu “?” ở góc trên để quay lại đây từ bất kỳ màn hình nào.</p>
        </div>
      </div>
      <nav className="help-toc" aria-label="Mục lục hướng dẫn">
        <ol>
          {TOPICS.map((t) => (
            <li key={t.id}>
              <a href={`#help-${t.id}`} onClick={(e) => (e.preventDefault(), document.getElementById(`help-${t.id}`)?.scrollIntoView())}>
                {t.title}
              </a>
            </li>
          ))}
        </ol>
      </nav>
      <Topic id="ngay-dau">
        <ol>
          <li>
            Vào <strong>Cài đặt → Thông tin đơn vị</strong>: kiểm tra tên chi bộ, mã đơn vị cấp trên, họ tên bí thư.
          </li>
          <li>
            Vào <strong>Đảng viên</strong>, bấm “+ Thêm đảng viên” và nhập toàn bộ đảng viên của chi bộ (chính thức và dự
            bị). Danh sách này dùng để chọn người giới thiệu, người giúp đỡ và đếm số người biểu quyết.
          </li>
          <li>
            Vào <strong>Người vào Đảng</strong>, bấm “+ Thêm người vào Đảng” cho từng quần chúng ưu tú, rồi ghi các mốc đã
            qua (vào nguồn, cảm tình Đảng, học lớp…) theo ngày trên giấy tờ.
          </li>
          <li>
            Mở <strong>Việc cần làm</strong>: ptdv tự kiểm tra hồ sơ theo quy định và liệt kê việc quá hạn, lỗi, việc sắp
            đến hạn. Làm từ trên xuống.
          </li>
          <li>
            Vào <strong>Cài đặt → Sao lưu dữ liệu</strong> và tạo bản sao lưu đầu tiên ra USB.
          </li>
        </ol>
      </Topic>
      <Topic id="bao-cao-quy">
        <ol>
          <li>
            Mở <strong>Báo cáo</strong>, chọn kỳ (ví dụ “Quý IV/2026”) và xem số liệu; sửa hồ sơ nếu thấy số chưa đúng.
          </li>
          <li>Bấm “Chốt báo cáo” khi số liệu đã đúng; bản đã chốt không đổi nữa, có thể in hay xuất Excel, Word, PDF.</li>
          <li>
            Mở <strong>Kết nối cấp trên</strong>, bấm gửi gói số liệu cho kỳ đó; lưu tệp vào USB hoặc gửi thư điện tử cho
            cấp trên, giữ nguyên tên tệp.
          </li>
          <li>Nếu cấp trên báo chưa nhận được, gửi lại chính tệp đó; ptdv của cấp trên không nhập trùng.</li>
        </ol>
      </Topic>
      <Topic id="nhan-chi-dao">
        <ol>
          <li>Nhận tệp chỉ đạo của cấp trên (qua USB hoặc thư điện tử) và lưu vào máy.</li>
          <li>
            Mở <strong>Kết nối cấp trên</strong>, chọn nhận tệp và chọn tệp vừa lưu. ptdv kiểm tra chữ ký của cấp trên;
            tệp không đúng chữ ký sẽ bị từ chối và dữ liệu không thay đổi.
          </li>
          <li>Đọc chỉ đạo (chỉ tiêu, yêu cầu sửa hồ sơ…) trong mục “Các tệp đã nhận” và làm theo.</li>
          <li>
            Cột <strong>Nơi ban hành</strong> cho biết ai ra chỉ đạo. Chỉ đạo của Đảng ủy Khối do đảng ủy cơ sở chuyển xuống ghi
            “chuyển qua …”: ptdv đã kiểm tra chữ ký của chính Đảng ủy Khối; chỉ đạo bị sửa dọc đường sẽ bị từ chối riêng.
          </li>
        </ol>
      </Topic>
      <Topic id="sao-luu">
        <ol>
          <li>
            <strong>Sao lưu</strong>: vào <strong>Cài đặt → Sao lưu dữ liệu</strong>, chọn nơi lưu (nên là USB), đặt tên
            có ngày. Nên sao lưu mỗi tuần và sau mỗi lần nhập nhiều.
          </li>
          <li>
            <strong>Khôi phục</strong>: vào <strong>Cài đặt → Khôi phục từ bản sao lưu</strong>, chọn tệp sao lưu và nhập
            mật khẩu của lúc sao lưu. Dữ liệu hiện tại được giữ lại một bản, không bị xóa.
          </li>
          <li>Bản sao lưu được mã hóa; không có mật khẩu hay mã khôi phục thì không ai đọc được.</li>
        </ol>
      </Topic>
      <Topic id="mat-khau">
        <p>
          Ở màn hình mở khóa, gõ <strong>mã khôi phục</strong> (trên giấy đã chép khi tạo dữ liệu) vào ô mật khẩu. ptdv
          mở dữ liệu và yêu cầu đặt ngay mật khẩu mới. Mã khôi phục vẫn dùng được như cũ; hãy cất giữ cẩn thận.
        </p>
      </Topic>
      <Topic id="danh-sach">
        <p>
          Ở các danh sách (Người vào Đảng, Đảng viên, Việc cần làm, bảng đơn vị), ô tìm kiếm không cần gõ dấu: “nguyen thi
          lan” tìm được “Nguyễn Thị Lan”. Bấm vào tên cột để sắp xếp, bấm lần nữa để đảo chiều. Nút “Xuất Excel” lưu đúng
          những dòng đang hiện, theo đúng thứ tự.
        </p>
      </Topic>
      <Topic id="loi-canh-bao">
        <p>
          <strong>Lỗi</strong>: hồ sơ trái quy định, phải sửa trước khi làm bước tiếp. <strong>Cảnh báo</strong>: cần xem
          lại. <strong>Nhắc việc</strong>: việc sắp đến hạn. Việc đã quá hạn luôn đứng đầu danh sách Việc cần làm.
        </p>
        <FindingTable />
      </Topic>
    </section>
  );
}
