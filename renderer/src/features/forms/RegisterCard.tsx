import { FormError } from '../../components/Field';
import { SavedDraftNotice } from './SavedDraftNotice';
import { useFormExport } from './use-form-export';

/** The cell's register of probationary members (18-KNĐ) as a Word draft, from every recorded admission ceremony. */
export function RegisterCard({ unitCode }: { unitCode: string }) {
  const exporter = useFormExport();
  return (
    <section className="card section" aria-labelledby="register-title" data-testid="register-card">
      <div className="section-head">
        <h2 id="register-title">Sổ theo dõi đảng viên dự bị (18-KNĐ)</h2>
        <button type="button" className="btn" disabled={exporter.busy !== null} onClick={() => void exporter.run('18-KNĐ', unitCode)}>
          {exporter.busy ? 'Đang lập…' : 'Tải sổ 18-KNĐ (Word)'}
        </button>
      </div>
      <p className="detail">
        Mỗi đảng viên đã được ghi lễ kết nạp một dòng: quyết định kết nạp, ngày vào Đảng, ngày hết dự bị, người giúp
        đỡ, ngày xét và quyết định công nhận chính thức. Mẫu 5, 6 và 13-KNĐ lập ở trang của từng người; đơn xin vào Đảng
        (1-KNĐ) phải viết tay nên không lập sẵn.
      </p>
      <FormError message={exporter.failure} />
      <SavedDraftNotice saved={exporter.saved} />
    </section>
  );
}
