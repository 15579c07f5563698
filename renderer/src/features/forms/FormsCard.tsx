import { formAvailability } from '../../../../electron/core/domain/reports/forms/drafts';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { FormError } from '../../components/Field';
import { DOCUMENT_LABELS } from '../../lib/labels';
import { SavedDraftNotice } from './SavedDraftNotice';
import { useFormExport } from './use-form-export';

/**
 * The documents the cell types itself for this candidate, as Word drafts filled from the file; each one is offered
 * once the step it records is in the timeline, and otherwise says what is still missing.
 */
export function FormsCard({ candidate }: { candidate: CandidateDetail }) {
  const exporter = useFormExport();
  const events = candidate.events.filter((e) => e.voided === null).map((e) => e.event);
  return (
    <section className="card section" aria-labelledby="forms-title" data-testid="forms-card">
      <div className="section-head">
        <h2 id="forms-title">Mẫu văn bản</h2>
      </div>
      <p className="detail">
        Bản nháp Word điền sẵn từ hồ sơ; chi bộ viết phần nhận xét, ký và đóng dấu. Đơn xin vào Đảng (1-KNĐ) do
        người xin vào Đảng tự viết tay nên không lập sẵn.
      </p>
      <ul className="plain-list">
        {formAvailability(events).map((a) => (
          <li key={a.form} data-testid="form-draft" data-form={a.form}>
            <div>
              <strong>{a.form}</strong> — {DOCUMENT_LABELS[a.form]}
              {a.reason ? <div className="detail">{a.reason}</div> : null}
            </div>
            <button
              type="button"
              className="btn btn-small"
              disabled={!a.available || exporter.busy !== null}
              aria-label={`Tải bản nháp ${a.form}`}
              onClick={() => void exporter.run(a.form, candidate.profile.fullName, candidate.id)}
            >
              {exporter.busy === a.form ? 'Đang lập…' : 'Tải bản nháp'}
            </button>
          </li>
        ))}
      </ul>
      <FormError message={exporter.failure} />
      <SavedDraftNotice saved={exporter.saved} />
    </section>
  );
}
