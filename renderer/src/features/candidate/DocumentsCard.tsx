import { closeOnEscape } from '../../lib/close-on-escape';
import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { formatViDate } from '../../../../electron/core/model/dates';
import { DOCUMENT_FORMS } from '../../../../electron/core/model/dossier';
import type { CandidateDetail } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { VoidRecordButton } from './Corrections';
import { DateField, Field, FormError } from '../../components/Field';
import { optionalText, todayIso, viDate } from '../../lib/form';
import { DOCUMENT_LABELS, documentFormText } from '../../lib/labels';
import { useFormFailure } from '../../lib/use-form-failure';

type Props = { candidate: CandidateDetail; onChange: (d: CandidateDetail) => void };

const schema = z.object({
  form: z.enum(DOCUMENT_FORMS, 'Chọn loại tài liệu.'),
  date: viDate('Nhập ngày của tài liệu.'),
  signer: optionalText(120),
  issuer: optionalText(200),
  note: optionalText(2000),
});

type StoredDocument = CandidateDetail['documents'][number];

/** A correction says why: the wrong version is voided with this reason and stays in "Lịch sử sửa đổi". */
const correctionSchema = schema.extend({ reason: z.string().trim().min(3, 'Ghi rõ lý do sửa (ít nhất 3 ký tự).').max(500, 'Tối đa 500 ký tự.') });

/** Adds a document, or, given `correcting`, replaces a wrong one (void with a reason + the right one). */
function DocumentForm({ candidate, correcting, onChange, onClose }: Props & { correcting?: StoredDocument; onClose: () => void }) {
  const form = useForm<z.input<typeof correctionSchema>, unknown, z.output<typeof correctionSchema>>({
    resolver: zodResolver(correcting ? correctionSchema : schema.extend({ reason: z.string() })),
    defaultValues: correcting
      ? { form: correcting.form, date: formatViDate(correcting.date), signer: correcting.signer ?? '', issuer: correcting.issuer ?? '', note: correcting.note ?? '', reason: '' }
      : { form: '1-KNĐ', date: formatViDate(todayIso()), signer: '', issuer: '', note: '', reason: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['date', 'form', 'issuer', 'note', 'reason', 'signer']);
  // Opened below the list of documents: its first field takes the focus, which scrolls it into view.
  useEffect(() => form.setFocus('form'), [form]);
  const { errors, isSubmitting } = form.formState;
  const chosen = useWatch({ control: form.control, name: 'form' });
  const introducers = candidate.introducers.map((i) => i.name);
  const submit = form.handleSubmit(async ({ reason, ...document }) => {
    setFailure(null);
    try {
      onChange(
        correcting
          ? await call('candidates:correct-document', { candidateId: candidate.id, documentId: correcting.id, reason, document })
          : await call('candidates:add-document', { id: candidate.id, document }),
      );
      onClose();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="inline-form" onKeyDown={closeOnEscape(onClose)} onSubmit={submit} noValidate aria-label={correcting ? `Sửa tài liệu ${correcting.form}` : 'Thêm tài liệu'}>
      <div className="form-grid">
        <Field label="Tài liệu" error={errors.form?.message} wide>
          <select {...form.register('form')}>
            {DOCUMENT_FORMS.map((f) => (
              <option key={f} value={f}>
                {documentFormText(f)}
              </option>
            ))}
          </select>
        </Field>
        <DateField label="Ngày" error={errors.date?.message} registration={form.register('date')} />
        <Field
          label="Người ký"
          error={errors.signer?.message}
          hint={chosen === '3-KNĐ' ? 'Người giới thiệu đã viết giấy này: chọn trong danh sách hoặc gõ đúng họ tên' : undefined}
        >
          <input {...form.register('signer')} list={introducers.length > 0 ? 'document-signers' : undefined} />
        </Field>
        {introducers.length > 0 ? (
          <datalist id="document-signers">
            {introducers.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        ) : null}
        <Field label="Cơ quan ban hành" error={errors.issuer?.message}>
          <input {...form.register('issuer')} />
        </Field>
        <Field label="Ghi chú" error={errors.note?.message}>
          <input {...form.register('note')} maxLength={2000} />
        </Field>
        {correcting ? (
          <Field label="Lý do sửa" error={errors.reason?.message} wide hint="Bản cũ được giữ trong Lịch sử sửa đổi cùng lý do này.">
            <input {...form.register('reason')} maxLength={500} placeholder="Ví dụ: ghi sai ngày" />
          </Field>
        ) : null}
      </div>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {correcting ? 'Lưu bản đã sửa' : 'Thêm tài liệu'}
        </button>
      </div>
    </form>
  );
}

/** The dated documents of the candidate's file (forms 1…16-KNĐ, verification, records). */
export function DocumentsCard({ candidate, onChange }: Props) {
  const [adding, setAdding] = useState(false);
  const [correcting, setCorrecting] = useState<StoredDocument | null>(null);
  const documents = [...candidate.documents].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <section className="card section" aria-labelledby="documents-title">
      <div className="section-head">
        <h2 id="documents-title">Tài liệu hồ sơ</h2>
        {candidate.readOnly || adding ? null : (
          <button type="button" className="btn btn-small" onClick={() => setAdding(true)}>
            + Thêm tài liệu
          </button>
        )}
      </div>
      {documents.length === 0 ? (
        <p className="muted">Chưa ghi tài liệu nào.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th>Mẫu</th>
              <th>Tài liệu</th>
              <th>Ngày</th>
              <th>Người ký</th>
              <th>Ghi chú</th>
              {candidate.readOnly ? null : <th aria-label="Sửa, hủy bỏ" />}
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <td>
                  <strong>{d.form}</strong>
                </td>
                <td>{DOCUMENT_LABELS[d.form]}</td>
                <td>{formatViDate(d.date)}</td>
                <td>{[d.signer, d.issuer].filter(Boolean).join(' — ')}</td>
                <td>{d.note}</td>
                {candidate.readOnly ? null : (
                  <td>
                    <div className="cell-actions">
                      <button type="button" className="btn btn-small btn-ghost" aria-label={`Sửa tài liệu ${d.form} ngày ${formatViDate(d.date)}`} onClick={() => setCorrecting(d)}>
                        Sửa
                      </button>
                      <VoidRecordButton candidate={candidate} kind="document" recordId={d.id} label={`tài liệu ${d.form} ngày ${formatViDate(d.date)}`} onChange={onChange} />
                    </div>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {adding ? <DocumentForm candidate={candidate} onChange={onChange} onClose={() => setAdding(false)} /> : null}
      {correcting ? <DocumentForm key={correcting.id} candidate={candidate} correcting={correcting} onChange={onChange} onClose={() => setCorrecting(null)} /> : null}
    </section>
  );
}
