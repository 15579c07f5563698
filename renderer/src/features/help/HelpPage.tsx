import { useEffect, type ReactNode } from 'react';
import { useSearchParams } from 'wouter';
import { BEFORE_VOTE_SEVERITY, CODE_SEVERITY, DUE_CODES, FINDING_CODES, type FindingCode } from '../../../../electron/core/domain/rules/findings';
import { SeverityTag } from '../../components/SeverityTag';
import { findingCodeLabel, SEVERITY_LABELS } from '../../lib/labels';
import { FINDING_ACTIONS } from './finding-actions';
import { TOPICS, type TopicId } from './topics';

function Topic({ id, children }: { id: TopicId; children: ReactNode }) {
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
                <small className="help-before-vote">({SEVERITY_LABELS[BEFORE_VOTE_SEVERITY[code]]} khi chi bộ chưa xét)</small>
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

/**
 * Hướng dẫn: the secretary's common tasks step by step, and what each finding means; reachable from every screen,
 * whose “?” opens it at that screen's topic (`?muc=`).
 */
export function HelpPage() {
  const [params] = useSearchParams();
  const topic = params.get('muc');
  useEffect(() => {
    if (topic) {
      document.getElementById(`help-${topic}`)?.scrollIntoView();
    }
  }, [topic]);
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
      <Topic id="tien-trinh">
        <p>
          <strong>Tiến trình</strong> xếp mỗi người vào đúng bước của họ (từ nguồn đến đảng viên dự bị); người có lỗi hay
          việc quá hạn được đánh dấu đỏ. Bấm vào một người để mở hồ sơ. <strong>Tổng quan</strong> cho số liệu cả năm: kết
          nạp so với chỉ tiêu, số người ở từng bước, lỗi và việc quá hạn; bấm vào một con số để xem những người được đếm.
          Các con số này cũng là số của báo cáo năm.
        </p>
      </Topic>
      <Topic id="chi-tieu">
        <ol>
          <li>
            Mở <strong>Chỉ tiêu</strong>, chọn kỳ (cả năm, một quý hay một tháng) và cách giao: số người, hoặc % số đảng viên
            chính thức đầu năm.
          </li>
          <li>
            Gõ số (ví dụ 3, hoặc 7,5 với tỷ lệ) rồi lưu. Không giao chỉ tiêu thì để trống. Số người lớn hơn số đảng viên chính
            thức của đơn vị cần xác nhận lại trước khi lưu, để tránh gõ nhầm.
          </li>
          <li>
            Chỉ tiêu do cấp trên giao đến trong tệp chỉ đạo được dùng thay chỉ tiêu đơn vị tự đặt cho cùng kỳ. Đảng ủy cơ sở
            chia chỉ tiêu cho các chi bộ trong bảng “Chỉ tiêu các đơn vị”, dòng cuối cho biết số còn lại chưa chia.
          </li>
        </ol>
      </Topic>
      <Topic id="quy-tac-lich">
        <p>
          <strong>Bộ quy tắc</strong> là các quy định ptdv dùng để kiểm tra hồ sơ (tuổi, thời hạn, số phiếu…), mỗi quy tắc
          ghi rõ văn bản căn cứ và ngày có hiệu lực. Bộ quy tắc mới do cấp trên gửi xuống được nhập tự động; cũng có thể nhập
          từ tệp. <strong>Lịch ngày nghỉ</strong> dùng để đếm ngày làm việc của các thời hạn: thêm hoặc sửa ngày nghỉ lễ,
          ngày nghỉ bù theo thông báo chính thức, rồi đánh dấu “đã đối chiếu”. Ngày chưa đối chiếu được tô vàng.
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
