import { zodResolver } from '@hookform/resolvers/zod';
import { Fragment, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import { DOCUMENT_FORMS, type DocumentForm } from '../../../../electron/core/model/dossier';
import type { CandidateCheck } from '../../../../electron/core/model/checks';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { DateField, Field, FormError } from '../../components/Field';
import { ToneIcon } from '../../components/SeverityTag';
import { optionalText, todayIso, viDate } from '../../lib/form';
import { useFormFailure } from '../../lib/use-form-failure';

type Item = CandidateCheck['checklist'][number];
type Props = { candidate: CandidateDetail; check: CandidateCheck | undefined; onChange: (d: CandidateDetail) => void };

/** Certificates are events of the timeline, not documents: receiving one records the event. */
const CERTIFICATE_EVENTS = { 'CN-NTVĐ': 'COURSE_CERTIFIED', 'CN-ĐVM': 'NEW_MEMBER_COURSE_DONE' } as const;
/** Resolutions and decisions that come with a vote or a decision event, which records the numbers as well. */
const EVENT_FORMS = new Set(['6-KNĐ', '8-KNĐ', '9-KNĐ', '13-KNĐ', '15-KNĐ', '16-KNĐ']);

const STATUS: Readonly<Record<Item['status'], { text: string; tone: 'ok' | 'warning' | 'error' | 'none' }>> = {
  present: { text: 'Đã có, còn giá trị', tone: 'ok' },
  stale: { text: 'Quá 12 tháng, cần làm lại', tone: 'warning' },
  expired: { text: 'Hết hạn', tone: 'error' },
  missing: { text: 'Còn thiếu', tone: 'warning' },
  'not-yet': { text: 'Chưa cần', tone: 'none' },
};

function isDocumentForm(form: string): form is DocumentForm {
  return (DOCUMENT_FORMS as readonly string[]).includes(form);
}

function canMark(item: Item): boolean {
  return item.status !== 'present' && !EVENT_FORMS.has(item.form) && (item.form in CERTIFICATE_EVENTS || isDocumentForm(item.form));
}

/** A missing form is a to-do until a rule makes its absence an error (the vote went ahead without it). */
function StatusTag({ item, error }: { item: Item; error: boolean }) {
  const optionalMissing = item.status === 'missing' && !item.required;
  const status = STATUS[item.status];
  const { text, tone } = optionalMissing
    ? { text: 'Chưa có (nếu có)', tone: 'none' as const }
    : { text: status.text, tone: error ? ('error' as const) : status.tone };
  return (
    <span className={`sev sev-${tone === 'none' ? 'none' : tone}`}>
      {tone === 'none' ? null : <ToneIcon tone={tone} />}
      {text}
    </span>
  );
}

const markSchema = z.object({ date: viDate('Nhập ngày nhận.'), signer: optionalText(120) });

function MarkForm({ item, candidate, onChange, onClose }: { item: Item; candidate: CandidateDetail; onChange: Props['onChange']; onClose: () => void }) {
  const form = useForm<z.input<typeof markSchema>, unknown, z.output<typeof markSchema>>({
    resolver: zodResolver(markSchema),
    defaultValues: { date: formatViDate(todayIso()), signer: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['date', 'signer']);
  const { errors, isSubmitting } = form.formState;
  const certificate = item.form === 'CN-NTVĐ' || item.form === 'CN-ĐVM' ? CERTIFICATE_EVENTS[item.form] : null;
  // A letter is tied to its introducer by the signer's name, so offer the introducers' names as typed in the file.
  const letter = item.form === '3-KNĐ' && candidate.introducers.length > 0;
  const submit = form.handleSubmit(async ({ date, signer }) => {
    setFailure(null);
    try {
      if (certificate) {
        onChange(await call('candidates:add-event', { id: candidate.id, event: { type: certificate, date, note: signer ? `Người ký: ${signer}` : null } }));
      } else if (isDocumentForm(item.form)) {
        onChange(await call('candidates:add-document', { id: candidate.id, document: { form: item.form, date, signer } }));
      }
      onClose();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="mark-form" onSubmit={submit} noValidate aria-label={`Đánh dấu đã nhận ${item.form}`}>
      <DateField label={certificate ? 'Ngày cấp' : 'Ngày của tài liệu'} error={errors.date?.message} registration={form.register('date')} autoFocus />
      <Field label="Người ký" error={errors.signer?.message} hint={letter ? 'Người giới thiệu đã viết giấy này' : undefined}>
        <input {...form.register('signer')} list={letter ? 'letter-signers' : undefined} />
      </Field>
      {letter ? (
        <datalist id="letter-signers">
          {candidate.introducers.map((i) => (
            <option key={i.id} value={i.name} />
          ))}
        </datalist>
      ) : null}
      <div className="mark-actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          Lưu
        </button>
      </div>
      <FormError message={failure} />
    </form>
  );
}

function Rows({ items, errorForms, candidate, onChange }: { items: Item[]; errorForms: ReadonlySet<string>; candidate: CandidateDetail; onChange: Props['onChange'] }) {
  const [marking, setMarking] = useState<string | null>(null);
  return (
    <table className="table checklist">
      <thead>
        <tr>
          <th>Tình trạng</th>
          <th>Tài liệu</th>
          <th>
            <span className="sr-only">Thao tác</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((item, i) => {
          const key = `${item.form}-${i}`;
          const error = errorForms.has(item.form) && item.status !== 'present';
          return (
            <Fragment key={key}>
              <tr className={`checklist-${item.required ? item.status : 'optional'}${error ? ' checklist-error' : ''}`} data-testid="checklist-item" data-form={item.form}>
                <td>
                  <StatusTag item={item} error={error} />
                </td>
                <td>
                  <strong>{item.form}</strong> {item.label}
                  {item.date ? (
                    <div className="checklist-received">
                      Ngày {formatViDate(item.date)}
                      {item.signer ? ` · Người ký: ${item.signer}` : ''}
                    </div>
                  ) : null}
                  {item.dueNote ? <div className="detail">{item.dueNote}</div> : null}
                </td>
                <td className="checklist-action">
                  {candidate.readOnly || marking === key ? null : canMark(item) ? (
                    <button type="button" className="btn btn-small" onClick={() => setMarking(key)}>
                      Đánh dấu đã nhận
                    </button>
                  ) : EVENT_FORMS.has(item.form) && item.status !== 'present' ? (
                    <span className="detail">Ghi ở mục Quá trình</span>
                  ) : null}
                </td>
              </tr>
              {marking === key ? (
                <tr className="mark-row">
                  <td colSpan={3}>
                    <MarkForm item={item} candidate={candidate} onChange={onChange} onClose={() => setMarking(null)} />
                  </td>
                </tr>
              ) : null}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}

/**
 * The dossier checklist for the candidate's introduction path and stage: what is needed now and whether it is on
 * file and still valid; what comes later is folded away so the list stays about today.
 */
export function ChecklistCard({ candidate, check, onChange }: Props) {
  const checklist = check?.checklist;
  const errorForms = new Set((check?.evaluation.findings ?? []).filter((f) => f.severity === 'error').flatMap((f) => f.refs ?? []));
  const now = (checklist ?? []).filter((i) => i.status !== 'not-yet');
  const later = (checklist ?? []).filter((i) => i.status === 'not-yet');
  const missing = now.filter((i) => i.required && i.status !== 'present').length;
  return (
    <section className="card section" aria-labelledby="checklist-title" data-testid="checklist">
      <div className="section-head">
        <h2 id="checklist-title">Danh mục hồ sơ</h2>
        {checklist ? (
          <span className="count">{missing ? `${missing} mục cần bổ sung` : 'Đủ các mục cần có lúc này'}</span>
        ) : null}
      </div>
      {!checklist ? <p className="muted">Đang kiểm tra…</p> : null}
      {checklist && now.length === 0 ? <p className="muted">Ở giai đoạn này chưa cần tài liệu nào.</p> : null}
      {now.length > 0 ? <Rows items={now} errorForms={errorForms} candidate={candidate} onChange={onChange} /> : null}
      {later.length > 0 ? (
        <details className="checklist-later">
          <summary>Tài liệu của các bước sau ({later.length})</summary>
          <Rows items={later} errorForms={errorForms} candidate={candidate} onChange={onChange} />
        </details>
      ) : null}
    </section>
  );
}
