import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import type { CandidateRow } from '../../../../electron/core/model/entities';
import { formatViDate } from '../../../../electron/core/model/dates';
import { matchesSearch } from '../../../../electron/core/domain/lists';
import { call } from '../../api';
import { DateField, Field, FormError } from '../../components/Field';
import { todayIso, viDate } from '../../lib/form';
import { stageLabel } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { useFormFailure } from '../../lib/use-form-failure';

const decisionSchema = z.object({
  candidateId: z.string().min(1, 'Chọn người được quyết định.'),
  kind: z.enum(['admission', 'recognition']),
  number: z.string().trim().min(1, 'Nhập số quyết định, ví dụ 125-QĐ/ĐU.').max(60, 'Tối đa 60 ký tự.'),
  date: viDate('Nhập ngày ký quyết định (ngày/tháng/năm).'),
});

const noteSchema = z.object({
  kind: z.enum(['comment', 'request-dossier']),
  candidateId: z.string(),
  text: z.string().trim().min(1, 'Nhập nội dung.').max(4000, 'Tối đa 4.000 ký tự.'),
});

function CandidateOptions({ candidates }: { candidates: Pick<CandidateRow, 'id' | 'fullName' | 'birthDate' | 'stage'>[] }) {
  return candidates.map((c) => (
    <option key={c.id} value={c.id}>
      {c.fullName} · {formatViDate(c.birthDate)} · {stageLabel(c.stage)}
    </option>
  ));
}

const NOT_OFFERED = {
  admission: 'quyết định kết nạp chỉ dành cho người chi bộ và đảng ủy cơ sở đã biểu quyết đề nghị kết nạp.',
  recognition: 'quyết định công nhận chính thức chỉ dành cho đảng viên dự bị đã hết thời hạn dự bị và được chi bộ biểu quyết (13-KNĐ).',
} as const;
const SEARCH_DELAY_MS = 200;

function useDebounced(value: string): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return debounced;
}

/**
 * An admission or recognition decision issued by the superior, to be carried by the next directive. The person is
 * found by name (without diacritics too) among those the decision takes one step on; a person found who does not
 * fit is listed with the reason instead of being offered.
 */
export function DecisionForm({ unitCode, version, onAdded }: { unitCode: string; version: number; onAdded: () => void }) {
  const [text, setText] = useState('');
  const query = useDebounced(text.trim());
  const form = useForm<z.input<typeof decisionSchema>, unknown, z.output<typeof decisionSchema>>({
    resolver: zodResolver(decisionSchema),
    defaultValues: { candidateId: '', kind: 'admission', number: '', date: formatViDate(todayIso()) },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['kind', 'candidateId', 'number', 'date']);
  const { errors, isSubmitting } = form.formState;
  // Only people the decision takes one step further; the service checks the votes and dates again.
  const kind = useWatch({ control: form.control, name: 'kind' });
  const choices = useLoad(() => call('directives:decision-choices', { unitCode, kind, query: query || undefined }), `${unitCode}|${kind}|${query}|${version}`);
  const offered = choices.data?.offered ?? [];
  const notFitting = choices.data?.notFitting ?? [];
  const hint = !choices.data
    ? undefined
    : query
      ? offered.length === 0 && notFitting.length === 0
        ? `Không tìm thấy ai có tên «${query}» trong đơn vị.`
        : `${offered.length} người phù hợp với tên «${query}».`
      : choices.data.leftOut > 0
        ? `${choices.data.leftOut} người không có trong danh sách: ${NOT_OFFERED[kind]}`
        : undefined;
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      await call('directives:add-decision', v);
      form.reset({ ...v, candidateId: '', number: '', date: formatViDate(v.date) });
      onAdded();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Thêm quyết định" className="inline-form">
      <h3 className="subhead">Thêm quyết định đã ký</h3>
      <div className="form-grid">
        <Field label="Loại quyết định" error={errors.kind?.message}>
          <select {...form.register('kind')}>
            <option value="admission">Quyết định kết nạp đảng viên</option>
            <option value="recognition">Quyết định công nhận đảng viên chính thức</option>
          </select>
        </Field>
        <Field label="Tìm người được quyết định">
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Gõ họ tên, không dấu cũng được" />
        </Field>
        <Field label="Người được quyết định" error={errors.candidateId?.message ?? choices.error ?? undefined} hint={hint} wide>
          <select {...form.register('candidateId')}>
            <option value="">{offered.length === 0 ? '— Không có ai phù hợp —' : '— Chọn người —'}</option>
            <CandidateOptions candidates={offered} />
          </select>
        </Field>
        <Field label="Số quyết định" error={errors.number?.message}>
          <input {...form.register('number')} placeholder="125-QĐ/ĐU" />
        </Field>
        <DateField label="Ngày ký" error={errors.date?.message} registration={form.register('date')} />
      </div>
      {notFitting.length > 0 ? (
        <div className="not-offered" data-testid="decision-not-offered">
          <p className="detail">Không đưa vào danh sách chọn:</p>
          <ul>
            {notFitting.map((c) => (
              <li key={c.id}>
                <strong>{c.fullName}</strong> <span className="detail">({formatViDate(c.birthDate)})</span>: {c.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormError message={failure} />
      <div className="actions">
        <button type="submit" className="btn" disabled={isSubmitting}>
          Thêm quyết định
        </button>
      </div>
    </form>
  );
}

/** A comment for the unit, or a request to complete a candidate's dossier. */
export function NoteForm({ unitCode, candidates, onAdded }: { unitCode: string; candidates: CandidateRow[]; onAdded: () => void }) {
  const form = useForm<z.input<typeof noteSchema>, unknown, z.output<typeof noteSchema>>({
    resolver: zodResolver(noteSchema),
    defaultValues: { kind: 'comment', candidateId: '', text: '' },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['kind', 'candidateId', 'text']);
  const { errors, isSubmitting } = form.formState;
  const [search, setSearch] = useState('');
  const chosen = useWatch({ control: form.control, name: 'candidateId' });
  // The one chosen stays offered while the search changes, or the choice would be dropped without a word.
  const found = candidates.filter((c) => c.id === chosen || matchesSearch(search, c.fullName));
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      await call('directives:add-note', { unitCode, kind: v.kind, text: v.text, candidateId: v.candidateId || null });
      form.reset({ kind: v.kind, candidateId: '', text: '' });
      setSearch('');
      onAdded();
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Thêm ý kiến" className="inline-form">
      <h3 className="subhead">Thêm ý kiến hoặc đề nghị bổ sung hồ sơ</h3>
      <div className="form-grid">
        <Field label="Loại" error={errors.kind?.message}>
          <select {...form.register('kind')}>
            <option value="comment">Ý kiến, nhắc nhở</option>
            <option value="request-dossier">Đề nghị bổ sung hồ sơ</option>
          </select>
        </Field>
        <Field label="Tìm người">
          <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="Gõ họ tên, không dấu cũng được" />
        </Field>
        <Field
          label="Về người (không bắt buộc)"
          error={errors.candidateId?.message}
          hint={search.trim() ? (found.length === 0 ? `Không tìm thấy ai có tên «${search.trim()}» trong đơn vị.` : `${found.length} người có tên khớp «${search.trim()}».`) : undefined}
        >
          <select {...form.register('candidateId')}>
            <option value="">— Cả đơn vị —</option>
            <CandidateOptions candidates={found} />
          </select>
        </Field>
        <Field label="Nội dung" error={errors.text?.message} wide>
          <textarea {...form.register('text')} rows={3} />
        </Field>
      </div>
      <FormError message={failure} />
      <div className="actions">
        <button type="submit" className="btn" disabled={isSubmitting}>
          Thêm ý kiến
        </button>
      </div>
    </form>
  );
}
