import { Link, useLocation } from 'wouter';
import { call } from '../../api';
import { ProfileForm } from './ProfileForm';

/** Adds a candidate to the unit, then opens their page to continue with events, mentors and documents. */
export function NewCandidatePage() {
  const [, navigate] = useLocation();
  return (
    <section>
      <div className="page-head">
        <div>
          <Link href="/candidates">← Danh sách người vào Đảng</Link>
          <h1>Thêm người vào Đảng</h1>
        </div>
      </div>
      <div className="card">
        <ProfileForm
          withSource
          submitLabel="Lưu và mở hồ sơ"
          onCancel={() => navigate('/candidates')}
          onSubmit={async (profile, firstEvent, confirmDuplicate) => {
            const created = await call('candidates:create', { profile, ...(firstEvent ? { firstEvent } : {}), ...(confirmDuplicate ? { confirmDuplicate } : {}) });
            navigate(`/candidates/${created.id}`, { replace: true });
          }}
        />
      </div>
    </section>
  );
}
